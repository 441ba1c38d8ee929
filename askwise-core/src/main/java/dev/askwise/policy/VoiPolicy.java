package dev.askwise.policy;

import dev.askwise.model.PopulationModel;
import dev.askwise.welfare.LexLevels;
import java.util.Objects;
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
        double[] bestLex = now.lexLevels();
        for (int a = 0; a < n; a++) {
            Outcome o = outcomes[a];
            if (o == null) {
                continue;
            }
            if (maximin ? LexLevels.compare(Objects.requireNonNull(o.lex, "maximin"),
                    Objects.requireNonNull(bestLex, "maximin")) > 0
                : Objective.improves(o.value, bestValue)) {
                best = a;
                bestValue = o.value;
                bestLex = o.lex;
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
     * f of the expected utility after the answer, {@code Σ_w P(w)·U_w}, and
     * {@code P(w)·(1 − max_v P(x_b = v | w)) = P(w) − max_v Σ_z π_z·P(w | z)·θ_bvz}: for each answer w the unnormalised
     * updated posterior {@code π_z·P(w | z)} is multiplied into a table of θ laid out [component][attribute, value]
     * (one contiguous fused multiply-add per component over all attribute values, which the JIT vectorises; the
     * model's own [attribute][value][component] layout would make it a reduction over components, which it does not).
     * Same values as {@link #decideGeneric} up to rounding; ties are decided by {@link Objective#improves} in both.
     */
    private static Decision decideUtilitarian(ElicitationState state) {
        PopulationModel model = state.model();
        Objective objective = state.objective();
        int n = state.attributes();
        int k = model.components();
        double[] post = state.posterior();
        dev.askwise.Profile known = state.known();
        boolean[] scored = state.scored();
        int[] offset = new int[n + 1];
        for (int a = 0; a < n; a++) {
            offset[a + 1] = offset[a] + model.schema().get(a).size();
        }
        int width = offset[n];
        double[][] rows = new double[k][width]; // rows[z][offset[b] + v] = θ_bvz
        int scoredCount = 0;
        int guessedCount = 0;
        int[] guessed = new int[n];
        for (int b = 0; b < n; b++) {
            if (scored[b]) {
                scoredCount++;
                if (!known.isKnown(b)) {
                    guessed[guessedCount++] = b;
                }
            }
            int size = offset[b + 1] - offset[b];
            for (int z = 0; z < k; z++) {
                for (int v = 0; v < size; v++) {
                    rows[z][offset[b] + v] = model.probability(z, b, v);
                }
            }
        }
        double now = state.stop().value();
        double after = scoredCount - objective.cost() * (state.questions() + 1);
        double[] acc = new double[width];
        double[] w = new double[k];
        int best = -1;
        double bestValue = now;
        for (int a = 0; a < n; a++) {
            if (!state.askable(a)) {
                continue;
            }
            int size = offset[a + 1] - offset[a];
            boolean declinable = false;
            for (int z = 0; z < k && !declinable; z++) {
                declinable = model.missingProbability(z, a) > 0;
            }
            double expected = 0; // Σ_w P(w)·U_w
            for (int ans = 0; ans < size + (declinable ? 1 : 0); ans++) {
                boolean decline = ans == size;
                double mass = 0;
                for (int z = 0; z < k; z++) {
                    double miss = model.missingProbability(z, a);
                    w[z] = post[z] * (decline ? miss : (1 - miss) * rows[z][offset[a] + ans]);
                    mass += w[z];
                }
                if (!(mass > 0)) {
                    continue;
                }
                java.util.Arrays.fill(acc, 0.0);
                for (int z = 0; z < k; z++) {
                    double wz = w[z];
                    if (wz == 0) {
                        continue;
                    }
                    double[] row = rows[z];
                    for (int j = 0; j < width; j++) {
                        acc[j] = Math.fma(wz, row[j], acc[j]);
                    }
                }
                double lost = 0;
                for (int i = 0; i < guessedCount; i++) {
                    int b = guessed[i];
                    if (b == a) {
                        continue;
                    }
                    double top = 0;
                    for (int j = offset[b]; j < offset[b + 1]; j++) {
                        top = Math.max(top, acc[j]);
                    }
                    lost += mass - top;
                }
                expected += mass * (after - (decline && scored[a] ? 1 : 0)) - lost;
            }
            double value = objective.f(expected);
            if (Objective.improves(value, bestValue)) {
                best = a;
                bestValue = value;
            }
        }
        if (best < 0) {
            return new Decision.Stop("no question gains more than it costs");
        }
        return new Decision.Ask(best, objective.certaintyEquivalent(bestValue) - objective.certaintyEquivalent(now));
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
