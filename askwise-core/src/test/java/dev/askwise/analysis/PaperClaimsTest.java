package dev.askwise.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per claim of seed 000 (Lemmas 1–7, Theorem 1), checked on the exact solver. */
class PaperClaimsTest {

    private static final SymmetricMixture PAPER = SymmetricMixture.of(10, 0.5, 0.1);

    /** Lemma 1: at γ = 0 every guess goes to the more likely cluster (g ∈ {0, n−k}). */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void lemma1UtilitarianResponseCatersToTheMoreLikelyCluster(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SymmetricMixture m = SymmetricMixture.of(2 + random.nextInt(30), random.nextDouble(),
            0.49 * random.nextDouble());
        Analysis a = StylizedAnalysis.analyze(m, random.nextDouble(), WelfareFunction.utilitarian(), false);
        for (int k = 0; k < m.n(); k++) {
            for (int r = 0; r <= k; r++) {
                double pi1 = m.posteriorCluster1(k, r);
                int expected = pi1 > 0.5 + 1e-12 ? m.n() - k : 0;
                if (Math.abs(pi1 - 0.5) > 1e-9) {
                    assertThat(a.forK(k).response(r)).as("k=%d r=%d pi1=%s", k, r, pi1).isEqualTo(expected);
                }
            }
        }
    }

    /** Lemma 2: with p = ½ there is an ε where one question is optimal and one where none is. */
    @Test
    void lemma2OneQuestionForLowNoiseNoneForHighNoise() {
        assertThat(StylizedAnalysis.optimalK(SymmetricMixture.of(10, 0.5, 0.1), 1, WelfareFunction.utilitarian()))
            .isEqualTo(1);
        assertThat(StylizedAnalysis.optimalK(SymmetricMixture.of(10, 0.5, 0.4), 1, WelfareFunction.utilitarian()))
            .isZero();
    }

    /** Lemma 3: for a large enough majority, asking nothing is optimal for every ε. */
    @Test
    void lemma3StrongMajorityNeverAsks() {
        for (int i = 0; i <= 50; i++) {
            assertThat(StylizedAnalysis.optimalK(SymmetricMixture.of(10, 0.95, 0.01 * i), 1,
                WelfareFunction.utilitarian())).isZero();
        }
    }

    /**
     * Lemma 4: a randomised response is a mixture of deterministic ones, so its ex-post welfare objective is a convex
     * combination of theirs and never beats the best deterministic response (checked by enumeration).
     */
    @Test
    void lemma4DeterministicResponsesSuffice() {
        BruteForce brute = new BruteForce(6, 0.5, 0.1, 1, 2, 1);
        SplittableRandom random = new SplittableRandom(4);
        int k = 2;
        for (int pattern = 0; pattern < 4; pattern++) {
            double best = Double.NEGATIVE_INFINITY;
            double[] values = new double[1 << 4];
            for (int y = 0; y < values.length; y++) {
                values[y] = brute.value(k, pattern, y);
                best = Math.max(best, values[y]);
            }
            for (int trial = 0; trial < 20; trial++) {
                double total = 0;
                double mixed = 0;
                double[] w = random.doubles(values.length).toArray();
                for (double x : w) {
                    total += x;
                }
                for (int y = 0; y < values.length; y++) {
                    mixed += w[y] / total * values[y];
                }
                assertThat(mixed).isLessThanOrEqualTo(best + 1e-12);
            }
        }
    }

    /** Lemma 5: an inequality-averse response may mix zeros and ones (hedging) when a 0 and a 1 were observed. */
    @Test
    void lemma5MixedOutput() {
        FixedK k2 = StylizedAnalysis.analyze(PAPER, 1, WelfareFunction.of(2), false).forK(2);
        assertThat(k2.response(1)).isEqualTo(4).isStrictlyBetween(0, 8);
        FixedK utilitarian = StylizedAnalysis.analyze(PAPER, 1, WelfareFunction.utilitarian(), false).forK(2);
        assertThat(utilitarian.response()).containsOnly(0, 8);
    }

    /** Theorem 1: at γ = ∞ every r gives a distinct response while unclipped, and large finite γ converges to it. */
    @Test
    void theorem1MaximinUsesEveryObservation() {
        Analysis maximin = StylizedAnalysis.analyze(PAPER, 1, WelfareFunction.maximin(), false);
        for (int k = 0; k <= 5; k++) {
            Set<Integer> distinct = new HashSet<>();
            for (int g : maximin.forK(k).response()) {
                distinct.add(g);
            }
            assertThat(distinct).as("k=%d", k).hasSize(k + 1);
        }
        Analysis large = StylizedAnalysis.analyze(PAPER, 1, WelfareFunction.of(60), false);
        for (int k = 0; k <= 10; k++) {
            assertThat(large.forK(k).response()).as("k=%d", k).containsExactly(maximin.forK(k).response());
        }
    }

    /** Lemma 6: k* is non-monotonic in γ (n=10, p=½, ε=0.1: 1 at γ=0, 2 at γ=2, 0 at γ=5). */
    @Test
    void lemma6OptimalQuestionsNonMonotonicInGamma() {
        assertThat(StylizedAnalysis.optimalK(PAPER, 1, WelfareFunction.of(0))).isEqualTo(1);
        assertThat(StylizedAnalysis.optimalK(PAPER, 1, WelfareFunction.of(2))).isEqualTo(2);
        assertThat(StylizedAnalysis.optimalK(PAPER, 1, WelfareFunction.of(5))).isZero();
    }

    /**
     * Lemma 7: the entropy of outputs at k* is non-monotonic in γ. By hand: γ=0, k*=1, outputs {0, 9} each ½ → 1
     * bit; γ=2, k*=2, outputs {0, 4, 8} with P(r) = (.41, .18, .41) → 1.4998 bits; γ=5, k*=0 → 0 bits.
     */
    @Test
    void lemma7OutputEntropyNonMonotonicInGamma() {
        double h0 = StylizedAnalysis.analyze(PAPER, 1, WelfareFunction.of(0), false).best().entropyBits();
        double h2 = StylizedAnalysis.analyze(PAPER, 1, WelfareFunction.of(2), false).best().entropyBits();
        double h5 = StylizedAnalysis.analyze(PAPER, 1, WelfareFunction.of(5), false).best().entropyBits();
        double expected2 = -(2 * 0.41 * Math.log(0.41) + 0.18 * Math.log(0.18)) / Math.log(2);
        assertThat(h0).isCloseTo(1.0, within(1e-12));
        assertThat(h2).isCloseTo(expected2, within(1e-12));
        assertThat(h5).isZero();
        assertThat(h2).isGreaterThan(h0).isGreaterThan(h5);
    }

    /** §4.2.2: under γ = 0 a strong majority is served and the minority cluster's mean utility is far lower. */
    @Test
    void minorityClusterIsUnderServedWithoutInequalityAversion() {
        SymmetricMixture m = SymmetricMixture.of(10, 0.9, 0.1);
        FixedK util = StylizedAnalysis.analyze(m, 1, WelfareFunction.utilitarian(), false).best();
        assertThat(util.k()).isZero();
        // by hand: g = 0, cluster 0 makes 10·0.1 = 1 mistake on average (U = 9), cluster 1 makes 9 (U = 1)
        assertThat(util.clusterMeanUtility()).containsExactly(new double[] {9.0, 1.0}, within(1e-12));
        FixedK fair = StylizedAnalysis.analyze(m, 1, WelfareFunction.of(2), false).best();
        assertThat(fair.clusterMeanUtility()[1]).isGreaterThan(util.clusterMeanUtility()[1] + 2);
    }
}
