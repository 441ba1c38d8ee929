package dev.askwise.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetricMixtureTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0.5|0.1|n must be in [1, 2000]: 0",
        "2001|0.5|0.1|n must be in [1, 2000]: 2001", "5|1.5|0.1|p must be in [0, 1]: 1.5",
        "5|-0.1|0.1|p must be in [0, 1]: -0.1", "5|0.5|0.7|eps must be in [0, 0.5]: 0.7",
        "5|0.5|NaN|eps must be in [0, 0.5]: NaN"})
    void rejectsOutOfRangeParameters(int n, double p, double eps, String message) {
        assertThatThrownBy(() -> SymmetricMixture.of(n, p, eps)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage(message);
    }

    /** Joint probabilities by direct formula: P(cluster 0, r) = C(k,r)·p·ε^r(1−ε)^(k−r). */
    @Test
    void jointMatchesTheDirectFormula() {
        SymmetricMixture m = SymmetricMixture.of(10, 0.3, 0.2);
        assertThat(Math.exp(m.logJoint(0, 3, 1))).isCloseTo(3 * 0.3 * 0.2 * 0.8 * 0.8, within(1e-15));
        assertThat(Math.exp(m.logJoint(1, 3, 1))).isCloseTo(3 * 0.7 * 0.8 * 0.2 * 0.2, within(1e-15));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void distributionsAreNormalised(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(1000);
        SymmetricMixture m = SymmetricMixture.of(n, random.nextDouble(), 0.5 * random.nextDouble());
        int k = random.nextInt(n + 1);
        assertThat(Arrays.stream(m.rDistribution(k)).sum()).isCloseTo(1.0, within(1e-9));
        int g = random.nextInt(n - k + 1);
        for (int cluster = 0; cluster <= 1; cluster++) {
            assertThat(Arrays.stream(m.mistakesDistribution(cluster, k, g)).sum()).isCloseTo(1.0, within(1e-9));
        }
    }

    /** Given cluster 1 and g ones, mistakes have the law of cluster 0 with n − k − g ones (mirror symmetry). */
    @Test
    void clustersAreMirrorImages() {
        SymmetricMixture m = SymmetricMixture.of(12, 0.4, 0.15);
        assertThat(m.mistakesDistribution(1, 2, 3)).containsExactly(m.mistakesDistribution(0, 2, 7), within(1e-15));
    }

    @Test
    void predictiveMixesTheClusterRates() {
        SymmetricMixture m = SymmetricMixture.of(10, 0.5, 0.1);
        // after one 1: P(cluster 1 | r=1) = 0.9, so P(next = 1) = 0.1·0.1 + 0.9·0.9 = 0.82
        assertThat(m.posteriorCluster1(1, 1)).isCloseTo(0.9, within(1e-12));
        assertThat(m.predictiveOne(1, 1)).isCloseTo(0.82, within(1e-12));
        assertThat(SymmetricMixture.of(10, 0.5, 0.0).posteriorCluster1(2, 1)).isNaN();
    }

    @Test
    void mistakesGivenRIsThePosteriorMixture() {
        SymmetricMixture m = SymmetricMixture.of(6, 0.5, 0.1);
        double[] d = m.mistakesGivenR(1, 1, 5);
        double[] d0 = m.mistakesDistribution(0, 1, 5);
        double[] d1 = m.mistakesDistribution(1, 1, 5);
        for (int i = 0; i < d.length; i++) {
            assertThat(d[i]).isCloseTo(0.1 * d0[i] + 0.9 * d1[i], within(1e-15));
        }
        assertThatThrownBy(() -> SymmetricMixture.of(6, 0.5, 0.0).mistakesGivenR(2, 1, 0))
            .hasMessage("r = 1 has probability 0 after k = 2 questions");
    }

    /** Seeded sampling reproduces the model's frequencies (5 standard errors). */
    @Test
    void samplingMatchesTheModel() {
        SymmetricMixture m = SymmetricMixture.of(5, 0.3, 0.2);
        SplittableRandom random = new SplittableRandom(42);
        int trials = 40_000;
        int cluster0 = 0;
        int onesInCluster0 = 0;
        for (int t = 0; t < trials; t++) {
            SymmetricMixture.User u = m.sample(random);
            if (u.cluster() == 0) {
                cluster0++;
                for (boolean b : u.bits()) {
                    onesInCluster0 += b ? 1 : 0;
                }
            }
        }
        assertThat((double) cluster0 / trials).isCloseTo(0.3, within(5 * Math.sqrt(0.21 / trials)));
        assertThat((double) onesInCluster0 / (5.0 * cluster0)).isCloseTo(0.2, within(0.01));
        assertThat(m.sample(new SplittableRandom(7)).bits()).containsExactly(m.sample(new SplittableRandom(7)).bits());
    }
}
