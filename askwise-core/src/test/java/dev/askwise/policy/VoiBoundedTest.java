package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Profile;
import dev.askwise.model.PopulationModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * voi's bounded path for 0 &lt; γ &lt; ∞ (value only the candidates whose upper bound can win) against the general
 * lookahead that values every candidate ({@link VoiPolicy#decideGeneric}): the same decision and gain on seeded random
 * models of both families, and the bound itself checked against (a) the lookahead's value of every candidate and
 * (b) the value of the exactly optimal response after each answer, found by enumerating every response
 * ({@link Responder#respondExact}) — the bound must hold for the optimum, not only for the ascent's response.
 */
class VoiBoundedTest {

    private static final double[] GAMMAS = {0.5, 1, 2, 5};
    private static final double[] COSTS = {0.0, 0.05, 0.2, 0.5};

    static Stream<Integer> seeds() {
        return IntStream.range(0, 160).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sameDecisionAsValuingEveryCandidate(int seed) {
        ElicitationState s = state(seed);
        VoiPolicy voi = new VoiPolicy(1);
        Decision bounded = voi.decide(s);
        Decision reference = voi.decideGeneric(s);
        assertThat(bounded.getClass()).isEqualTo(reference.getClass());
        if (reference instanceof Decision.Ask ref) {
            Decision.Ask ask = (Decision.Ask) bounded;
            assertThat(ask.attribute()).isEqualTo(ref.attribute());
            assertThat(ask.gain()).isCloseTo(ref.gain(), within(1e-9));
        }
    }

    /**
     * At the benchmark's scale (the seeded 50 × 4 × K = 20 model of {@code askwise fit --data synthetic:...}, where
     * most candidates are left unvalued or given up after a few answers) after 0–3 answers: the same decision and gain.
     */
    @ParameterizedTest
    @MethodSource("largeCases")
    void sameDecisionOnALargeModel(double gamma, int answered) {
        PopulationModel m = dev.askwise.data.SyntheticData.model(
            new dev.askwise.data.SyntheticData.Shape(1, 50, 4, 20), 7);
        Objective o = Objective.of(0.3, WelfareFunction.of(gamma), 50);
        ElicitationState s = new ElicitationState(m, o, Profile.empty(50), 0, new boolean[50], new boolean[50],
            new boolean[50], null);
        for (int i = 0; i < answered; i++) {
            s = s.answered(7 * i + 2, i % 4);
        }
        VoiPolicy voi = new VoiPolicy(1);
        Decision.Ask bounded = (Decision.Ask) voi.decide(s);
        Decision.Ask reference = (Decision.Ask) voi.decideGeneric(s);
        assertThat(bounded.attribute()).isEqualTo(reference.attribute());
        assertThat(bounded.gain()).isCloseTo(reference.gain(), within(1e-9));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> largeCases() {
        return Stream.of(1.0, 2.0, 5.0).flatMap(g -> IntStream.of(0, 2, 3)
            .mapToObj(k -> org.junit.jupiter.params.provider.Arguments.of(g, k)));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void boundIsAboveTheLookaheadAndTheOptimalResponses(int seed) {
        ElicitationState s = state(seed);
        double[] bounds = VoiPolicy.bounds(s);
        PopulationModel m = s.model();
        for (int a = 0; a < s.attributes(); a++) {
            if (!s.askable(a)) {
                assertThat(bounds[a]).isNaN();
                continue;
            }
            assertThat(bounds[a]).isGreaterThanOrEqualTo(VoiPolicy.lookaheadValue(s, a));
            double[] pred = m.answerDistribution(s.posterior(), a);
            double optimal = 0;
            for (int v = 0; v < pred.length; v++) {
                if (pred[v] <= 0) {
                    continue;
                }
                ElicitationState next = v < pred.length - 1 ? s.answered(a, v) : s.declined(a);
                Responder.Response best = Responder.respondExact(m, next.posterior(), next.known(), next.scored(),
                    next.questions(), next.objective(), 1 << 18);
                if (best == null) { // only the larger latent-class models (seed % 4 == 3) have too many responses
                    assertThat(seed % 4).isEqualTo(3);
                    optimal = Double.NEGATIVE_INFINITY;
                    break;
                }
                optimal += pred[v] * best.value();
            }
            assertThat(bounds[a]).isGreaterThanOrEqualTo(optimal);
        }
    }

    /** A seeded state: model from {@link PlannerBruteForceTest#randomModel} (n ≤ 6) or a larger latent-class one. */
    private static ElicitationState state(int seed) {
        SplittableRandom r = new SplittableRandom(4242 + seed);
        PopulationModel m = seed % 4 == 3 ? VoiUtilitarianTest.randomModel(r, seed)
            : PlannerBruteForceTest.randomModel(seed);
        int n = m.schema().size();
        double gamma = GAMMAS[seed % GAMMAS.length];
        double cost = COSTS[(seed / GAMMAS.length) % COSTS.length];
        Objective o = Objective.of(cost, WelfareFunction.of(gamma), n);
        return VoiUtilitarianTest.randomState(m, o, r, new double[] {0.08, 0.12, 0.3, 0.36});
    }
}
