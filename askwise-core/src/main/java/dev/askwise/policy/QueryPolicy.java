package dev.askwise.policy;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the next question (or to stop) from an {@link ElicitationState}. Implementations are deterministic for a
 * given seed and state, never ask an attribute that is known, protected from asking or declined, and stop within the
 * number of attributes ({@code QueryPolicyContract}). Found by name in {@link Policies}.
 */
public interface QueryPolicy {

    /** The registry name, for example {@code voi}. */
    String name();

    /** The next decision. */
    Decision decide(ElicitationState state);

    /**
     * The policy's own output for every attribute, or null to use the engine's welfare-optimal response. The paper's
     * decision-tree procedure answers with the most common values at its leaf; the oracle answers with the truth.
     */
    default int @Nullable [] response(ElicitationState state) {
        return null;
    }
}
