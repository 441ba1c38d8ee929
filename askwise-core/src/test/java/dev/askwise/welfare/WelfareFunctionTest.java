package dev.askwise.welfare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WelfareFunctionTest {

    /** U ∈ {0, 3} with probability ½ each, s = 1, so U + s ∈ {1, 4}. */
    private static final UtilityDistribution TWO_POINT = UtilityDistribution.of(new double[] {0, 3},
        new double[] {0.5, 0.5});

    /**
     * By hand: γ=0 → 1.5; γ=½ → ((1 + 2)/2)^2 − 1 = 1.25; γ=1 → √(1·4) − 1 = 1; γ=2 → 1/(½ + ⅛) − 1 = 0.6;
     * γ=∞ → 0.
     */
    @ParameterizedTest
    @CsvSource({"0, 1.5", "0.5, 1.25", "1, 1.0", "2, 0.6", "inf, 0.0"})
    void edeOfTwoPointDistribution(String gamma, double expected) {
        WelfareFunction w = WelfareFunction.of(WelfareFunction.parseGamma(gamma), 1.0);
        assertThat(w.ede(TWO_POINT)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void atkinsonIsZeroForEqualityAndGrowsWithAversion() {
        UtilityDistribution equal = UtilityDistribution.of(new double[] {2, 2}, new double[] {0.5, 0.5});
        assertThat(WelfareFunction.of(2).atkinson(equal)).isCloseTo(0.0, within(1e-15));
        // γ = 1: 1 − 2/2.5 = 0.2; γ = 2: 1 − 1.6/2.5 = 0.36
        assertThat(WelfareFunction.of(1).atkinson(TWO_POINT)).isCloseTo(0.2, within(1e-12));
        assertThat(WelfareFunction.of(2).atkinson(TWO_POINT)).isCloseTo(0.36, within(1e-12));
        assertThat(WelfareFunction.of(2).atkinson(0.6, 1.5)).isCloseTo(0.36, within(1e-12));
    }

    @Test
    void objectiveIsTheShiftedPower() {
        assertThat(WelfareFunction.of(2, 1).objective(3)).isCloseTo(-0.25, within(1e-15));
        assertThat(WelfareFunction.of(1, 1).objective(3)).isCloseTo(Math.log(4), within(1e-15));
        assertThat(WelfareFunction.of(0, 1).objective(3)).isCloseTo(4, within(1e-15));
        assertThatThrownBy(() -> WelfareFunction.maximin().objective(1)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-1|1|gamma must be in [0, 100] or inf: -1",
        "NaN|1|gamma must be in [0, 100] or inf: NaN", "101|1|gamma must be in [0, 100] or inf: 101",
        "2|0|shift must be in (0, 1000000]: 0", "2|-1|shift must be in (0, 1000000]: -1", "2|1e7|shift must be in (0, 1000000]: 10000000"})
    void rejectsOutOfRange(double gamma, double shift, String message) {
        assertThatThrownBy(() -> WelfareFunction.of(gamma, shift)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage(message);
    }

    @Test
    void parsesAndFormatsGamma() {
        assertThat(WelfareFunction.parseGamma("inf")).isInfinite();
        assertThat(WelfareFunction.parseGamma("Infinity")).isInfinite();
        assertThat(WelfareFunction.parseGamma("2.5")).isEqualTo(2.5);
        assertThat(WelfareFunction.formatGamma(2.0)).isEqualTo("2");
        assertThat(WelfareFunction.formatGamma(0.5)).isEqualTo("0.5");
        assertThat(WelfareFunction.maximin().gammaLabel()).isEqualTo("inf");
        assertThatThrownBy(() -> WelfareFunction.parseGamma("big"))
            .hasMessage("gamma must be a number in [0, 100] or inf: 'big'");
    }

    @Test
    void distributionMergesAndValidates() {
        UtilityDistribution d = UtilityDistribution.of(new double[] {3, 1, 3, 2}, new double[] {0.25, 0.25, 0.5, 0});
        assertThatThrownBy(() -> UtilityDistribution.of(new double[] {1}, new double[] {0.5}))
            .hasMessageStartingWith("probabilities must sum to 1");
        UtilityDistribution ok = UtilityDistribution.of(new double[] {3, 1, 3}, new double[] {0.25, 0.5, 0.25});
        assertThat(ok.values()).containsExactly(1, 3);
        assertThat(ok.probabilities()).containsExactly(0.5, 0.5);
        assertThat(ok.min()).isEqualTo(1);
        assertThat(d.values()).containsExactly(1, 3);
        assertThat(d.probabilities()).containsExactly(0.25, 0.75);
        assertThatThrownBy(() -> UtilityDistribution.of(new double[] {-2}, new double[] {1}).powerMean(0, 1))
            .hasMessageContaining("utility + shift must be > 0");
    }
}
