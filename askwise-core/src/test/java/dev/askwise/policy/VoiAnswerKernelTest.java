package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.model.PopulationModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * voi's γ = 0 table pass on SIMD lanes ({@code VectorAnswers}) against the scalar pass: the same value of asking every
 * attribute, to the bit, on seeded random models of both families (2–5 values, missing preferences, protected,
 * answered and declined attributes, so that groups end with padding lanes and lanes hold their own candidate) and on
 * the benchmark's 50 × 4 × 20 model.
 */
class VoiAnswerKernelTest {

    static Stream<Integer> seeds() {
        return IntStream.range(0, 200).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void vectorPassEqualsScalarPassToTheBit(int seed) {
        SplittableRandom r = new SplittableRandom(4242 + seed);
        PopulationModel m = seed % 3 == 0 ? PlannerBruteForceTest.randomModel(seed)
            : VoiUtilitarianTest.randomModel(r, seed);
        Objective o = Objective.of(new double[] {0.0, 0.1, 0.4}[seed % 3], WelfareFunction.utilitarian(),
            m.schema().size());
        ElicitationState s = VoiUtilitarianTest.randomState(m, o, r, new double[] {0.1, 0.15, 0.35, 0.4});
        assertThat(VoiPolicy.utilitarianValues(s, Responder.Kernel.VECTOR))
            .isEqualTo(VoiPolicy.utilitarianValues(s, Responder.Kernel.SCALAR));
    }

    @Test
    void vectorPassEqualsScalarPassAtBenchmarkSize() {
        PopulationModel m = dev.askwise.data.SyntheticData.model(new dev.askwise.data.SyntheticData.Shape(1, 50, 4,
            20), 7);
        Objective o = Objective.of(0.1, WelfareFunction.utilitarian(), 50);
        ElicitationState s = new ElicitationState(m, o, dev.askwise.Profile.empty(50), 0, new boolean[50],
            new boolean[50], new boolean[50], null);
        for (int step = 0; step < 6; step++) {
            double[] scalar = VoiPolicy.utilitarianValues(s, Responder.Kernel.SCALAR);
            assertThat(VoiPolicy.utilitarianValues(s, Responder.Kernel.VECTOR)).isEqualTo(scalar);
            s = s.answered(step * 7 % 50, step % 4);
        }
    }

    @Test
    void testsRunWithTheVectorKernel() {
        assertThat(Responder.defaultKernel()).isEqualTo(Responder.Kernel.VECTOR);
    }
}
