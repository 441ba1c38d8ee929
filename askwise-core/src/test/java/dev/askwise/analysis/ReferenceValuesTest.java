package dev.askwise.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.math.LogMath;
import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reference values and closed forms of MODEL-NOTES §3–4 (derived by hand and checked there against enumeration).
 * Power means are of U + 1, i.e. EDE + 1, with c = 1 unless stated.
 */
class ReferenceValuesTest {

    private static Analysis analyze(int n, double p, double eps, double gamma) {
        return StylizedAnalysis.analyze(SymmetricMixture.of(n, p, eps), 1.0, WelfareFunction.of(gamma));
    }

    private static void assertPowerMeans(Analysis a, double... expected) {
        for (int k = 0; k < expected.length; k++) {
            assertThat(a.forK(k).ede() + 1.0).as("M(U+1) at k=%d", k).isCloseTo(expected[k], within(5e-7));
        }
    }

    @Nested
    class MeanUtility {
        @Test
        void n10p05eps01() {
            Analysis a = analyze(10, 0.5, 0.1, 0);
            double[] expected = {5.0, 7.38, 6.56, 6.1432, 5.2656, 4.46576, 3.572608, 2.693453, 1.795635, 0.899287, 0.0};
            for (int k = 0; k <= 10; k++) {
                assertThat(a.forK(k).meanUtility()).as("E[U] at k=%d", k).isCloseTo(expected[k], within(5e-7));
                assertThat(a.forK(k).ede()).isCloseTo(a.forK(k).meanUtility(), within(1e-9));
            }
            assertThat(a.kStar()).isEqualTo(1);
        }

        @Test
        void n10p07eps02() {
            Analysis a = analyze(10, 0.7, 0.2, 0);
            double[] expected = {6.2, 6.12, 5.7472, 5.1632};
            for (int k = 0; k < expected.length; k++) {
                assertThat(a.forK(k).meanUtility()).isCloseTo(expected[k], within(5e-7));
            }
            assertThat(a.kStar()).isZero();
        }

        @Test
        void n20p08eps015() {
            Analysis a = analyze(20, 0.8, 0.15, 0);
            double[] expected = {14.2, 14.155, 14.3739, 13.727075, 13.247326};
            for (int k = 0; k < expected.length; k++) {
                assertThat(a.forK(k).meanUtility()).isCloseTo(expected[k], within(5e-7));
            }
            assertThat(a.kStar()).isEqualTo(2);
        }
    }

    @Nested
    class PowerMeans {
        @Test
        void gammaHalf() {
            Analysis a = analyze(10, 0.5, 0.1, 0.5);
            assertPowerMeans(a, 5.961434, 8.097526, 7.454219, 7.063006, 6.222886);
            assertThat(a.forK(0).response()).containsExactly(5);
            assertThat(a.forK(1).response()).containsExactly(0, 9);
            assertThat(a.forK(2).response()).containsExactly(0, 4, 8);
            assertThat(a.forK(3).response()).containsExactly(0, 0, 7, 7);
            assertThat(a.forK(4).response()).containsExactly(0, 0, 3, 6, 6);
        }

        @Test
        void gammaOne() {
            assertPowerMeans(analyze(10, 0.5, 0.1, 1), 5.921805, 7.659959, 7.325755, 6.944345, 6.172509);
        }

        @Test
        void gammaTwo() {
            Analysis a = analyze(10, 0.5, 0.1, 2);
            assertPowerMeans(a, 5.838571, 6.598446, 6.945388, 6.578491, 6.030710);
            assertThat(a.forK(0).response()).containsExactly(5);
            assertThat(a.forK(1).response()).containsExactly(1, 8);
            assertThat(a.forK(2).response()).containsExactly(0, 4, 8);
            assertThat(a.forK(3).response()).containsExactly(0, 1, 6, 7);
            assertThat(a.kStar()).isEqualTo(2);
        }

        @Test
        void gammaFive() {
            Analysis a = analyze(10, 0.5, 0.1, 5);
            assertPowerMeans(a, 5.528487, 5.465153, 5.416374, 5.174222, 4.993565);
            assertThat(a.kStar()).isZero();
        }

        @Test
        void maximinResponseIsFiveMinusKPlusR() {
            Analysis a = analyze(10, 0.5, 0.1, Double.POSITIVE_INFINITY);
            for (int k = 0; k <= 10; k++) {
                for (int r = 0; r <= k; r++) {
                    int expected = Math.max(0, Math.min(10 - k, 5 - k + r));
                    assertThat(a.forK(k).response(r)).as("k=%d r=%d", k, r).isEqualTo(expected);
                }
            }
        }
    }

