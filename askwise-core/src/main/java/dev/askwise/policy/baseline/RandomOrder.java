package dev.askwise.policy.baseline;

import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.QueryPolicy;
import java.util.SplittableRandom;

/**
 * Asks a uniformly random askable attribute, up to a number of questions. Deterministic for a seed: the generator is
 * seeded from the seed and the state (revealed values and questions), so a replay asks the same questions.
 */
public final class RandomOrder implements QueryPolicy {

    private final long seed;
    private final int maxQuestions;

    public RandomOrder(long seed, int maxQuestions) {
        if (maxQuestions < 0) {
            throw new IllegalArgumentException("maxQuestions must be >= 0: " + maxQuestions);
        }
        this.seed = seed;
        this.maxQuestions = maxQuestions;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public Decision decide(ElicitationState state) {
        if (state.questions() >= maxQuestions) {
            return new Decision.Stop("random reached its limit of " + maxQuestions + " questions");
        }
        int count = 0;
        for (int a = 0; a < state.attributes(); a++) {
            count += state.askable(a) ? 1 : 0;
        }
        if (count == 0) {
            return new Decision.Stop("random has nothing left to ask");
        }
        long mix = seed * 0x9E3779B97F4A7C15L + state.known().hashCode() * 31L + state.questions();
        int pick = new SplittableRandom(mix).nextInt(count);
        for (int a = 0; a < state.attributes(); a++) {
            if (state.askable(a) && pick-- == 0) {
                return new Decision.Ask(a, Double.NaN);
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
