package dev.askwise.policy;

import dev.askwise.model.PopulationModel;
import dev.askwise.welfare.LexLevels;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Value of information under the welfare objective: ask the attribute whose answer most increases the expected
 * objective {@code E[f(U)]} (U already charged for the question), looking {@code depth} questions ahead (1 or 2);
 * stop when no question gains. The gain is reported as the change in certainty-equivalent utility. At γ = ∞ the
 * comparison is lexicographic ({@link LexLevels}) and the gain is NaN. Hypothetical answers update the posterior by
 * Bayes' rule; their stop values use the responder's single-start ascent (a lower bound on the thorough response's
 * value when γ &gt; 0; exact at γ = 0).
 */
public final class VoiPolicy implements QueryPolicy {

    private final int depth;
    private final boolean fast;

    /**
     * @param depth lookahead, 1 or 2
     */
    public VoiPolicy(int depth) {
        this(depth, false);
    }

    /**
     * @param depth lookahead, 1 or 2
     * @param fast  value stops with {@link Responder#approximateValue} (mode response, normal approximation) instead
     *              of the optimised response; the same approximation values stopping now, so the comparison is
     *              consistent. Only for finite γ.
     */
    public VoiPolicy(int depth, boolean fast) {
        if (depth != 1 && depth != 2) {
            throw new IllegalArgumentException("voi lookahead depth must be 1 or 2: " + depth);
        }
        this.depth = depth;
        this.fast = fast;
    }

    @Override
    public String name() {
        return (depth == 1 ? "voi" : "voi-2") + (fast ? "-fast" : "");
    }

    @Override
    public Decision decide(ElicitationState state) {
        if (depth == 1 && state.objective().utilitarian()) {
            return decideUtilitarian(state);
        }
        if (depth == 1 && !fast && !state.objective().maximin()) {
            return decideBounded(state);
        }
        return decideGeneric(state);
    }

    /** The general lookahead (any γ, depth 1 or 2); package-private so tests can compare the γ = 0 path with it. */
    Decision decideGeneric(ElicitationState state) {
        Node root = Node.of(state, fast && !state.objective().maximin());
        Responder.Response now = root.fast() ? root.stop() : state.stop();
        boolean maximin = state.objective().maximin();
        int n = state.attributes();
        // the candidates are independent: evaluate them in parallel, then pick in index order (deterministic)
        Outcome[] outcomes = new Outcome[n];
        java.util.stream.IntStream candidates = java.util.stream.IntStream.range(0, n).filter(state::askable);
        if (n * state.model().components() >= 64 && !state.objective().utilitarian()) {
            candidates = candidates.parallel();
        }
        candidates.forEach(a -> outcomes[a] = afterAsking(root, a, depth));
        int best = -1;
        double bestValue = now.value();
        if (maximin) {
            double[] bestLex = now.lexLevels();
            for (int a = 0; a < n; a++) {
                Outcome o = outcomes[a];
                if (o != null && LexLevels.compare(Objects.requireNonNull(o.lex, "maximin"),
                        Objects.requireNonNull(bestLex, "maximin")) > 0) {
                    best = a;
                    bestLex = o.lex;
                }
            }
        } else {
            double[] values = new double[n];
            for (int a = 0; a < n; a++) {
                values[a] = outcomes[a] == null ? Double.NaN : outcomes[a].value;
            }
            best = Objective.choose(values, bestValue);
            if (best >= 0) {
                bestValue = values[best];
            }
        }
        if (best < 0) {
            return new Decision.Stop("no question gains more than it costs");
        }
        double gain = maximin ? Double.NaN : state.objective().certaintyEquivalent(bestValue)
            - state.objective().certaintyEquivalent(now.value());
        return new Decision.Ask(best, gain);
    }

    /**
     * γ = 0, one step ahead, without building hypothetical states. f is affine at γ = 0, so the value of asking a is
     * f of the expected utility after the answer, {@code Σ_w P(w)·U_w}, which {@link AnswerTable} gives for every
     * answer w. Same values as {@link #decideGeneric} up to rounding; the choice is {@link Objective#choose} in both.
     */
    private static Decision decideUtilitarian(ElicitationState state) {
        Objective objective = state.objective();
        double now = state.stop().value();
        double[] values = ANSWER_KERNEL == Responder.Kernel.VECTOR
            ? screenedValues(state, Objects.requireNonNull(VECTOR_ANSWERS, "vector kernel"), null)
            : utilitarianValues(state, ANSWER_KERNEL);
        int best = Objective.choose(values, now);
        if (best < 0) {
            return new Decision.Stop("no question gains more than it costs");
        }
        return new Decision.Ask(best,
            objective.certaintyEquivalent(values[best]) - objective.certaintyEquivalent(now));
    }

    /**
     * The γ = 0 value of asking each askable attribute ({@code f(Σ_w P(w)·U_w)}), NaN for the others, with the given
     * kernel for the answers' table pass; package-private so tests can compare the kernels.
     */
    static double[] utilitarianValues(ElicitationState state, Responder.Kernel kernel) {
        return utilitarianValues(state, new AnswerTable(state), kernel, null);
    }

    /** The values of the candidates {@code keep} allows (all when null), NaN for the others. */
    private static double[] utilitarianValues(ElicitationState state, AnswerTable table, Responder.Kernel kernel,
                                              boolean @Nullable [] keep) {
        int n = state.attributes();
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        double[][] masses = new double[n][];
        double[][] losts = new double[n][];
        if (kernel == Responder.Kernel.VECTOR) {
            table.lostOnLanes(state, Objects.requireNonNull(VECTOR_ANSWERS,
                "the vector kernel needs the JVM option --add-modules jdk.incubator.vector"), masses, losts, keep,
                false);
        } else {
            for (int a = 0; a < n; a++) {
                if (state.askable(a)) {
                    masses[a] = new double[table.maxAnswers];
                    losts[a] = new double[table.maxAnswers];
                    table.answers(a, masses[a], losts[a]);
                }
            }
        }
        for (int a = 0; a < n; a++) {
            if (masses[a] != null) {
                values[a] = state.objective().f(expectedUtility(state, table, a, masses[a], losts[a]));
            }
        }
        return values;
    }

