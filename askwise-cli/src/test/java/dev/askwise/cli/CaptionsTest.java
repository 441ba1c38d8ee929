package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptionsTest {

    @Test
    void directionsComeFromTheNumbers() {
        assertThat(Captions.direction(new double[] {1, 2, 2, 3})).isEqualTo("rises");
        assertThat(Captions.direction(new double[] {9, 7.4, 5})).isEqualTo("falls");
        assertThat(Captions.direction(new double[] {4, 4, 4})).isEqualTo("stays at 4");
        assertThat(Captions.direction(new double[] {1, 3, 0})).isEqualTo("rises, then falls");
        assertThat(Captions.direction(new double[] {9, 4.2, 5})).isEqualTo("falls, then rises");
        assertThat(Captions.direction(new double[] {1, 7.38, 4.2, 5})).isEqualTo("goes up and down");
    }

    @Test
    void trendNamesEndPointsAndExtremes() {
        double[] g = {0, 1, 2, 3};
        assertThat(Captions.trend("γ", g, new double[] {9, 7.4, 6, 5})).isEqualTo("falls from 9 to 5");
        assertThat(Captions.trend("γ", g, new double[] {1, 7.38, 4.2, 5}))
            .isEqualTo("goes up and down, from 1 to 5 (highest 7.38 at γ = 1, lowest 1 at γ = 0)");
    }

    @Test
    void coincidingSeriesAreNamedAndNumbersNeverNegativeZero() {
        String s = Captions.coinciding(new String[] {"a", "b", "c", "d"},
            new double[][] {{0, 1}, {0, 2}, {0, 1}, {0, 2}});
        assertThat(s).startsWith("The lines of a and c; of b and d coincide");
        assertThat(Captions.coinciding(new String[] {"a", "b"}, new double[][] {{0}, {1}})).isEmpty();
        assertThat(Captions.num(-0.00001)).isEqualTo("0");
        assertThat(Captions.num(1.50012)).isEqualTo("1.5001");
        assertThat(Numbers.fixed(-0.0000001, 6)).isEqualTo("0.000000");
        assertThat(Numbers.signed(-0.0000001, 6)).isEqualTo("+0.000000");
        assertThat(Numbers.fixed(-0.5, 1)).isEqualTo("-0.5");
    }
}
