package dev.askwise.policy.baseline;

import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.QueryPolicy;

/** Never asks: the lower bound on information (the majority's guess). */
public final class NeverAsk implements QueryPolicy {

    @Override
    public String name() {
        return "never-ask";
    }

    @Override
    public Decision decide(ElicitationState state) {
        return new Decision.Stop("never-ask asks nothing");
    }
}
