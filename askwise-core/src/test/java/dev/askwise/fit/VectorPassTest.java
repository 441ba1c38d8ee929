package dev.askwise.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.data.CodedRows;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SIMD EM pass against the scalar one: the same statistics to 1e-13 relative (they differ only in the rounding
 * of exponentials and of each user's sum of responsibilities), for K from 1 to 13 (padded to whole vectors or not),
 * attributes with 2 to 200 values, and missing values; and the pass's exponential against {@link Math#exp}. This
 * module's tests run with the Vector API's module, so the vector kernel is the default here.
 */
class VectorPassTest {

    static Stream<Arguments> shapes() {
        return IntStream.rangeClosed(1, 13).mapToObj(k -> Arguments.of(k, k % 3 == 0));
    }

    @Test
    void theVectorKernelIsAvailableAndTheDefaultInTheseTests() {
        assertThat(SufficientStatistics.vectorAvailable()).isTrue();
        assertThat(SufficientStatistics.defaultKernel()).isEqualTo(SufficientStatistics.Kernel.VECTOR);
    }

    @Test
    void theExponentialIsWithinTwoUlpsOfMathExpAndNegligibleFarBelow() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        long worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = i < 100_000 ? -707.99 * random.nextDouble() : -40.0 * random.nextDouble();
            double mine = VectorPass.expOf(x);
            double ref = Math.exp(x);
            long ulps = Math.abs(Double.doubleToLongBits(mine) - Double.doubleToLongBits(ref));
            worst = Math.max(worst, ulps);
            assertThat(ulps).as("exp(%s) = %s, Math.exp %s", x, mine, ref).isLessThanOrEqualTo(2);
        }
        for (double x : new double[] {-0.0, -1e-300, -1e-17, -0.5 * Math.log(2), -Math.log(2), -1.0, -707.9}) {
            assertThat(Math.abs(Double.doubleToLongBits(VectorPass.expOf(x)) - Double.doubleToLongBits(Math.exp(x))))
                .as("exp(%s)", x).isLessThanOrEqualTo(2);
        }
        assertThat(VectorPass.expOf(0.0)).isEqualTo(1.0);
        double floor = Math.exp(-708.0);
        assertThat(VectorPass.expOf(-708.1)).isCloseTo(floor, org.assertj.core.data.Percentage.withPercentage(1e-12));
        assertThat(VectorPass.expOf(Double.NEGATIVE_INFINITY)).isEqualTo(VectorPass.expOf(-708.1)).isLessThan(4e-308);
        assertThat(VectorPass.expOf(Double.NaN)).isNaN();
        System.out.println("largest difference from Math.exp: " + worst + " ulp");
    }

    @ParameterizedTest(name = "K = {0}, mixed sizes = {1}")
    @MethodSource("shapes")
    void vectorStatisticsEqualScalarStatistics(int k, boolean mixed) {
        CodedRows rows = mixed ? CodedRows.of(SufficientStatisticsTest.mixedSizes(1500, k))
            : SufficientStatisticsTest.withMissing(1500, 11, Math.max(1, k / 2), 0.15, k);
        GroupedRows grouped = GroupedRows.of(rows);
        EmParameters p = EmParameters.maximise(LatentClassFitter.start(rows, RestartSeed.of(3, 1).get(0), k), 0.5,
            true);
        for (int it = 0; it < 3; it++) {
            SufficientStatistics scalar = SufficientStatistics.empty(CodedRows.sizes(rows.schema()), k)
                .accumulate(p, grouped, 0, grouped.size(), SufficientStatistics.Kernel.SCALAR);
            SufficientStatistics vector = SufficientStatistics.empty(CodedRows.sizes(rows.schema()), k)
                .accumulate(p, grouped, 0, grouped.size(), SufficientStatistics.Kernel.VECTOR);
            assertThat(vector.maxRelativeDifference(scalar)).isLessThan(1e-13);
            assertThat(vector.users()).isEqualTo(scalar.users());
            assertThat(vector.missingValues()).isEqualTo(scalar.missingValues()).isPositive();
            // a part of the rows too (chunks start anywhere)
            SufficientStatistics part = SufficientStatistics.empty(CodedRows.sizes(rows.schema()), k)
                .accumulate(p, grouped, 17, 901, SufficientStatistics.Kernel.VECTOR);
            SufficientStatistics partScalar = SufficientStatistics.empty(CodedRows.sizes(rows.schema()), k)
                .accumulate(p, grouped, 17, 901, SufficientStatistics.Kernel.SCALAR);
            assertThat(part.maxRelativeDifference(partScalar)).isLessThan(1e-13);
            p = EmParameters.maximise(scalar, 0.5, true);
        }
    }
}
