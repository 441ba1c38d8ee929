package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.PopulationModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * voi's γ = 0 path (posterior products into a [component][attribute, value] table, no hypothetical states) against
 * the general lookahead that builds every hypothetical state and values it with the responder
 * ({@link VoiPolicy#decideGeneric}, the implementation before the γ = 0 path existed): the same decision and the same
 * gain to 1e-9 on seeded random models of both families — attributes of 2 to 5 values, missing preferences, protected
 * attributes, partly answered and declined states.
 */
class VoiUtilitarianTest {

    static Stream<Integer> seeds() {
        return IntStream.range(0, 120).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void sameDecisionAsTheGeneralLookahead(int seed) {
        SplittableRandom r = new SplittableRandom(77 + seed);
        PopulationModel m = seed % 3 == 0 ? PlannerBruteForceTest.randomModel(seed) : randomModel(r, seed);
        int n = m.schema().size();
        double cost = new double[] {0.0, 0.02, 0.1, 0.3, 0.6}[seed % 5];
        Objective o = Objective.of(cost, WelfareFunction.utilitarian(), n);
        ElicitationState s = randomState(m, o, r, new double[] {0.1, 0.15, 0.35, 0.4});
        VoiPolicy voi = new VoiPolicy(1);
        Decision fast = voi.decide(s);
        Decision reference = voi.decideGeneric(s);
        assertThat(fast.getClass()).isEqualTo(reference.getClass());
        if (reference instanceof Decision.Ask ref) {
            Decision.Ask ask = (Decision.Ask) fast;
            assertThat(ask.attribute()).isEqualTo(ref.attribute());
            assertThat(ask.gain()).isCloseTo(ref.gain(), within(1e-9));
        }
    }

    /**
     * A seeded state of model m: each attribute is, by one uniform draw u against the cumulative thresholds t,
     * never-ask (u &lt; t[0]), never-infer (&lt; t[1]), answered with a random value (&lt; t[2]) or declined (&lt; t[3],
     * when the model has missing preferences); answers of probability 0 under an exemplar model give the empty state.
     */
    static ElicitationState randomState(PopulationModel m, Objective o, SplittableRandom r, double[] t) {
        int n = m.schema().size();
        boolean[] neverAsk = new boolean[n];
        boolean[] neverInfer = new boolean[n];
        boolean[] declined = new boolean[n];
        Profile known = Profile.empty(n);
        int questions = 0;
        for (int a = 0; a < n; a++) {
            double u = r.nextDouble();
            if (u < t[0]) {
                neverAsk[a] = true;
            } else if (u < t[1]) {
                neverInfer[a] = true;
            } else if (u < t[2]) {
                known = known.with(a, r.nextInt(m.schema().get(a).size()));
                questions++;
            } else if (u < t[3] && m.modelsMissing()) {
                declined[a] = true;
                questions++;
            }
        }
        try {
            ElicitationState s = new ElicitationState(m, o, known, questions, neverAsk, neverInfer, declined, null);
            s.posterior();
            return s;
        } catch (IllegalArgumentException impossible) {
            return new ElicitationState(m, o, Profile.empty(n), 0, neverAsk, neverInfer, new boolean[n], null);
        }
    }

    /** A latent-class model of 3–12 attributes with 2–5 values, 1–6 components, missing preferences half the time. */
    static LatentClassModel randomModel(SplittableRandom r, int seed) {
        int n = 3 + r.nextInt(10);
        List<Attribute> attrs = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            int size = 2 + r.nextInt(4);
            List<String> values = new ArrayList<>();
            for (int v = 0; v < size; v++) {
                values.add("v" + v);
            }
            attrs.add(new Attribute("a" + a, values));
        }
        Schema schema = Schema.of(attrs);
        int k = 1 + r.nextInt(6);
        double[] w = normalised(r, k);
        double[][][] theta = new double[k][n][];
        double[][] miss = seed % 2 == 0 ? new double[k][n] : null;
        for (int z = 0; z < k; z++) {
            for (int a = 0; a < n; a++) {
                theta[z][a] = normalised(r, schema.get(a).size());
                if (miss != null) {
                    miss[z][a] = r.nextDouble() < 0.4 ? 0.0 : 0.5 * r.nextDouble();
                }
            }
        }
        return LatentClassModel.of(schema, w, theta, miss);
    }

    private static double[] normalised(SplittableRandom r, int size) {
        double[] p = new double[size];
        double t = 0;
        for (int i = 0; i < size; i++) {
            p[i] = 0.05 + r.nextDouble();
            t += p[i];
        }
        for (int i = 0; i < size; i++) {
            p[i] /= t;
        }
        return p;
    }
}
