package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limited-declines adversary of the γ = ∞ worst case ({@link Responder#maxLosses}) against enumeration of every
 * assignment of the three answers (output's value, another value, "no preference") to every attribute, on seeded
 * random costs (some infinite), budgets and limits.
 */
class MaxLossesTest {

    static Stream<Integer> seeds() {
        return IntStream.range(0, 200).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void equalsEnumeration(int seed) {
        SplittableRandom r = new SplittableRandom(31_000 + seed);
        int g = r.nextInt(8);
        double[] right = new double[g];
        double[] wrong = new double[g];
        double[] decline = new double[g];
        for (int i = 0; i < g; i++) {
            right[i] = cost(r);
            wrong[i] = cost(r);
            decline[i] = cost(r);
            if (r.nextInt(3) == 0) { // one of the three is the component's most likely answer
                double[][] pick = {right, wrong, decline};
                pick[r.nextInt(3)][i] = 0;
            }
        }
        double budget = r.nextDouble() * 6;
        int cap = r.nextInt(g + 2);
        assertThat(Responder.maxLosses(right, wrong, decline, budget, cap))
            .isEqualTo(enumerate(right, wrong, decline, budget, cap));
    }

    private static double cost(SplittableRandom r) {
        return r.nextInt(6) == 0 ? Double.POSITIVE_INFINITY : r.nextDouble() * 4;
    }

    private static int enumerate(double[] right, double[] wrong, double[] decline, double budget, int cap) {
        int g = right.length;
        int best = -1;
        int all = (int) Math.pow(3, g);
        for (int code = 0; code < all; code++) {
            int x = code;
            double spent = 0;
            int losses = 0;
            int declines = 0;
            for (int i = 0; i < g; i++) {
                int choice = x % 3;
                x /= 3;
                spent += choice == 0 ? right[i] : choice == 1 ? wrong[i] : decline[i];
                losses += choice == 0 ? 0 : 1;
                declines += choice == 2 ? 1 : 0;
            }
            if (spent <= budget + 1e-12 && declines <= cap) {
                best = Math.max(best, losses);
            }
        }
        return best;
    }
}
