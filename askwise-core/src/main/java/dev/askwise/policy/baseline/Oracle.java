package dev.askwise.policy.baseline;

import dev.askwise.Profile;
import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.QueryPolicy;

/**
 * Knows the user: asks nothing and outputs the true profile (protected attributes still withheld). An upper bound —
 * only simulations, which know the truth, can run it.
 */
public final class Oracle implements QueryPolicy {

    @Override
    public String name() {
        return "oracle";
    }

    @Override
    public Decision decide(ElicitationState state) {
        return new Decision.Stop("the oracle already knows the user");
    }

    @Override
    public int[] response(ElicitationState state) {
        if (state.truth() == null) {
            throw new IllegalStateException("the oracle baseline needs the true profile (simulations only)");
        }
        int[] out = state.truth().toArray();
        for (int a = 0; a < out.length; a++) {
            if (state.isNeverInfer(a) && !state.known().isKnown(a)) {
                out[a] = Profile.UNKNOWN;
            }
        }
        return out;
    }
}
