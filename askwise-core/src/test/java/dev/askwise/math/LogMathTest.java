package dev.askwise.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogMathTest {

    @Test
    void logSumExpHandlesInfinitiesAndLargeValues() {
        assertThat(LogMath.logSumExp(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)).isEqualTo(
            Double.NEGATIVE_INFINITY);
        assertThat(LogMath.logSumExp(1000, 1000)).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(LogMath.logSumExp(new double[] {-1000, -1000, -1000})).isCloseTo(-1000 + Math.log(3),
            within(1e-12));
        assertThat(LogMath.logSumExp(new double[0])).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    /** Binomial pmf rows against the direct product formula. */
    @ParameterizedTest
    @CsvSource({"10, 0.3", "1, 0.5", "0, 0.2", "25, 0.01", "7, 0", "7, 1"})
    void binomialRowMatchesDirectFormula(int a, double prob) {
        double[] row = new double[a + 1];
        LogMath.binomialPmf(a, prob, row);
        for (int i = 0; i <= a; i++) {
            double direct = choose(a, i) * Math.pow(prob, i) * Math.pow(1 - prob, a - i);
            assertThat(row[i]).isCloseTo(direct, within(1e-14));
            assertThat(Math.exp(LogMath.logBinomialPmf(i, a, prob))).isCloseTo(direct, within(1e-14));
        }
    }

    @Test
    void hugeRowsDoNotOverflow() {
        double[] row = new double[4001];
        LogMath.binomialPmf(4000, 0.5, row);
        double sum = 0;
        for (double v : row) {
            assertThat(v).isFinite();
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
    }

    private static double choose(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    @Test
    void entropyInBits() {
        assertThat(LogMath.entropyBits(new double[] {0.5, 0.5})).isCloseTo(1.0, within(1e-15));
        assertThat(LogMath.entropyBits(new double[] {1.0, 0.0})).isZero();
        assertThat(LogMath.entropyBits(new double[] {0.25, 0.25, 0.25, 0.25})).isCloseTo(2.0, within(1e-15));
    }

    @Test
    void logFactorialRange() {
        assertThat(LogMath.logFactorial(5)).isCloseTo(Math.log(120), within(1e-12));
        assertThatThrownBy(() -> LogMath.logFactorial(-1)).hasMessage("n must be in [0, 4096]: -1");
    }
}
