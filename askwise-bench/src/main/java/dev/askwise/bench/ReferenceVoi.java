package dev.askwise.bench;

import dev.askwise.Profile;
import dev.askwise.model.PopulationModel;
import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.Objective;
import dev.askwise.policy.Responder;

/**
 * voi's γ = 0 decision as core computed it before its γ = 0 path (commit e2795aa): every hypothetical answer builds a
 * state (posterior updated by Bayes' rule, profile copied) and is valued by {@link Responder#utilitarianValue}. Kept
 * only so that {@code EngineBenchmark} can time the old and the new implementation in the same run; core's
 * {@code VoiUtilitarianTest} checks that the new path makes the same decisions as the general lookahead.
 */
public final class ReferenceVoi {

    private ReferenceVoi() {
    }

    public static Decision decide(ElicitationState state) {
        if (!state.objective().utilitarian()) {
            throw new IllegalArgumentException("the reference is the gamma = 0 path only");
        }
        double now = state.stop().value();
        int best = -1;
        double bestValue = now;
        for (int a = 0; a < state.attributes(); a++) {
            if (!state.askable(a)) {
                continue;
            }
            double v = afterAsking(state, state.known(), state.unanswerable(), state.posterior(), state.questions(), a);
            if (Objective.improves(v, bestValue)) {
                best = a;
                bestValue = v;
            }
        }
        if (best < 0) {
            return new Decision.Stop("no question gains more than it costs");
        }
        Objective o = state.objective();
        return new Decision.Ask(best, o.certaintyEquivalent(bestValue) - o.certaintyEquivalent(now));
    }

    private static double afterAsking(ElicitationState s, Profile known, boolean[] declined, double[] posterior,
                                      int questions, int a) {
        PopulationModel model = s.model();
        double[] pred = model.answerDistribution(posterior, a);
        int size = pred.length - 1;
        double value = 0;
        for (int v = 0; v <= size; v++) {
            if (pred[v] <= 0) {
                continue;
            }
            Profile k = known;
            boolean[] d = declined;
            double[] post;
            if (v < size) {
                k = known.with(a, v);
                post = model.update(posterior, a, v);
            } else {
                d = declined.clone();
                d[a] = true;
                post = model.updateDeclined(posterior, a);
            }
            boolean[] scored = new boolean[k.size()];
            for (int b = 0; b < scored.length; b++) {
                scored[b] = !d[b] && !s.isNeverInfer(b);
            }
            value += pred[v] * Responder.utilitarianValue(model, post, k, scored, questions + 1, s.objective());
        }
        return value;
    }
}