    /** {@code Σ_w P(w)·U_w} for asking a, from its answers' masses and lost shares. */
    private static double expectedUtility(ElicitationState state, AnswerTable table, int a, double[] mass,
                                          double[] lost) {
        double after = table.scoredCount - state.objective().cost() * (state.questions() + 1);
        boolean declinedScores = state.scored()[a];
        int answers = table.answerCount(a);
        int size = table.size(a);
        double expected = 0;
        for (int ans = 0; ans < answers; ans++) {
            if (mass[ans] > 0) {
                expected += mass[ans] * (after - (ans == size && declinedScores ? 1 : 0)) - lost[ans];
            }
        }
        return expected;
    }

    /** Unit roundoff of single precision. */
    private static final double FLOAT_ROUNDOFF = 0x1p-24;

    /**
     * The γ = 0 values of the candidates that can be chosen, NaN for the others: the same values, and so the same
     * {@link Objective#choose}, as {@link #utilitarianValues} with the vector kernel, at about half the cost. Every
     * candidate is first valued by the table pass in single precision ({@link AnswerKernel#screen}, twice the lanes per
     * pass), with a rigorous bound on that value's error (below); then only the candidates whose value could be within
     * the choice's tolerance of the highest are valued again by the double-precision pass — each lane of which does
     * the same operations whatever the other lanes hold, so those values are the full pass's to the bit.
     * <p>
     * The bound, per answer of mass m, with K components, g guessed attributes and u = 2⁻²⁴: each weighted sum
     * {@code s = Σ_z w_z·θ_z} (≤ m) is off by at most (K + 3)·u·s plus 2K·2⁻¹⁴⁹ (rounding w and θ to single precision,
     * K fused multiply-adds, subnormal results); so is the maximum over values; the share {@code m − max} adds two
     * roundings (m's and the difference's), 2u·m; the g shares are summed with compensation (error ≤ (2u + 2g·u²)·Σ
     * shares ≤ (2u + 2g·u²)·g·m). The sum over answers, the step to f (affine at γ = 0) and the double-precision pass
     * itself add a relative 10⁻¹²; every term is inflated by 1% for the products of roundoffs left out. The choice keeps
     * candidate a when {@code v_a + e_a ≥ max_b (v_b − e_b) − τ}, τ the choice's tolerance 10⁻¹⁰·max(1, |v|) at the
     * largest |v| the bounds allow: a candidate left out is then below the highest exact value by more than the
     * tolerance, so {@link Objective#choose} could not pick it, and the highest is always kept.
     *
     * @param errors when not null, receives each candidate's screened value and error bound (for tests):
     *               {@code errors[a] = {screened, bound}}
     */
    static double[] screenedValues(ElicitationState state, AnswerKernel kernel, double @Nullable [] @Nullable [] errors) {
        Objective objective = state.objective();
        AnswerTable table = new AnswerTable(state);
        int n = state.attributes();
        double[][] masses = new double[n][];
        double[][] losts = new double[n][];
        table.lostOnLanes(state, kernel, masses, losts, null, true);
        int k = table.components;
        int g = table.guessedCount;
        double u = FLOAT_ROUNDOFF;
        double perMass = 1.01 * (g * ((k + 3) * u + 2 * u) + (2 * u + 2 * g * u * u) * g);
        double absolute = 1.01 * g * 2 * k * 0x1p-149;
        double[] screened = new double[n];
        double[] error = new double[n];
        double highestLow = Double.NEGATIVE_INFINITY;
        double largest = 0;
        for (int a = 0; a < n; a++) {
            if (masses[a] == null) {
                continue;
            }
            double expected = expectedUtility(state, table, a, masses[a], losts[a]);
            double bound = 0;
            for (int ans = 0; ans < masses[a].length; ans++) {
                if (masses[a][ans] > 0) {
                    bound += perMass * masses[a][ans] + absolute;
                }
            }
            bound += 1e-12 * Math.max(1.0, Math.abs(expected));
            screened[a] = objective.f(expected);
            error[a] = 1.01 * objective.derivative(expected) * bound + 1e-12 * Math.max(1.0, Math.abs(screened[a]));
            highestLow = Math.max(highestLow, screened[a] - error[a]);
            largest = Math.max(largest, Math.abs(screened[a]) + error[a]);
            if (errors != null) {
                errors[a] = new double[] {screened[a], error[a]};
            }
        }
        double tolerance = 1.01e-10 * Math.max(1.0, largest);
        boolean[] keep = new boolean[n];
        for (int a = 0; a < n; a++) {
            keep[a] = masses[a] != null && screened[a] + error[a] >= highestLow - tolerance;
        }
        return utilitarianValues(state, table, Responder.Kernel.VECTOR, keep);
    }

    /**
     * voi's γ = 0 table pass for groups of hypothetical answers, one answer per lane: {@code out[lane]} is the lane's
     * {@code lost = Σ_b P(w)·(1 − max_v P(x_b = v | w))} over the guessed attributes b in order, skipping the lane's own
     * candidate (at guessed position {@code candPos[lane]}, −1 if it is not guessed), where
     * {@code P(w)·P(x_b = v | w)} is the fused multiply-add sum over the components {@code liveZ[0..live)} in order of
     * {@code weights[z·L + lane]·theta[z][t]}, {@code t} running over the i-th guessed attribute's values from
     * {@code start[i]} to {@code end[i]} (theta's rows are zero-padded to a multiple of 8)
     * (so each lane does the scalar pass's operations in the scalar pass's order: the same result to the bit).
     */
    interface AnswerKernel {
        /** The lane count L. */
        int lanes();

