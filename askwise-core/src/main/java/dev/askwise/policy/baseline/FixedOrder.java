package dev.askwise.policy.baseline;

import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.QueryPolicy;

/**
 * Asks attributes in a fixed order, skipping those that are known, protected or declined, up to a number of
 * questions. With every attribute in index order and no limit it is {@code ask-all}.
 */
public final class FixedOrder implements QueryPolicy {

    private final String name;
    private final int[] order;
    private final int maxQuestions;

    /**
     * @param order        attribute indices in asking order
     * @param maxQuestions at most this many questions (≥ 0)
     */
    public FixedOrder(String name, int[] order, int maxQuestions) {
        if (maxQuestions < 0) {
            throw new IllegalArgumentException("maxQuestions must be >= 0: " + maxQuestions);
        }
        this.name = name;
        this.order = order.clone();
        this.maxQuestions = maxQuestions;
    }

    /** Asks every attribute, in index order. */
    public static FixedOrder askAll(int attributes) {
        int[] order = new int[attributes];
        for (int i = 0; i < attributes; i++) {
            order[i] = i;
        }
        return new FixedOrder("ask-all", order, attributes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Decision decide(ElicitationState state) {
        if (state.questions() >= maxQuestions) {
            return new Decision.Stop(name + " reached its limit of " + maxQuestions + " questions");
        }
        for (int a : order) {
            if (a < state.attributes() && state.askable(a)) {
                return new Decision.Ask(a, Double.NaN);
            }
        }
        return new Decision.Stop(name + " has nothing left to ask");
    }
}
