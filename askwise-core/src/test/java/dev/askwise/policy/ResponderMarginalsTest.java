package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.model.PopulationModel;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Responder#marginals} (prefix distributions and suffix functionals) against enumeration of every pattern of
 * mistakes on the guessed attributes: {@code E_z[g(T − M₋ᵢ)]}, {@code E_z[g(T − M₋ᵢ − 1)]} and {@code E_z[g(T − M)]}
 * for an arbitrary table g, on seeded random models of both families.
 */
class ResponderMarginalsTest {

    static Stream<Integer> seeds() {
        return IntStream.range(0, 60).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void equalsEnumeration(int seed) {
        SplittableRandom r = new SplittableRandom(99 + seed);
        PopulationModel m = seed % 3 == 2 ? VoiUtilitarianTest.randomModel(r, seed)
            : PlannerBruteForceTest.randomModel(seed);
        int n = m.schema().size();
        int[] values = new int[n];
        int g = 0;
        int[] guessed = new int[n];
        for (int a = 0; a < n; a++) {
            values[a] = r.nextInt(m.schema().get(a).size());
            if (r.nextDouble() < 0.8) {
                guessed[g++] = a;
            }
        }
        guessed = java.util.Arrays.copyOf(guessed, g);
        double[] gm = new double[g + 1];
        for (int k = 0; k <= g; k++) {
            gm[k] = r.nextDouble() * 10 - 5;
        }
        Responder.Marginals mg = Responder.marginals(m, guessed, values, gm);
        for (int z = 0; z < m.components(); z++) {
            assertThat(mg.all()[z]).isCloseTo(expect(m, z, guessed, values, gm, -1, 0), within(1e-12));
            for (int i = 0; i < g; i++) {
                assertThat(mg.lower()[i][z]).isCloseTo(expect(m, z, guessed, values, gm, i, 0), within(1e-12));
                assertThat(mg.upper()[i][z]).isCloseTo(expect(m, z, guessed, values, gm, i, 1), within(1e-12));
            }
        }
    }

    /** Σ over every mistake pattern of the positions other than {@code skip}: P(pattern | z)·gm[mistakes + extra]. */
    private static double expect(PopulationModel m, int z, int[] guessed, int[] values, double[] gm, int skip,
                                 int extra) {
        int g = guessed.length;
        double total = 0;
        for (int mask = 0; mask < 1 << g; mask++) {
            if (skip >= 0 && (mask >> skip & 1) == 1) {
                continue;
            }
            double p = 1;
            int mistakes = 0;
            for (int i = 0; i < g; i++) {
                if (i == skip) {
                    continue;
                }
                double right = m.probability(z, guessed[i], values[guessed[i]]);
                if ((mask >> i & 1) == 1) {
                    p *= 1 - right;
                    mistakes++;
                } else {
                    p *= right;
                }
            }
            total += p * gm[mistakes + extra];
        }
        return total;
    }
}
