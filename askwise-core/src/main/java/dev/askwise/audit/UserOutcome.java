package dev.askwise.audit;

import java.util.Map;

/**
 * What one simulated user got.
 *
 * @param utility   {@code U = n − m − c·q} over the user's scored attributes
 * @param questions questions asked
 * @param output    a key identifying the output specification (for homogenization)
 * @param groups    the user's group under each covariate, for example {@code age → "30-39"}
 */
public record UserOutcome(double utility, int questions, String output, Map<String, String> groups) {

    /** Validates and copies. */
    public UserOutcome {
        if (!Double.isFinite(utility)) {
            throw new IllegalArgumentException("utility must be finite: " + utility);
        }
        if (questions < 0) {
            throw new IllegalArgumentException("questions must be >= 0: " + questions);
        }
        groups = Map.copyOf(groups);
    }
}