    @Nested
    class ClosedForms {
        /** E[U](k) = n − c·k − (n−k)·[ε + (1−2ε)·Perr(k)], Perr(k) = Σ_r C(k,r)·min(p·a_r, (1−p)·b_r). */
        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3, 4, 5, 6})
        void utilitarianMeanUtility(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 2 + random.nextInt(60);
            double p = random.nextDouble();
            double eps = 0.5 * random.nextDouble();
            double c = 2 * random.nextDouble();
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(n, p, eps), c, WelfareFunction.utilitarian());
            for (int k = 0; k <= n; k++) {
                double perr = 0;
                for (int r = 0; r <= k; r++) {
                    double coef = Math.exp(LogMath.logBinomialCoefficient(k, r));
                    double ar = Math.pow(eps, r) * Math.pow(1 - eps, k - r);
                    double br = Math.pow(1 - eps, r) * Math.pow(eps, k - r);
                    perr += coef * Math.min(p * ar, (1 - p) * br);
                }
                double expected = n - c * k - (n - k) * (eps + (1 - 2 * eps) * perr);
                assertThat(a.forK(k).meanUtility()).as("k=%d", k).isCloseTo(expected, within(1e-9 * n));
            }
        }

        /** Lemma 2's threshold (p = ½, c = 1): one question beats none iff ε &lt; (1 − 1/√(n−1))/2. */
        @ParameterizedTest
        @ValueSource(ints = {3, 5, 10, 20, 50})
        void lemma2Threshold(int n) {
            double threshold = (1 - 1 / Math.sqrt(n - 1)) / 2;
            for (double delta : new double[] {-0.01, -0.002, 0.002, 0.01}) {
                double eps = threshold + delta;
                if (eps < 0 || eps > 0.5) {
                    continue;
                }
                Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(n, 0.5, eps), 1.0,
                    WelfareFunction.utilitarian(), false);
                boolean oneBeatsNone = a.forK(1).meanUtility() > a.forK(0).meanUtility();
                assertThat(oneBeatsNone).as("n=%d eps=%.4f", n, eps).isEqualTo(delta < 0);
            }
            assertThat((1 - 1 / Math.sqrt(9)) / 2).isCloseTo(1.0 / 3, within(1e-15));
        }

        /** Lemma 3 (c = 1): asking nothing is optimal for every ε iff max(p, 1−p) ≥ 1 − 1/n. */
        @ParameterizedTest
        @ValueSource(ints = {4, 10, 25})
        void lemma3Threshold(int n) {
            double bound = 1 - 1.0 / n;
            for (double p : new double[] {bound, bound + 0.5 / n, 1 - bound, 1.0}) {
                for (int i = 0; i <= 100; i++) {
                    double eps = 0.005 * i;
                    assertThat(StylizedAnalysis.optimalK(SymmetricMixture.of(n, p, eps), 1.0,
                        WelfareFunction.utilitarian())).as("p=%s eps=%s", p, eps).isZero();
                }
            }
            double below = bound - 0.02;
            boolean someAsk = false;
            for (int i = 0; i <= 100 && !someAsk; i++) {
                someAsk = StylizedAnalysis.optimalK(SymmetricMixture.of(n, below, 0.005 * i), 1.0,
                    WelfareFunction.utilitarian()) > 0;
            }
            assertThat(someAsk).as("p=%s: some eps makes asking worthwhile", below).isTrue();
        }

        /** Theorem 1: g*(r) = round(n/2 − k + r + ln((1−p)/p) / (2 ln((1−ε)/ε))), clipped to [0, n−k]. */
        @ParameterizedTest
        @ValueSource(longs = {11, 12, 13, 14, 15})
        void theorem1ClosedForm(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int n = 3 + random.nextInt(200);
            double p = 0.05 + 0.9 * random.nextDouble();
            double eps = 0.01 + 0.48 * random.nextDouble();
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(n, p, eps), 1.0, WelfareFunction.maximin(),
                false);
            for (int k = 0; k <= n; k++) {
                for (int r = 0; r <= k; r++) {
                    double x = n / 2.0 - k + r + Math.log((1 - p) / p) / (2 * Math.log((1 - eps) / eps));
                    long expected = Math.max(0, Math.min(n - k, Math.round(x)));
                    assertThat(a.forK(k).response(r)).as("n=%d k=%d r=%d x=%.4f", n, k, r, x)
                        .isEqualTo((int) expected);
                }
            }
        }

        /** log(π1/π0) = log((1−p)/p) + (2r − k)·log((1−ε)/ε). */
        @Test
        void posteriorLogOdds() {
            SymmetricMixture m = SymmetricMixture.of(40, 0.3, 0.2);
            for (int k = 0; k <= 40; k += 7) {
                for (int r = 0; r <= k; r++) {
                    double expected = Math.log(0.7 / 0.3) + (2 * r - k) * Math.log(0.8 / 0.2);
                    assertThat(m.logJoint(1, k, r) - m.logJoint(0, k, r)).isCloseTo(expected, within(1e-9));
                    // the posterior is the logistic of the log-odds (1 − π1 itself is not resolvable near 1)
                    assertThat(m.posteriorCluster1(k, r)).isCloseTo(1 / (1 + Math.exp(-expected)), within(1e-15));
                }
            }
        }
    }
}
