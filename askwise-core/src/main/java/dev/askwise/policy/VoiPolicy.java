package dev.askwise.policy;

import dev.askwise.model.PopulationModel;

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
            if (maximin ? LexLevels.compare(o.lex, bestLex) > 0 : Objective.improves(o.value, bestValue)) {
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

    private record Outcome(double value, double[] lex) {
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
            if (maximin ? LexLevels.compare(o.lex, best.lex) > 0 : Objective.improves(o.value, best.value)) {
                best = o;
            }
        }
        return best;
    }
}
