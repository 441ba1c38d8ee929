package dev.askwise.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ε = 0, ε = ½, p ∈ {0, 1}, k = 0, k = n, c = 0, ties, large n; expected values derived by hand. */
class EdgeCasesTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    @Nested
    class NoNoise {
        /** ε = 0: one question reveals the cluster and thus every bit: E[U](1) = n − c; E[U](0) = n·max(p, 1−p). */
        @ParameterizedTest
        @ValueSource(doubles = {0, 0.5, 1, 2, 5, INF})
        void oneQuestionIdentifiesTheUser(double gamma) {
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(8, 0.5, 0.0), 1.0, WelfareFunction.of(gamma));
            assertThat(a.forK(1).meanUtility()).isCloseTo(7.0, within(1e-12));
            assertThat(a.forK(1).response()).containsExactly(0, 7);
            assertThat(a.forK(2).response()).containsExactly(0, -1, 6);
            assertThat(a.forK(1).ede()).isCloseTo(7.0, within(1e-9));
            assertThat(a.kStar()).isEqualTo(1);
            assertThat(a.adaptive().meanQuestions()).isEqualTo(1.0);
        }

        @Test
        void noQuestionUtilitarianServesMajority() {
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(8, 0.75, 0.0), 1.0,
                WelfareFunction.utilitarian());
            assertThat(a.forK(0).meanUtility()).isCloseTo(6.0, within(1e-12));
            assertThat(a.forK(0).clusterMeanUtility()).containsExactly(new double[] {8, 0}, within(1e-12));
        }

        /** Maximin with ε = 0 and no question hedges: g = n/2 makes the worst user lose n/2. */
        @Test
        void maximinHedgesHalfway() {
            FixedK k0 = StylizedAnalysis.analyze(SymmetricMixture.of(8, 0.75, 0.0), 1.0, WelfareFunction.maximin(),
                false).forK(0);
            assertThat(k0.response()).containsExactly(4);
            assertThat(k0.ede()).isEqualTo(4.0);
        }

        /** n odd: g = 3 or 4 of 7 both leave the worst user with 3; fewer users are worst off when the minority is. */
        @Test
        void maximinOddBreaksTieByTheProbabilityOfTheWorstOutcome() {
            FixedK k0 = StylizedAnalysis.analyze(SymmetricMixture.of(7, 0.75, 0.0), 1.0, WelfareFunction.maximin(),
                false).forK(0);
            // g = 3: cluster 1 (prob .25) gets 4 mistakes; g = 4: cluster 0 (prob .75) does.
            assertThat(k0.response()).containsExactly(3);
            assertThat(k0.ede()).isEqualTo(3.0);
        }
    }

    @Nested
    class PureNoise {
        /**
         * ε = ½: answers carry no information about the other features, every response is equivalent (g = 0), and
         * E[U](k) = n − c·k − (n−k)/2. Questions still remove variance: with c = 0.8 the mean falls by 0.3 per
         * question, so γ = 0 asks nothing, while maximin (smallest utility k·(1−c), rising) asks everything.
         */
        @ParameterizedTest
        @ValueSource(doubles = {0, 1, 2, INF})
        void answersAreUninformative(double gamma) {
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(9, 0.3, 0.5), 0.8, WelfareFunction.of(gamma));
            for (int k = 0; k <= 9; k++) {
                assertThat(a.forK(k).meanUtility()).isCloseTo(9 - 0.8 * k - (9 - k) / 2.0, within(1e-9));
                assertThat(a.forK(k).response()).containsOnly(0);
            }
            if (gamma == 0) {
                assertThat(a.kStar()).isZero();
                assertThat(a.adaptive().meanQuestions()).isZero();
            }
            if (gamma == INF) {
                assertThat(a.kStar()).isEqualTo(9);
                assertThat(a.best().ede()).isCloseTo(9 * 0.2, within(1e-12));
            }
        }

        /** With c &gt; 1 a question costs more than the most it can save, so nobody asks, whatever γ. */
        @ParameterizedTest
        @ValueSource(doubles = {0, 1, 2, INF})
        void expensiveQuestionsAreNeverAsked(double gamma) {
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(9, 0.3, 0.5), 1.2,
                WelfareFunction.of(gamma, 10));
            assertThat(a.kStar()).isZero();
            assertThat(a.adaptive().meanQuestions()).isZero();
        }
    }

    @Nested
    class SingleCluster {
        /** p = 1: bits are i.i.d. Bernoulli(ε); asking a bit gains ε at cost c, so k* = n iff ε > c (γ = 0). */
        @Test
        void askEverythingWhenABitIsWorthMoreThanItsCost() {
            SymmetricMixture m = SymmetricMixture.of(6, 1.0, 0.1);
            assertThat(StylizedAnalysis.optimalK(m, 0.05, WelfareFunction.utilitarian())).isEqualTo(6);
            assertThat(StylizedAnalysis.optimalK(m, 0.2, WelfareFunction.utilitarian())).isZero();
            Analysis a = StylizedAnalysis.analyze(m, 0.2, WelfareFunction.utilitarian());
            assertThat(a.forK(0).clusterMeanUtility()[1]).isNaN();
            assertThat(a.forK(0).meanUtility()).isCloseTo(6 - 0.6, within(1e-12));
            assertThat(a.forK(3).response()).containsOnly(0);
        }

        @Test
        void allOnesCluster() {
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(5, 0.0, 0.2), 1, WelfareFunction.of(2));
            assertThat(a.forK(0).response()).containsExactly(5);
            assertThat(a.forK(0).clusterMeanUtility()[0]).isNaN();
            assertThat(a.forK(0).clusterMeanUtility()[1]).isCloseTo(4.0, within(1e-12));
        }
    }

    @Nested
    class Bounds {
        /** k = n: nothing is guessed; U = n(1 − c) for everyone, so EDE = E[U] and the Atkinson index is 0. */
        @ParameterizedTest
        @ValueSource(doubles = {0, 0.5, 1, 2, 5, INF})
        void askingEverythingLeavesNoInequality(double gamma) {
            FixedK all = StylizedAnalysis.analyze(SymmetricMixture.of(7, 0.3, 0.2), 0.4, WelfareFunction.of(gamma),
                false).forK(7);
            assertThat(all.ede()).isCloseTo(7 * 0.6, within(1e-9));
            assertThat(all.meanUtility()).isCloseTo(7 * 0.6, within(1e-9));
            assertThat(all.atkinson()).isCloseTo(0.0, within(1e-9));
            assertThat(all.entropyBits()).isZero();
            assertThat(Arrays.stream(all.rProbabilities()).sum()).isCloseTo(1.0, within(1e-12));
        }

        /** c = 0 and 0 &lt; ε &lt; ½: every answer removes a possible mistake for free, so ask everything. */
        @ParameterizedTest
        @ValueSource(doubles = {0, 1, 2, INF})
        void freeQuestionsAreAllAsked(double gamma) {
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(6, 0.4, 0.2), 0.0, WelfareFunction.of(gamma));
            assertThat(a.kStar()).isEqualTo(6);
            assertThat(a.adaptive().meanQuestions()).isEqualTo(6.0);
        }

        /**
         * Ties go to the fewer questions and the smaller response: p = ½, ε = ½, c = ½ gives E[U](k) = 6 − k/2 −
         * (6−k)/2 = 3 for every k, so k* = 0; at k = 0 every response ties, so g = 0.
         */
        @Test
        void tiesPreferFewerQuestionsAndSmallerResponses() {
            Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(6, 0.5, 0.5), 0.5, WelfareFunction.of(0));
            for (FixedK f : a.byK()) {
                assertThat(f.meanUtility()).isCloseTo(3.0, within(1e-12));
            }
            assertThat(a.kStar()).isZero();
            assertThat(a.forK(0).response()).containsExactly(0);
            assertThat(a.adaptive().meanQuestions()).isZero();
        }
    }

    @Nested
    class LargeN {
        @ParameterizedTest
        @ValueSource(doubles = {0, 1, 2, 5, INF})
        void thousandFeaturesStayFinite(double gamma) {
            SymmetricMixture m = SymmetricMixture.of(1000, 0.7, 0.1);
            Analysis a = StylizedAnalysis.analyze(m, 1.0, WelfareFunction.of(gamma));
            for (FixedK f : a.byK()) {
                assertThat(f.ede()).isFinite();
                assertThat(f.meanUtility()).isFinite();
                assertThat(Arrays.stream(f.rProbabilities()).sum()).isCloseTo(1.0, within(1e-9));
                assertThat(f.ede()).isLessThanOrEqualTo(f.meanUtility() + 1e-9);
            }
            assertThat(a.adaptive().ede()).isGreaterThanOrEqualTo(a.best().ede() - 1e-9);
        }

        @Test
        void mistakeDistributionsSumToOneWithoutUnderflowToNaN() {
            SymmetricMixture m = SymmetricMixture.of(1000, 0.2, 0.01);
            double[] d = m.mistakesDistribution(0, 10, 400);
            assertThat(Arrays.stream(d).sum()).isCloseTo(1.0, within(1e-9));
            assertThat(m.logMistakes(0, 10, 400, 990)).isFinite().isLessThan(-1000);
            double expected = 590 * 0.01 + 400 * 0.99;
            double mean = 0;
            for (int i = 0; i < d.length; i++) {
                mean += i * d[i];
            }
            assertThat(mean).isCloseTo(expected, within(1e-6));
        }
    }

    @Nested
    class Validation {
        @Test
        void rejectsNegativeCost() {
            assertThatThrownBy(() -> StylizedAnalysis.analyze(SymmetricMixture.of(5, 0.5, 0.1), -1,
                WelfareFunction.utilitarian())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cost must be >= 0 and finite: -1.0");
        }

        @Test
        void rejectsShiftThatLeavesNonPositiveUtilities() {
            assertThatThrownBy(() -> StylizedAnalysis.analyze(SymmetricMixture.of(5, 0.5, 0.1), 2,
                WelfareFunction.of(2, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cost must be < 1 + shift/n = 1.2 when 0 < gamma < inf")
                .hasMessageContaining("shift must be > n*(cost-1) = 5.0").hasMessageEndingWith(": 2.0");
            // γ = 0 and γ = ∞ do not need the shift
            assertThat(StylizedAnalysis.analyze(SymmetricMixture.of(5, 0.5, 0.1), 2, WelfareFunction.of(0, 1))
                .kStar()).isZero();
            assertThat(StylizedAnalysis.analyze(SymmetricMixture.of(5, 0.5, 0.1), 2, WelfareFunction.maximin())
                .kStar()).isZero();
        }

        @Test
        void rejectsGammaBeyondTheDoubleRange() {
            assertThatThrownBy(() -> StylizedAnalysis.analyze(SymmetricMixture.of(1000, 0.5, 0.1), 1,
                WelfareFunction.of(100, 0.001))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("gamma must be in [0, ");
        }
    }
}
