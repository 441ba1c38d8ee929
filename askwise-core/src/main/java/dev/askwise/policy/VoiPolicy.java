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
        double[] values = utilitarianValues(state, ANSWER_KERNEL);
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
        Objective objective = state.objective();
        AnswerTable table = new AnswerTable(state);
        double after = table.scoredCount - objective.cost() * (state.questions() + 1);
        boolean[] scored = state.scored();
        int n = state.attributes();
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        double[][] masses = new double[n][];
        double[][] losts = new double[n][];
        if (kernel == Responder.Kernel.VECTOR) {
            table.lostOnLanes(state, Objects.requireNonNull(VECTOR_ANSWERS,
                "the vector kernel needs the JVM option --add-modules jdk.incubator.vector"), masses, losts);
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
            if (!state.askable(a)) {
                continue;
            }
            double[] mass = masses[a];
            double[] lost = losts[a];
            int answers = table.answerCount(a);
            int size = table.size(a);
            double expected = 0; // Σ_w P(w)·U_w
            for (int ans = 0; ans < answers; ans++) {
                if (mass[ans] > 0) {
                    expected += mass[ans] * (after - (ans == size && scored[a] ? 1 : 0)) - lost[ans];
                }
            }
            values[a] = objective.f(expected);
        }
        return values;
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
    }

    private static final @Nullable AnswerKernel VECTOR_ANSWERS =
        dev.askwise.math.VectorKernels.load("dev.askwise.policy.VectorAnswers", AnswerKernel.class);
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
            missing = t.missing;
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
         * {@link #answers} of every askable attribute at once, on the kernel's lanes: each answer of positive mass
         * takes a lane; masses[a] and losts[a] are filled for the askable attributes.
         */
        void lostOnLanes(ElicitationState state, AnswerKernel kernel, double[][] masses, double[][] losts) {
            int lanes = kernel.lanes();
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
            if (4 * guessedWidth < 3 * width) { // most values known: pass only the guessed ones
                theta = new double[components][(guessedWidth + 7) / 8 * 8];
                int at = 0;
                for (int i = 0; i < g; i++) {
                    start[i] = at;
                    at += size(guessed[i]);
                    end[i] = at;
                }
                for (int z = 0; z < components; z++) {
                    for (int i = 0; i < g; i++) {
                        System.arraycopy(rows[z], offset[guessed[i]], theta[z], start[i], end[i] - start[i]);
                    }
                }
            } else {
                for (int i = 0; i < g; i++) {
                    start[i] = offset[guessed[i]];
                    end[i] = offset[guessed[i] + 1];
                }
            }
            int padded = theta.length == 0 ? 0 : theta[0].length;
            Lanes group = new Lanes(lanes, components, padded);
            for (int a = 0; a < position.length; a++) {
                if (!state.askable(a)) {
                    continue;
                }
                int answers = answerCount(a);
                int size = size(a);
                masses[a] = new double[answers];
                losts[a] = new double[answers];
                for (int ans = 0; ans < answers; ans++) {
                    double m = weights(a, ans, size, w);
                    masses[a][ans] = m;
                    if (m > 0 && group.add(w, m, position[a], losts[a], ans)) {
                        group.flush(kernel, theta, start, end);
                    }
                }
            }
            if (group.filled > 0) {
                group.flush(kernel, theta, start, end);
            }
        }

        /** The number of answers to a: its values, and "no preference" when some component declines it. */
        int answerCount(int a) {
            for (int z = 0; z < components; z++) {
                if (missing[z][a] > 0) {
                    return size(a) + 1;
                }
            }
            return size(a);
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
    private record Theta(java.lang.ref.WeakReference<PopulationModel> model, double[][] rows, double[][] missing,
                         int[] offset, int widest) {

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
            t = new Theta(new java.lang.ref.WeakReference<>(model), rows, missing, offset, widest);
            last = t;
            return t;
        }
    }

    /** One group of hypothetical answers for {@link AnswerKernel}, one per lane; padding lanes weigh nothing. */
    private static final class Lanes {
        final int lanes;
        final int components;
        final double[] weights;
        final double[] total;
        final int[] candPos;
        final double[][] target;
        final int[] targetIndex;
        final double[] out;
        final double[] buffer;
        final int[] liveZ;
        int filled;

        Lanes(int lanes, int components, int padded) {
            this.lanes = lanes;
            this.components = components;
            weights = new double[components * lanes];
            total = new double[lanes];
            candPos = new int[lanes];
            target = new double[lanes][];
            targetIndex = new int[lanes];
            out = new double[lanes];
            buffer = new double[padded * lanes];
            liveZ = new int[components];
            java.util.Arrays.fill(candPos, -1);
        }

        /** Puts one answer (its weights and mass) on the next lane; true when the group is full. */
        boolean add(double[] w, double mass, int position, double[] lost, int ans) {
            int lane = filled++;
            for (int z = 0; z < components; z++) {
                weights[z * lanes + lane] = w[z];
            }
            total[lane] = mass;
            candPos[lane] = position;
            target[lane] = lost;
            targetIndex[lane] = ans;
            return filled == lanes;
        }

        void flush(AnswerKernel kernel, double[][] theta, int[] start, int[] end) {
            int live = 0;
            for (int z = 0; z < components; z++) {
                boolean any = false;
                for (int lane = 0; lane < lanes; lane++) {
                    any |= weights[z * lanes + lane] != 0;
                }
                if (any) {
                    liveZ[live++] = z;
                }
            }
            kernel.lost(theta, start, end, weights, liveZ, live, candPos, total, out, buffer);
            for (int lane = 0; lane < filled; lane++) {
                target[lane][targetIndex[lane]] = out[lane];
            }
            java.util.Arrays.fill(weights, 0.0);
            java.util.Arrays.fill(total, 0.0);
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