        /** See {@link AnswerKernel}; {@code buffer} holds at least {@code theta[0].length·L} doubles. */
        void lost(double[][] theta, int[] start, int[] end, double[] weights, int[] liveZ, int live, int[] candPos,
                  double[] total, double[] out, double[] buffer);

        /** The lane count of {@link #screen}. */
        int screenLanes();

        /**
         * {@link #lost} in single precision, for screening ({@link #screenedValues}): the same operations on floats
         * (θ, weights and totals rounded to float), except that the shares are summed with compensation.
         */
        void screen(float[][] theta, int[] start, int[] end, float[] weights, int[] liveZ, int live, int[] candPos,
                    float[] total, double[] out, float[] buffer);
    }

    private static final @Nullable AnswerKernel VECTOR_ANSWERS =
        dev.askwise.math.VectorKernels.load("dev.askwise.policy.VectorAnswers", AnswerKernel.class);
    /** The vector kernel of the γ = 0 pass, when the JVM has the module; for tests. */
    static @Nullable AnswerKernel vectorAnswers() {
        return VECTOR_ANSWERS;
    }

    private static final Responder.Kernel ANSWER_KERNEL = VECTOR_ANSWERS != null
        && !Boolean.getBoolean("askwise.ascent.scalar") ? Responder.Kernel.VECTOR : Responder.Kernel.SCALAR;

