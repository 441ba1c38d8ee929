package dev.askwise.policy;

/** A policy's decision: ask about one attribute, or stop and answer. */
public sealed interface Decision permits Decision.Ask, Decision.Stop {

    /**
     * Ask about an attribute.
     *
     * @param attribute the attribute index
     * @param gain      expected gain of asking, net of its cost, in utility units (certainty equivalent); NaN when
     *                  the policy does not compute one
     */
    record Ask(int attribute, double gain) implements Decision {
    }

    /**
     * Stop asking.
     *
     * @param reason why, for explanations
     */
    record Stop(String reason) implements Decision {
    }
}
