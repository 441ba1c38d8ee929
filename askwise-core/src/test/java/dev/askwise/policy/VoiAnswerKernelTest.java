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
        ElicitationState s = seededState(seed);
        assertThat(VoiPolicy.utilitarianValues(s, Responder.Kernel.VECTOR))
            .isEqualTo(VoiPolicy.utilitarianValues(s, Responder.Kernel.SCALAR));
    }

    /**
     * Case {@code seed}: a model of either family (2–5 values, missing preferences) and a state with protected,
     * answered and declined attributes, at one of three costs.
     */
    private static ElicitationState seededState(int seed) {
        SplittableRandom r = new SplittableRandom(4242 + seed);
        PopulationModel m = seed % 3 == 0 ? PlannerBruteForceTest.randomModel(seed)
            : VoiUtilitarianTest.randomModel(r, seed);
        Objective o = Objective.of(new double[] {0.0, 0.1, 0.4}[seed % 3], WelfareFunction.utilitarian(),
            m.schema().size());
        return VoiUtilitarianTest.randomState(m, o, r, new double[] {0.1, 0.15, 0.35, 0.4});
    }

    /** The benchmark's 50 × 4 × 20 model at cost 0.1, nothing known. */
    private static ElicitationState benchmarkStart() {
        PopulationModel m = dev.askwise.data.SyntheticData.model(new dev.askwise.data.SyntheticData.Shape(1, 50, 4,
            20), 7);
        Objective o = Objective.of(0.1, WelfareFunction.utilitarian(), 50);
        return new ElicitationState(m, o, dev.askwise.Profile.empty(50), 0, new boolean[50], new boolean[50],
            new boolean[50], null);
    }

    @Test
    void vectorPassEqualsScalarPassAtBenchmarkSize() {
        ElicitationState s = benchmarkStart();
        for (int step = 0; step < 6; step++) {
            double[] scalar = VoiPolicy.utilitarianValues(s, Responder.Kernel.SCALAR);
            assertThat(VoiPolicy.utilitarianValues(s, Responder.Kernel.VECTOR)).isEqualTo(scalar);
            s = s.answered(step * 7 % 50, step % 4);
        }
    }

    /**
     * The single-precision screen ({@link VoiPolicy#screenedValues}): every candidate it keeps has the full pass's value
     * to the bit, its error bound holds for every candidate (screened value against the full pass's), so the choice and
     * the gain are the full pass's; on the same seeded models and states as above, with several costs.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void screenChoosesWhatTheFullPassChooses(int seed) {
        assertScreenAgrees(seededState(seed));
    }

    @Test
    void screenChoosesWhatTheFullPassChoosesAtBenchmarkSize() {
        ElicitationState s = benchmarkStart();
        for (int step = 0; step < 6; step++) {
            int kept = assertScreenAgrees(s);
            // the screen is what makes the decision cheaper: it leaves out most of the 50 − step candidates
            assertThat(kept).as("candidates valued twice after %d answers", step).isLessThanOrEqualTo(5);
            s = s.answered(step * 7 % 50, step % 4);
        }
    }

    /**
     * Attributes with the same θ tie (the most informative one, 1, duplicated as 4): the choice is the lower index, so
     * the screen must keep both, whichever it puts first.
     */
    @Test
    void screenKeepsExactTies() {
        double[][][] theta = new double[3][6][];
        SplittableRandom r = new SplittableRandom(99);
        for (int z = 0; z < 3; z++) {
            for (int a = 0; a < 6; a++) {
                double p = a == 1 ? 0.9 : 0.2 + 0.6 * r.nextDouble();
                double q = (1 - p) * r.nextDouble();
                double[] t = {p, q, 1 - p - q};
                theta[z][a] = a == 1 ? new double[] {t[z], t[(z + 1) % 3], t[(z + 2) % 3]} : t;
            }
            theta[z][4] = theta[z][1].clone(); // 1 and 4 are the same question
        }
        ElicitationState s = sixAttributes(new double[] {0.5, 0.3, 0.2}, theta);
        double[] full = VoiPolicy.utilitarianValues(s, Responder.Kernel.VECTOR);
        double[] screened = VoiPolicy.screenedValues(s, java.util.Objects.requireNonNull(VoiPolicy.vectorAnswers()),
            null);
        assertThat(Objective.improves(full[1], full[4]) || Objective.improves(full[4], full[1])).isFalse();
        assertThat(Objective.choose(full, s.stop().value())).isEqualTo(1);
        assertThat(screened[1]).isEqualTo(full[1]);
        assertThat(screened[4]).isEqualTo(full[4]);
        assertScreenAgrees(s);
    }

    /**
     * Near ties: attribute 4 is the most informative attribute 1 with its θ moved by up to 1.5·10⁻⁷, so the two
     * values differ in double precision by less than the screen's error bound and the screen may order them either
     * way: both must be valued again, whichever the screen puts first (keeping only the highest lower bound fails 83
     * of these cases).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void screenKeepsNearTies(int seed) {
        SplittableRandom r = new SplittableRandom(777 + seed);
        double[][][] theta = new double[3][6][];
        for (int z = 0; z < 3; z++) {
            for (int a = 0; a < 6; a++) {
                double p = a == 1 ? 0.9 : 0.3 + 0.1 * r.nextDouble();
                double q = (1 - p) * r.nextDouble();
                double[] t = {p, q, 1 - p - q};
                theta[z][a] = a == 1 ? new double[] {t[z], t[(z + 1) % 3], t[(z + 2) % 3]} : t;
            }
            double[] near = theta[z][1].clone();
            near[0] += 3e-7 * (r.nextDouble() - 0.5);
            near[1] += 3e-7 * (r.nextDouble() - 0.5);
            near[2] = 1 - near[0] - near[1];
            theta[z][4] = near;
        }
        ElicitationState s = sixAttributes(new double[] {0.4, 0.35, 0.25}, theta);
        double[] full = VoiPolicy.utilitarianValues(s, Responder.Kernel.VECTOR);
        assertThat(Objective.choose(full, s.stop().value())).isIn(1, 4);
        assertScreenAgrees(s);
    }

    /** Nothing known about six three-valued attributes under three components, cost 0.01. */
    private static ElicitationState sixAttributes(double[] weights, double[][][] theta) {
        java.util.List<dev.askwise.Attribute> attrs = new java.util.ArrayList<>();
        for (int a = 0; a < 6; a++) {
            attrs.add(new dev.askwise.Attribute("a" + a, java.util.List.of("x", "y", "z")));
        }
        PopulationModel m = dev.askwise.model.LatentClassModel.of(dev.askwise.Schema.of(attrs), weights, theta, null);
        Objective o = Objective.of(0.01, WelfareFunction.utilitarian(), 6);
        return new ElicitationState(m, o, dev.askwise.Profile.empty(6), 0, new boolean[6], new boolean[6],
            new boolean[6], null);
    }

    /** Checks the screen against the full vector pass on one state; returns the number of candidates it kept. */
    private static int assertScreenAgrees(ElicitationState s) {
        VoiPolicy.AnswerKernel kernel = java.util.Objects.requireNonNull(VoiPolicy.vectorAnswers());
        double[] full = VoiPolicy.utilitarianValues(s, Responder.Kernel.VECTOR);
        double[][] errors = new double[full.length][];
        double[] screened = VoiPolicy.screenedValues(s, kernel, errors);
        int kept = 0;
        for (int a = 0; a < full.length; a++) {
            if (Double.isNaN(full[a])) {
                assertThat(screened[a]).isNaN();
                continue;
            }
            assertThat(Math.abs(errors[a][0] - full[a])).as("screen error of candidate %d", a)
                .isLessThanOrEqualTo(errors[a][1]);
            if (!Double.isNaN(screened[a])) {
                kept++;
                assertThat(screened[a]).isEqualTo(full[a]);
            }
        }
        double now = s.stop().value();
        int choice = Objective.choose(full, now);
        assertThat(Objective.choose(screened, now)).isEqualTo(choice);
        assertThat(new VoiPolicy(1).decide(s)).isEqualTo(choice < 0
            ? new Decision.Stop("no question gains more than it costs")
            : new Decision.Ask(choice, s.objective().certaintyEquivalent(full[choice])
                - s.objective().certaintyEquivalent(now)));
        return kept;
    }

    @Test
    void testsRunWithTheVectorKernel() {
        assertThat(Responder.defaultKernel()).isEqualTo(Responder.Kernel.VECTOR);
    }
}