    /**
     * 0 &lt; γ &lt; ∞, one step ahead: the decision of {@link #decideGeneric}, evaluating only the candidates that can
     * win. {@link #bounds} gives an upper bound on the value of asking each candidate, answer by answer, from one
     * table pass per answer. Candidates are then valued exactly in decreasing order of their bound, each answer (by
     * decreasing probability) replacing its share of the bound by its exact share, and a candidate is given up as soon
     * as its bound falls below the best exact value by more than the choice's tolerance (or not above stopping): such a
     * candidate cannot be chosen by {@link Objective#choose}, so the decision and gain are those of the full lookahead
     * ({@code VoiBoundedTest}).
     */
    private Decision decideBounded(ElicitationState state) {
        Objective objective = state.objective();
        int n = state.attributes();
        Responder.Response stop = state.stop();
        double now = stop.value();
        double[][] answerBounds = new double[n][];
        double[] bounds = bounds(state, stop, answerBounds);
        Integer[] order = new Integer[n];
        int candidates = 0;
        for (int a = 0; a < n; a++) {
            if (!Double.isNaN(bounds[a])) {
                order[candidates++] = a;
            }
        }
        java.util.Arrays.sort(order, 0, candidates, (x, y) -> Double.compare(bounds[y], bounds[x]));
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        Node root = Node.of(state, false);
        // workers take candidates in decreasing order of their bound and share the best value so far (it only
        // rises, and is always some candidate's exact value); whatever the timing, every candidate that can be chosen
        // is valued exactly, so the choice does not depend on it
        AtomicLong top = new AtomicLong(Double.doubleToLongBits(now));
        AtomicInteger next = new AtomicInteger();
        int total = candidates;
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                int a = order[i];
                if (!canWin(bounds[a], Double.longBitsToDouble(top.get()), now)) {
                    next.set(total); // the rest have lower bounds
                    return;
                }
                double v = valueIfItCanWin(root, a, answerBounds[a], bounds[a], top, now);
                values[a] = v;
                if (!Double.isNaN(v)) {
                    top.accumulateAndGet(Double.doubleToLongBits(v),
                        (x, y) -> Double.longBitsToDouble(y) > Double.longBitsToDouble(x) ? y : x);
                }
            }
        };
        int workers = n * state.model().components() >= 64 ? ForkJoinPool.getCommonPoolParallelism() + 1 : 1;
        if (workers > 1) {
            IntStream.range(0, workers).parallel().forEach(w -> worker.run());
        } else {
            worker.run();
        }
        int best = Objective.choose(values, now);
        if (best < 0) {
            return new Decision.Stop("no question gains more than it costs");
        }
        return new Decision.Ask(best,
            objective.certaintyEquivalent(values[best]) - objective.certaintyEquivalent(now));
    }

    /**
     * The lookahead's value of asking a ({@link #afterAsking} at depth 1, the same sum in the same order), or NaN as
     * soon as the answers valued so far show that it cannot be chosen: answers are valued in decreasing probability,
     * and each replaces its share of the bound ({@code answerBounds}, mass-weighted) by its exact share.
     */
    private static double valueIfItCanWin(Node node, int a, double @Nullable [] answerBounds, double bound,
                                          AtomicLong top, double now) {
        PopulationModel model = node.base().model();
        double[] pred = model.answerDistribution(node.posterior(), a);
        int size = pred.length - 1;
        Integer[] byMass = new Integer[pred.length];
        for (int v = 0; v <= size; v++) {
            byMass[v] = v;
        }
        java.util.Arrays.sort(byMass, (x, y) -> Double.compare(pred[y], pred[x]));
        double[] exact = new double[pred.length];
        double partial = bound;
        for (int v : byMass) {
            if (pred[v] <= 0) {
                continue;
            }
            Node next = v < size ? node.answered(model, a, v) : node.declinedTo(model, a);
            exact[v] = next.stop().value();
            if (answerBounds != null) {
                partial += pred[v] * exact[v] - answerBounds[v];
            }
            if (!canWin(partial, Double.longBitsToDouble(top.get()), now)) {
                return Double.NaN;
            }
        }
        double value = 0;
        for (int v = 0; v <= size; v++) {
            if (pred[v] > 0) {
                value += pred[v] * exact[v];
            }
        }
        return value;
    }

    /** Whether a candidate bounded by {@code bound} can still be chosen when the best value so far is top. */
    private static boolean canWin(double bound, double top, double now) {
        return bound > now && !(top - bound > 1e-9 * Math.max(1.0, Math.max(Math.abs(top), Math.abs(bound))));
    }

    /**
     * For 0 &lt; γ &lt; ∞: an upper bound on the value of asking each askable attribute (the lookahead's
     * {@code Σ_w P(w)·E[f(U_w)]}), NaN for the others; see {@link #decideBounded}. Package-private for tests.
     */
    static double[] bounds(ElicitationState state) {
        return bounds(state, state.stop(), new double[state.attributes()][]);
    }

    /**
     * The bounds, and in answerBounds[a] each answer's mass-weighted share of a's bound (index: answer; null, and the
     * bound +∞, when some utility sits where f is −∞).
     * <p>
     * After answer w to a, compare any response y with the current response y0: coupling each guessed attribute's
     * mistake under y and y0 through one uniform draw, component z's utility under y is {@code X + Σ_b D_b} with X its
     * utility under y0 and {@code D_b ∈ {−1, 0, 1}}: +1 with probability {@code (θ_b,y_b,z − θ_b,y0_b,z)⁺} (and then
     * b was a mistake under y0), −1 with probability {@code (θ_b,y0_b,z − θ_b,y_b,z)⁺} (and then it was not). f is
     * concave, so it lies below its tangent at any point x0, path by path: {@code f(X + ΣD) ≤ f(x0) + f'(x0)·(X + ΣD −
     * x0)}. The tangent point is {@code x0 = T − M}, M the current response's mistakes on every guessed attribute
     * including a, and T one above the utility without mistakes after w ({@code x0 = X + 1 − B_a}, B_a a's mistake,
     * never outside f's domain); then every expectation is a component's {@link Responder#marginals} of f or f' at T,
     * computed once per state for the two values of T (answer, and "no preference"). The bound is a constant plus a
     * sum over attributes, so the best y is found attribute by attribute: one table pass per answer. It is exact up to
     * the curvature of f over one unit, and exact at y = y0 but for that, so it is close when the answer moves the
     * best response little.
     */
    static double[] bounds(ElicitationState state, Responder.Response now, double[][] answerBounds) {
        Objective objective = state.objective();
        int n = state.attributes();
        AnswerTable table = new AnswerTable(state);
        double after = table.scoredCount - objective.cost() * (state.questions() + 1);
        boolean[] scored = state.scored();
        PopulationModel model = state.model();
        int k = model.components();
        int[] y0 = Objects.requireNonNull(now.values(), "a finite-gamma response has values");
        int[] guessedIdx = java.util.Arrays.copyOf(table.guessed, table.guessedCount);
        int g = guessedIdx.length;
        int[] position = new int[n];
        java.util.Arrays.fill(position, -1);
        for (int i = 0; i < g; i++) {
            position[guessedIdx[i]] = i;
        }
        // T = after + 1 (a answered) and T = after (a scored and declined): marginals of f and f', and the gain table
        Responder.Marginals[] values = new Responder.Marginals[2];
        Responder.Marginals[] slopes = new Responder.Marginals[2];
        double[][][] gains = new double[2][][];
        double[] bounds = new double[n];
        java.util.Arrays.fill(bounds, Double.NaN);
        for (int a = 0; a < n; a++) {
            if (!state.askable(a)) {
                continue;
            }
            int answers = table.answerCount(a);
            int size = table.size(a);
            double bound = 0;
            double[] shares = new double[size + 1];
            for (int ans = 0; ans < answers; ans++) {
                int d = ans == size && scored[a] ? 1 : 0;
                if (values[d] == null) {
                    double top = after + 1 - d;
                    double[] fm = new double[g + 1];
                    double[] dm = new double[g + 1];
                    for (int m = 0; m <= g; m++) {
                        fm[m] = objective.f(top - m);
                        dm[m] = objective.derivative(top - m);
                    }
                    values[d] = Responder.marginals(model, guessedIdx, y0, fm);
                    slopes[d] = Responder.marginals(model, guessedIdx, y0, dm);
                    gains[d] = gainTable(model, table, guessedIdx, y0, slopes[d]);
                }
                double m = table.weights(a, ans, size, table.w);
                if (!(m > 0)) {
                    continue;
                }
                // E_z[f(x0)] − E_z[f'(x0)·(1 − B_a)]
                double[] all = values[d].all();
                double[] keep = position[a] >= 0 ? slopes[d].lower()[position[a]] : slopes[d].all();
                double numer = 0;
                for (int z = 0; z < k; z++) {
                    double right = position[a] >= 0 ? model.probability(z, a, y0[a]) : 1.0;
                    numer += table.w[z] * (all[z] - right * keep[z]);
                }
                shares[ans] = numer + table.bestGains(a, gains[d]);
                bound += shares[ans];
            }
            if (Double.isFinite(bound)) {
                answerBounds[a] = shares;
                // the exact value sums the same terms in another order: leave room for rounding
                bounds[a] = bound + 1e-12 * Math.max(1.0, Math.abs(bound));
            } else { // some utility at the edge of f's domain (f = −∞ there): no bound, value it exactly
                answerBounds[a] = null;
                bounds[a] = Double.POSITIVE_INFINITY;
            }
        }
        return bounds;
    }

    /**
     * {@code gain[z][offset[b] + v] = (θ_bvz − θ_b,y0_b,z)⁺·E_z[f'(T − M₋b − 1)] − (θ_b,y0_b,z − θ_bvz)⁺·E_z[f'(T − M₋b)]}
     * for the guessed attributes b (0 at v = y0_b), 0 elsewhere.
     */
    private static double[][] gainTable(PopulationModel model, AnswerTable table, int[] guessed, int[] y0,
                                        Responder.Marginals slopes) {
        int k = model.components();
        double[][] gain = new double[k][table.width];
        for (int i = 0; i < guessed.length; i++) {
            int b = guessed[i];
            int size = table.size(b);
            for (int z = 0; z < k; z++) {
                double reference = model.probability(z, b, y0[b]);
                double up = slopes.upper()[i][z];
                double down = slopes.lower()[i][z];
                for (int v = 0; v < size; v++) {
                    double change = model.probability(z, b, v) - reference;
                    gain[z][table.offset[b] + v] = change > 0 ? change * up : change * down;
                }
            }
        }
        return gain;
    }

    /**
     * What one question's answers tell about the guessed attributes, for every candidate without building
     * hypothetical states: θ laid out [component][attribute, value], so that for answer w the unnormalised updated
     * posterior {@code π_z·P(w | z)} multiplies into it with one contiguous fused multiply-add per component over all
     * attribute values (which the JIT vectorises; the model's own [attribute][value][component] layout would make it a
     * reduction over components, which it does not). With {@code P(w)} the answer's mass,
     * {@code P(w)·(1 − max_v P(x_b = v | w)) = P(w) − max_v Σ_z π_z·P(w | z)·θ_bvz}. The same pass over another
     * table of the same layout gives voi's bounds at γ &gt; 0.
     */
    private static final class AnswerTable {
        final PopulationModel model;
        final double[] post;
        final int[] offset;
        final int width;
        final int components;
        final double[][] rows; // rows[z][offset[b] + v] = θ_bvz (shared, read-only; zero-padded to 8)
        final float[][] rowsF; // the same in single precision
        final int[] answerCounts; // per attribute: its values, and "no preference" when some component declines it
        final double[][] answerWeights; // [answer][component], scratch of allWeights
        final double[][] missing; // missing[z][a]
        final int[] guessed;
        final int guessedCount;
        final int scoredCount;
        final int maxAnswers;
        final double[] acc;
        final double[] acc2nd;
        final double[] w;
        final double[] w2;

        AnswerTable(ElicitationState state) {
            model = state.model();
            post = state.posterior();
            int n = state.attributes();
            components = model.components();
            Theta t = Theta.of(model);
            offset = t.offset;
            width = offset[n];
            rows = t.rows;
            rowsF = t.rowsF;
            missing = t.missing;
            answerCounts = t.answers;
            answerWeights = new double[t.widest + 1][components];
            maxAnswers = t.widest + 1;
            boolean[] scored = state.scored();
            dev.askwise.Profile known = state.known();
            guessed = new int[n];
            int g = 0;
            int sc = 0;
            for (int b = 0; b < n; b++) {
                if (scored[b]) {
                    sc++;
                    if (!known.isKnown(b)) {
                        guessed[g++] = b;
                    }
                }
            }
            guessedCount = g;
            scoredCount = sc;
            acc = new double[width];
            acc2nd = new double[width];
            w = new double[components];
            w2 = new double[components];
        }

        int size(int a) {
            return offset[a + 1] - offset[a];
        }

        /**
         * For asking a: per answer (its values, then "no preference" when some component declines a) the answer's
         * mass P(w) and {@code lost = Σ_b P(w)·(1 − max_v P(x_b = v | w))} over the guessed attributes b other than a.
         *
         * @return the number of answers filled
         */
        int answers(int a, double[] mass, double[] lost) {
            int size = size(a);
            int k = components;
            boolean declinable = false;
            for (int z = 0; z < k && !declinable; z++) {
                declinable = model.missingProbability(z, a) > 0;
            }
            int answers = size + (declinable ? 1 : 0);
            // answers in pairs: one pass over the table feeds both accumulators (a quarter fewer loads and stores;
            // a zero weight adds exactly 0, so each sum is the same as alone)
            for (int ans = 0; ans < answers; ans += 2) {
                boolean pair = ans + 1 < answers;
                mass[ans] = weights(a, ans, size, w);
                if (pair) {
                    mass[ans + 1] = weights(a, ans + 1, size, w2);
                }
                boolean one = mass[ans] > 0;
                boolean two = pair && mass[ans + 1] > 0;
                if (one && two) {
                    accumulate(w, acc, w2, acc2nd);
                } else if (one) {
                    accumulate(w, acc);
                } else if (two) {
                    accumulate(w2, acc2nd);
                }
                if (one) {
                    finish(a, ans, mass[ans], acc, lost);
                }
                if (two) {
                    finish(a, ans + 1, mass[ans + 1], acc2nd, lost);
                }
            }
            return answers;
        }

        /**
         * {@link #answers} of every askable attribute that {@code keep} allows (all when null) at once, on the kernel's
         * lanes: each answer of positive mass takes a lane; masses[a] and losts[a] are filled for those attributes. With
         * {@code single}, the single-precision screening pass ({@link AnswerKernel#screen}) instead of the exact one.
         */
        void lostOnLanes(ElicitationState state, AnswerKernel kernel, double[][] masses, double[][] losts,
                         boolean @Nullable [] keep, boolean single) {
            int lanes = single ? kernel.screenLanes() : kernel.lanes();
            int g = guessedCount;
            int[] start = new int[g];
            int[] end = new int[g];
            int[] position = new int[offset.length - 1];
            java.util.Arrays.fill(position, -1);
            int guessedWidth = 0;
            for (int i = 0; i < g; i++) {
                position[guessed[i]] = i;
                guessedWidth += size(guessed[i]);
            }
            double[][] theta = rows;
            float[][] thetaF = rowsF;
            if (4 * guessedWidth < 3 * width) { // most values known: pass only the guessed ones
                int padded = (guessedWidth + 7) / 8 * 8;
                theta = single ? new double[0][] : new double[components][padded];
                thetaF = single ? new float[components][padded] : new float[0][];
                int at = 0;
                for (int i = 0; i < g; i++) {
                    start[i] = at;
                    at += size(guessed[i]);
                    end[i] = at;
                }
                for (int z = 0; z < components; z++) {
                    for (int i = 0; i < g; i++) {
                        if (single) {
                            System.arraycopy(rowsF[z], offset[guessed[i]], thetaF[z], start[i], end[i] - start[i]);
                        } else {
                            System.arraycopy(rows[z], offset[guessed[i]], theta[z], start[i], end[i] - start[i]);
                        }
                    }
                }
            } else {
                for (int i = 0; i < g; i++) {
                    start[i] = offset[guessed[i]];
                    end[i] = offset[guessed[i] + 1];
                }
            }
            int padded = single ? (thetaF.length == 0 ? 0 : thetaF[0].length) : (theta.length == 0 ? 0 : theta[0].length);
            Lanes group = new Lanes(lanes, components, padded, single);
            for (int a = 0; a < position.length; a++) {
                if (!state.askable(a) || (keep != null && !keep[a])) {
                    continue;
                }
                int answers = answerCount(a);
                masses[a] = new double[answers];
                losts[a] = new double[answers];
                allWeights(a, answers, masses[a]);
                for (int ans = 0; ans < answers; ans++) {
                    double m = masses[a][ans];
                    if (m > 0 && group.add(answerWeights[ans], m, position[a], losts[a], ans)) {
                        group.flush(kernel, theta, thetaF, start, end);
                    }
                }
            }
            if (group.filled > 0) {
                group.flush(kernel, theta, thetaF, start, end);
            }
        }

        /** The number of answers to a: its values, and "no preference" when some component declines it. */
        int answerCount(int a) {
            return answerCounts[a];
        }

        /**
         * {@link #weights} of every answer to a at once, into {@link #answerWeights} (the same products, and each
         * total summed in the same component order, so the same values to the bit), the totals into mass.
         */
        void allWeights(int a, int answers, double[] mass) {
            int size = size(a);
            int at = offset[a];
            if (size == 4 && answers == 4) { // the common shape, with the four sums in registers
                double[] w0 = answerWeights[0];
                double[] w1 = answerWeights[1];
                double[] w2 = answerWeights[2];
                double[] w3 = answerWeights[3];
                double m0 = 0;
                double m1 = 0;
                double m2 = 0;
                double m3 = 0;
                for (int z = 0; z < components; z++) {
                    double p = post[z];
                    double keep = 1 - missing[z][a];
                    double[] row = rows[z];
                    double x0 = p * (keep * row[at]);
                    double x1 = p * (keep * row[at + 1]);
                    double x2 = p * (keep * row[at + 2]);
                    double x3 = p * (keep * row[at + 3]);
                    w0[z] = x0;
                    w1[z] = x1;
                    w2[z] = x2;
                    w3[z] = x3;
                    m0 += x0;
                    m1 += x1;
                    m2 += x2;
                    m3 += x3;
                }
                mass[0] = m0;
                mass[1] = m1;
                mass[2] = m2;
                mass[3] = m3;
                return;
            }
            java.util.Arrays.fill(mass, 0.0);
            for (int z = 0; z < components; z++) {
                double p = post[z];
                double miss = missing[z][a];
                double[] row = rows[z];
                for (int ans = 0; ans < size; ans++) {
                    double x = p * ((1 - miss) * row[at + ans]);
                    answerWeights[ans][z] = x;
                    mass[ans] += x;
                }
                if (answers > size) {
                    double x = p * miss;
                    answerWeights[size][z] = x;
                    mass[size] += x;
                }
            }
        }

        /**
         * {@code Σ_b max_v Σ_z wt_z·gain[z][offset[b] + v]} over the guessed attributes b other than a, with the
         * weights in {@link #w}.
         */
        double bestGains(int a, double[][] gain) {
            accumulate(w, acc, gain);
            double sum = 0;
            for (int i = 0; i < guessedCount; i++) {
                int b = guessed[i];
                if (b == a) {
                    continue;
                }
                int j = offset[b];
                double top = acc[j];
                for (j++; j < offset[b + 1]; j++) {
                    double x = acc[j];
                    top = x > top ? x : top;
                }
                sum += top;
            }
            return sum;
        }

        /** The unnormalised updated posterior {@code π_z·P(answer | z)} into out; returns its total, P(answer). */
        double weights(int a, int ans, int size, double[] out) {
            boolean decline = ans == size;
            double total = 0;
            for (int z = 0; z < components; z++) {
                double miss = missing[z][a];
                out[z] = post[z] * (decline ? miss : (1 - miss) * rows[z][offset[a] + ans]);
                total += out[z];
            }
            return total;
        }

        /** {@code out[j] = Σ_z wt[z]·rows[z][j]} over the components of positive weight, in component order. */
        private void accumulate(double[] wt, double[] out) {
            accumulate(wt, out, rows);
        }

        private void accumulate(double[] wt, double[] out, double[][] table) {
            int first = 0;
            while (wt[first] == 0) {
                first++; // the total is positive
            }
            double w0 = wt[first];
            double[] row0 = table[first];
            for (int j = 0; j < width; j++) {
                out[j] = w0 * row0[j];
            }
            for (int z = first + 1; z < components; z++) {
                double wz = wt[z];
                if (wz == 0) {
                    continue;
                }
                double[] row = table[z];
                for (int j = 0; j < width; j++) {
                    out[j] = Math.fma(wz, row[j], out[j]);
                }
            }
        }

        /** Both sums in one pass; each equals {@link #accumulate(double[], double[])} of its weights exactly. */
        private void accumulate(double[] wt, double[] out, double[] wt2, double[] out2) {
            int first = 0;
            while (wt[first] == 0 && wt2[first] == 0) {
                first++;
            }
            double w0 = wt[first];
            double v0 = wt2[first];
            double[] row0 = rows[first];
            for (int j = 0; j < width; j++) {
                double r = row0[j];
                out[j] = w0 * r;
                out2[j] = v0 * r;
            }
            for (int z = first + 1; z < components; z++) {
                double wz = wt[z];
                double vz = wt2[z];
                if (wz == 0 && vz == 0) {
                    continue;
                }
                double[] row = rows[z];
                for (int j = 0; j < width; j++) {
                    double r = row[j];
                    out[j] = Math.fma(wz, r, out[j]);
                    out2[j] = Math.fma(vz, r, out2[j]);
                }
            }
        }

        /** lost of one answer from its accumulated table. */
        private void finish(int a, int ans, double total, double[] table, double[] lost) {
            double l = 0;
            for (int i = 0; i < guessedCount; i++) {
                int b = guessed[i];
                if (b == a) {
                    continue;
                }
                int j = offset[b];
                double top = table[j];
                for (j++; j < offset[b + 1]; j++) {
                    double x = table[j];
                    top = x > top ? x : top; // probabilities: no NaN or signed zeros to order
                }
                l += total - top;
            }
            lost[ans] = l;
        }

    }

    /**
     * A model's θ laid out [component][attribute, value] (rows zero-padded to a multiple of 8) and its probabilities
     * of "no preference" [component][attribute]: a function of the model alone, so the last model's is kept (weakly:
     * the cache does not keep a model alive) for the next decision, instead of 10⁴ virtual calls per decision.
     */
    private record Theta(java.lang.ref.WeakReference<PopulationModel> model, double[][] rows, float[][] rowsF,
                         double[][] missing, int[] answers, int[] offset, int widest) {

        private static volatile @Nullable Theta last;

        static Theta of(PopulationModel model) {
            Theta t = last;
            if (t != null && t.model.get() == model) {
                return t;
            }
            int n = model.schema().size();
            int k = model.components();
            int[] offset = new int[n + 1];
            int widest = 0;
            for (int a = 0; a < n; a++) {
                int size = model.schema().get(a).size();
                offset[a + 1] = offset[a] + size;
                widest = Math.max(widest, size);
            }
            double[][] rows = new double[k][(offset[n] + 7) / 8 * 8];
            double[][] missing = new double[k][n];
            for (int z = 0; z < k; z++) {
                for (int a = 0; a < n; a++) {
                    missing[z][a] = model.missingProbability(z, a);
                    for (int v = 0; v < offset[a + 1] - offset[a]; v++) {
                        rows[z][offset[a] + v] = model.probability(z, a, v);
                    }
                }
            }
            float[][] rowsF = new float[k][rows.length == 0 ? 0 : rows[0].length];
            for (int z = 0; z < k; z++) {
                for (int j = 0; j < rowsF[z].length; j++) {
                    rowsF[z][j] = (float) rows[z][j];
                }
            }
            int[] answers = new int[n];
            for (int a = 0; a < n; a++) {
                answers[a] = offset[a + 1] - offset[a];
                for (int z = 0; z < k; z++) {
                    if (missing[z][a] > 0) {
                        answers[a]++;
                        break;
                    }
                }
            }
            t = new Theta(new java.lang.ref.WeakReference<>(model), rows, rowsF, missing, answers, offset, widest);
            last = t;
            return t;
        }
    }

    /**
     * One group of hypothetical answers for {@link AnswerKernel}, one per lane; padding lanes weigh nothing. In single
     * precision ({@code single}) for {@link AnswerKernel#screen}.
     */
    private static final class Lanes {
        final int lanes;
        final int components;
        final boolean single;
        final double[] weights;
        final double[] total;
        final float[] weightsF;
        final float[] totalF;
        final int[] candPos;
        final double[][] target;
        final int[] targetIndex;
        final double[] out;
        final double[] buffer;
        final float[] bufferF;
        final int[] liveZ;
        final boolean[] nonzero; // components of positive weight in some filled lane
        int filled;

        Lanes(int lanes, int components, int padded, boolean single) {
            this.lanes = lanes;
            this.components = components;
            this.single = single;
            weights = new double[single ? 0 : components * lanes];
            total = new double[single ? 0 : lanes];
            weightsF = new float[single ? components * lanes : 0];
            totalF = new float[single ? lanes : 0];
            candPos = new int[lanes];
            target = new double[lanes][];
            targetIndex = new int[lanes];
            out = new double[lanes];
            buffer = new double[single ? 0 : padded * lanes];
            bufferF = new float[single ? padded * lanes : 0];
            liveZ = new int[components];
            nonzero = new boolean[components];
            java.util.Arrays.fill(candPos, -1);
        }

        /** Puts one answer (its weights and mass) on the next lane; true when the group is full. */
        boolean add(double[] w, double mass, int position, double[] lost, int ans) {
            int lane = filled++;
            for (int z = 0; z < components; z++) {
                double x = w[z];
                if (single) {
                    float f = (float) x;
                    weightsF[z * lanes + lane] = f;
                    nonzero[z] |= f != 0;
                } else {
                    weights[z * lanes + lane] = x;
                    nonzero[z] |= x != 0;
                }
            }
            if (single) {
                totalF[lane] = (float) mass;
            } else {
                total[lane] = mass;
            }
            candPos[lane] = position;
            target[lane] = lost;
            targetIndex[lane] = ans;
            return filled == lanes;
        }

        void flush(AnswerKernel kernel, double[][] theta, float[][] thetaF, int[] start, int[] end) {
            int live = 0;
            for (int z = 0; z < components; z++) {
                if (nonzero[z]) {
                    liveZ[live++] = z;
                    nonzero[z] = false;
                }
            }
            if (single) {
                kernel.screen(thetaF, start, end, weightsF, liveZ, live, candPos, totalF, out, bufferF);
                java.util.Arrays.fill(weightsF, 0.0f);
                java.util.Arrays.fill(totalF, 0.0f);
            } else {
                kernel.lost(theta, start, end, weights, liveZ, live, candPos, total, out, buffer);
                java.util.Arrays.fill(weights, 0.0);
                java.util.Arrays.fill(total, 0.0);
            }
            for (int lane = 0; lane < filled; lane++) {
                target[lane][targetIndex[lane]] = out[lane];
            }
            java.util.Arrays.fill(candPos, -1);
            filled = 0;
        }
    }

    /**
     * The expected gain of asking each askable attribute now, net of its cost, in certainty-equivalent utility
     * (NaN at γ = ∞, where the order is lexicographic): for explanations. Attribute index → gain.
     */
    public java.util.Map<Integer, Double> gains(ElicitationState state) {
        Node root = Node.of(state, fast && !state.objective().maximin());
        Responder.Response now = root.fast() ? root.stop() : state.stop();
        java.util.Map<Integer, Double> out = new java.util.LinkedHashMap<>();
        for (int a = 0; a < state.attributes(); a++) {
            if (!state.askable(a)) {
                continue;
            }
            Outcome o = afterAsking(root, a, depth);
            out.put(a, state.objective().maximin() ? Double.NaN
                : state.objective().certaintyEquivalent(o.value) - state.objective().certaintyEquivalent(now.value()));
        }
        return out;
    }

    /** The depth-1 lookahead's value of asking a ({@code Σ_w P(w)·E[f(U_w)]}, single-start responses), for tests. */
    static double lookaheadValue(ElicitationState state, int a) {
        return afterAsking(Node.of(state, false), a, 1).value;
    }

    private record Outcome(double value, double @Nullable [] lex) {
    }

    /** A hypothetical state in the lookahead: posterior updated by Bayes' rule, no state objects rebuilt. */
    private record Node(ElicitationState base, dev.askwise.Profile known, boolean[] declined, double[] posterior,
                        int questions, boolean fast) {
        static Node of(ElicitationState s, boolean fast) {
            return new Node(s, s.known(), s.unanswerable(), s.posterior(), s.questions(), fast);
        }

        boolean askable(int a) {
            return !known.isKnown(a) && !base.isNeverAsk(a) && !declined[a];
        }

        Node answered(PopulationModel model, int a, int v) {
            return new Node(base, known.with(a, v), declined, model.update(posterior, a, v), questions + 1, fast);
        }

        Node declinedTo(PopulationModel model, int a) {
            boolean[] d = declined.clone();
            d[a] = true;
            return new Node(base, known, d, model.updateDeclined(posterior, a), questions + 1, fast);
        }

        Responder.Response stop() {
            boolean[] scored = new boolean[known.size()];
            for (int a = 0; a < scored.length; a++) {
                scored[a] = !declined[a] && !base.isNeverInfer(a);
            }
            if (fast && !base.objective().maximin()) {
                double v = Responder.approximateValue(base.model(), posterior, known, scored, questions,
                    base.objective());
                return new Responder.Response(null, v, null, null);
            }
            if (base.objective().utilitarian()) {
                double v = Responder.utilitarianValue(base.model(), posterior, known, scored, questions,
                    base.objective());
                return new Responder.Response(null, v, null, null);
            }
            return Responder.respond(base.model(), posterior, known, scored, questions, base.objective(), false);
        }
    }

    /**
     * Expected objective after asking a and then acting optimally for {@code remaining − 1} more steps. The answer is
     * a value, or — for a model of missing preferences — "no preference", which costs the question, reveals nothing
     * about a's value, and removes a from the scored attributes.
     */
    private static Outcome afterAsking(Node node, int a, int remaining) {
        PopulationModel model = node.base().model();
        double[] pred = model.answerDistribution(node.posterior(), a);
        int size = pred.length - 1;
        boolean maximin = node.base().objective().maximin();
        double value = 0;
        double[][] parts = new double[pred.length][];
        for (int v = 0; v <= size; v++) {
            if (pred[v] <= 0) {
                continue;
            }
            Node next = v < size ? node.answered(model, a, v) : node.declinedTo(model, a);
            Outcome o = bestOf(next, remaining - 1);
            value += pred[v] * (maximin ? 0 : o.value);
            parts[v] = o.lex;
        }
        return new Outcome(value, maximin ? LexLevels.mix(parts, pred) : null);
    }

    /** The better of stopping now and (if steps remain) the best single further question. */
    private static Outcome bestOf(Node node, int remaining) {
        Responder.Response stop = node.stop();
        Outcome best = new Outcome(stop.value(), stop.lexLevels());
        if (remaining <= 0) {
            return best;
        }
        boolean maximin = node.base().objective().maximin();
        for (int b = 0; b < node.known().size(); b++) {
            if (!node.askable(b)) {
                continue;
            }
            Outcome o = afterAsking(node, b, remaining);
            if (maximin ? LexLevels.compare(Objects.requireNonNull(o.lex, "maximin"),
                    Objects.requireNonNull(best.lex, "maximin")) > 0
                : Objective.improves(o.value, best.value)) {
                best = o;
            }
        }
        return best;
    }
}
