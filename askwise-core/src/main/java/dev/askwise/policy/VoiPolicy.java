package dev.askwise.policy;

import dev.askwise.model.LatentClassModel;

/**
 * Value of information under the welfare objective: ask the attribute whose answer most increases the expected
 * objective {@code E[f(U)]} (U already charged for the question), looking {@code depth} questions ahead (1 or 2);
 * stop when no question gains. The gain is reported as the change in certainty-equivalent utility. At γ = ∞ the
 * comparison is lexicographic ({@link LexLevels}) and the gain is NaN.
 */
public final class VoiPolicy implements QueryPolicy {

    private final int depth;

    /**
     * @param depth lookahead, 1 or 2
     */
    public VoiPolicy(int depth) {
        if (depth != 1 && depth != 2) {
            throw new IllegalArgumentException("voi lookahead depth must be 1 or 2: " + depth);
        }
        this.depth = depth;
    }

    @Override
    public String name() {
        return depth == 1 ? "voi" : "voi-2";
    }

    @Override
    public Decision decide(ElicitationState state) {
        Responder.Response now = state.stop();
        int best = -1;
        double bestValue = now.value();
        double[] bestLex = now.lexLevels();
        boolean maximin = state.objective().maximin();
        for (int a = 0; a < state.attributes(); a++) {
            if (!state.askable(a)) {
                continue;
            }
            Outcome o = afterAsking(state, a, depth);
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

    private record Outcome(double value, double[] lex) {
    }

    /** Expected objective after asking a and then acting optimally for {@code remaining − 1} more steps. */
    private static Outcome afterAsking(ElicitationState state, int a, int remaining) {
        LatentClassModel model = state.model();
        double[] pred = model.predictive(state.posterior(), a);
        double value = 0;
        double[][] parts = new double[pred.length][];
        for (int v = 0; v < pred.length; v++) {
            if (pred[v] <= 0) {
                continue;
            }
            ElicitationState next = state.answered(a, v);
            Outcome o = bestOf(next, remaining - 1);
            value += pred[v] * (state.objective().maximin() ? 0 : o.value);
            parts[v] = o.lex;
        }
        return new Outcome(value, state.objective().maximin() ? LexLevels.mix(parts, pred) : null);
    }

    /** The better of stopping now and (if steps remain) the best single further question. */
    private static Outcome bestOf(ElicitationState state, int remaining) {
        Responder.Response stop = state.stop();
        Outcome best = new Outcome(stop.value(), stop.lexLevels());
        if (remaining <= 0) {
            return best;
        }
        boolean maximin = state.objective().maximin();
        for (int b = 0; b < state.attributes(); b++) {
            if (!state.askable(b)) {
                continue;
            }
            Outcome o = afterAsking(state, b, remaining);
            if (maximin ? LexLevels.compare(o.lex, best.lex) > 0 : Objective.improves(o.value, best.value)) {
                best = o;
            }
        }
        return best;
    }
}
