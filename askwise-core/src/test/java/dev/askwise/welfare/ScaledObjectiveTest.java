package dev.askwise.welfare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scaled objective, its inverse, the shift check, and the tangent continuation below {@code x_min}. */
class ScaledObjectiveTest {

    /**
     * By hand, γ = 2, s = 1, n = 5, c = 0.6: {@code x_min = min(0, 5·0.4) + 1 = 1}, {@code x_max = 6}, {@code S = √6},
     * {@code f_S(x) = −S/x}, {@code f_S'(x) = S/x²}; the continuation starts at {@code x_c = 2⁻²⁰} (S·e⁻³⁰⁰ is far
     * smaller), where f = −S·2²⁰ and f' = S·2⁴⁰, so a user who declined three questions ({@code U = −1.8},
     * {@code x = −0.8}) is valued {@code −S·(2²⁰ + 2⁴⁰·(0.8 + 2⁻²⁰)) = −S·(2²¹ + 0.8·2⁴⁰)} — not the power function's
     * {@code +S/0.8}, which would rank them above every satisfied user. Above x_c, the power function unchanged.
     */
    @Test
    void belowZeroTheObjectiveFollowsItsTangentJustAboveZero() {
        ScaledObjective f = ScaledObjective.of(WelfareFunction.of(2), 5, 0.6);
        double r6 = Math.sqrt(6);
        double xc = Math.scalb(1.0, -20);
        assertThat(f.continuationPoint()).isEqualTo(xc);
        assertThat(f.ofShifted(3)).isEqualTo(-r6 / 3);
        assertThat(f.ofShifted(0.5)).isEqualTo(-r6 / 0.5); // reachable by a decline, valued as before
        double expected = -r6 * (Math.scalb(1.0, 21) + 0.8 * Math.scalb(1.0, 40));
        assertThat(f.ofShifted(-0.8)).isCloseTo(expected, within(1e-12 * Math.abs(expected)));
        assertThat(f.derivativeShifted(-0.8)).isCloseTo(r6 * Math.scalb(1.0, 40), within(1e-3));
        assertThat(f.inverse(expected)).isCloseTo(-0.8, within(1e-9));
        assertThat(f.inverse(-r6 / 3)).isCloseTo(3, within(1e-13));
    }

    /** For a large γ the continuation starts where the slope stays finite: S·e^(−600/γ). */
    @Test
    void aLargeGammaKeepsTheSlopeFinite() {
        ScaledObjective f = ScaledObjective.of(WelfareFunction.of(100), 5, 0.6);
        double s = Math.sqrt(6);
        assertThat(f.continuationPoint()).isCloseTo(s * Math.exp(-6), within(1e-15));
        assertThat(f.derivativeShifted(-10)).isFinite().isPositive();
        assertThat(f.ofShifted(-10)).isFinite().isNegative();
    }

    /**
     * For every finite γ &gt; 0 the objective is finite, strictly increasing and concave over shifted utilities from far
     * below zero to the top, continuous at the continuation point, and its inverse undoes it; γ = 0 has no
     * continuation (it is linear everywhere).
     */
    @ParameterizedTest
    @CsvSource({"0.5, 5, 0.6", "1, 5, 0.9", "2, 5, 1.1", "5, 12, 0.3", "2, 3, 0.0", "9, 40, 0.5", "0, 5, 0.6"})
    void finiteIncreasingConcaveAndInvertibleEverywhere(double gamma, int n, double cost) {
        ScaledObjective f = ScaledObjective.of(WelfareFunction.of(gamma), n, cost);
        double low = f.continuationPoint();
        if (gamma == 0) {
            assertThat(low).isEqualTo(Double.NEGATIVE_INFINITY);
        } else {
            assertThat(f.ofShifted(Math.nextDown(low))).isCloseTo(f.ofShifted(low),
                within(1e-12 * Math.abs(f.ofShifted(low))));
        }
        double step = 0.05;
        double previous = Double.NaN;
        double previousSlope = Double.NaN;
        for (double x = -3.0 * n; x <= n + 1; x += step) {
            double v = f.ofShifted(x);
            assertThat(v).as("f(%s)", x).isFinite();
            assertThat(f.inverse(v)).as("inverse at %s", x).isCloseTo(x, within(1e-9 * Math.max(1, Math.abs(x))));
            if (!Double.isNaN(previous)) {
                double slope = (v - previous) / step;
                assertThat(slope).as("slope before %s", x).isPositive();
                if (!Double.isNaN(previousSlope)) {
                    assertThat(slope).as("concave at %s", x).isLessThanOrEqualTo(previousSlope * (1 + 1e-9));
                }
                previousSlope = slope;
            }
            previous = v;
        }
    }

    @ParameterizedTest
    @CsvSource({"5, 1.2", "10, 1.1", "4, 1.25"})
    void theCostBoundItselfIsRefused(int n, double cost) {
        assertThatThrownBy(() -> ScaledObjective.of(WelfareFunction.of(2), n, cost))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cost must be < 1 + shift/n")
            .hasMessageEndingWith(": " + cost);
        assertThat(ScaledObjective.of(WelfareFunction.of(2), n, Math.nextDown(cost)).ofShifted(1)).isFinite();
    }
}
