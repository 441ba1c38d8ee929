package dev.askwise.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import dev.askwise.fit.ExemplarFitter;
import dev.askwise.policy.PlannerBruteForceTest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every population-model family passes: the posterior sums to 1; the predictive distribution of an
 * attribute given a partial profile equals brute-force enumeration of every complete profile (with missing values) on
 * small schemas; Bayes updates agree with recomputing the posterior; the JSON round trip is exact; parse errors are
 * strict.
 */
class PopulationModelContractTest {

    static IntStream seeds() {
        return IntStream.range(0, 16);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void posteriorPredictiveAndUpdatesMatchEnumeration(int seed) {
        PopulationModel m = PlannerBruteForceTest.randomModel(seed);
        int n = m.schema().size();
        SplittableRandom r = new SplittableRandom(seed);
        int[] known = new int[n];
        boolean[] declined = new boolean[n];
        for (int a = 0; a < n; a++) {
            known[a] = Profile.UNKNOWN;
            double u = r.nextDouble();
            if (u < 0.35) {
                known[a] = r.nextInt(m.schema().get(a).size());
            } else if (u < 0.5 && m.modelsMissing()) {
                declined[a] = true;
            }
        }
        Profile p = Profile.ofUnchecked(known);
        double[] post = m.posterior(p, declined);
        assertThat(java.util.Arrays.stream(post).sum()).isCloseTo(1.0, offset(1e-12));
        // enumerate every complete answer vector (values, or "none" = size) consistent with the partial profile
        int target = IntStream.range(0, n).filter(a -> known[a] == Profile.UNKNOWN && !declined[a]).findFirst()
            .orElse(-1);
        if (target < 0) {
            return;
        }
        int size = m.schema().get(target).size();
        double[] joint = new double[size + 1];
        enumerate(m, known, declined, 0, new int[n], 1.0, -1, target, joint);
        double total = 0;
        for (double x : joint) {
            total += x;
        }
        double[] answers = m.answerDistribution(post, target);
        double[] pred = m.predictive(post, target);
        double valueMass = total - joint[size];
        for (int v = 0; v <= size; v++) {
            assertThat(answers[v]).isCloseTo(joint[v] / total, offset(1e-12));
        }
        if (valueMass > 0 && !m.modelsMissing()) {
            for (int v = 0; v < size; v++) {
                assertThat(pred[v]).isCloseTo(joint[v] / valueMass, offset(1e-12));
            }
        }
        // Bayes update equals recomputing from scratch
        int v0 = 0;
        double[] updated = m.update(post, target, v0);
        int[] k2 = known.clone();
        k2[target] = v0;
        double[] fresh = m.posterior(Profile.ofUnchecked(k2), declined);
        for (int z = 0; z < updated.length; z++) {
            assertThat(updated[z]).isCloseTo(fresh[z], offset(1e-12));
        }
    }

    /** Sums P(complete answers) over every completion consistent with the partial profile, by target answer. */
    private static void enumerate(PopulationModel m, int[] known, boolean[] declined, int a, int[] answer, double w,
                                  int unused, int target, double[] out) {
        int n = known.length;
        if (a == n) {
            for (int z = 0; z < m.components(); z++) {
                double p = m.weight(z);
                for (int b = 0; b < n; b++) {
                    int size = m.schema().get(b).size();
                    double miss = m.missingProbability(z, b);
                    p *= answer[b] == size ? miss : (1 - miss) * m.probability(z, b, answer[b]);
                }
                out[answer[target]] += p;
            }
            return;
        }
        int size = m.schema().get(a).size();
        for (int v = 0; v <= size; v++) {
            boolean ok = known[a] != Profile.UNKNOWN ? v == known[a] : declined[a] ? v == size : true;
            if (!ok || (v == size && !m.modelsMissing())) {
                continue;
            }
            answer[a] = v;
            enumerate(m, known, declined, a + 1, answer, w, unused, target, out);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void jsonRoundTripIsExact(int seed) {
        PopulationModel m = PlannerBruteForceTest.randomModel(seed);
        PopulationModel back = PopulationModel.fromJson(m.toJson());
        assertThat(back.getClass()).isEqualTo(m.getClass());
        assertThat(back.toJson()).isEqualTo(m.toJson());
        assertThat(back.trainingUsers()).isEqualTo(m.trainingUsers());
        for (int z = 0; z < m.components(); z++) {
            assertThat(back.weight(z)).isEqualTo(m.weight(z));
            for (int a = 0; a < m.schema().size(); a++) {
                assertThat(back.missingProbability(z, a)).isEqualTo(m.missingProbability(z, a));
                for (int v = 0; v < m.schema().get(a).size(); v++) {
                    assertThat(back.probability(z, a, v)).isEqualTo(m.probability(z, a, v));
                }
            }
        }
    }

    @Test
    void parseErrorsAreStrict() {
        String lc = PlannerBruteForceTest.randomModel(0).toJson();
        assertThatThrownBy(() -> LatentClassModel.fromJson(lc.replaceFirst("\"weights\":\\[[^\\]]*\\]",
            "\"weights\":[\"one\"]"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights[0]");
        assertThatThrownBy(() -> LatentClassModel.fromJson(lc.replace("\"version\":1", "\"version\":1.5")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1.5");
        assertThatThrownBy(() -> PopulationModel.fromJson("{\"format\":\"askwise.other\"}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("askwise.other");
        assertThatThrownBy(() -> PopulationModel.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
        String ex = PlannerBruteForceTest.randomModel(1).toJson();
        assertThat(ex).contains(ExemplarModel.FORMAT);
        assertThatThrownBy(() -> ExemplarModel.fromJson(ex.replace("\"counts\":[", "\"extra\":1,\"counts\":[")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown field 'extra'");
        assertThatThrownBy(() -> ExemplarModel.fromJson(ex.replaceFirst("\"users\":\\d+", "\"users\":99999")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum of counts");
        assertThatThrownBy(() -> ExemplarModel.fromJson(ex.replaceFirst("\"noise\":\\[[^,\\]]*", "\"noise\":[2")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise of");
    }

    @Test
    void exemplarFitterExpressesExactlyTwoOnesAndMergesPartitions() {
        // users with exactly two ones out of 5: the exemplar model keeps that structure
        List<int[]> rows = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 400; i++) {
            int x = r.nextInt(5);
            int y = (x + 1 + r.nextInt(4)) % 5;
            int[] row = new int[5];
            row[x] = 1;
            row[y] = 1;
            rows.add(row);
        }
        Dataset data = Dataset.of("pairs", dev.askwise.Schema.binary(5), rows, java.util.Map.of());
        ExemplarModel m = ExemplarFitter.fit(data, ExemplarFitter.Options.defaults());
        assertThat(m.components()).isEqualTo(10);
        assertThat(m.trainingUsers()).isEqualTo(400);
        // after seeing two ones, the rest are zeros with near certainty
        int[] known = {1, 1, Profile.UNKNOWN, Profile.UNKNOWN, Profile.UNKNOWN};
        double[] pred = m.predictive(Profile.ofUnchecked(known), 2);
        assertThat(pred[0]).isGreaterThan(0.999);
        // counts of two partitions merged equal the counts of the whole
        ExemplarFitter.Counts left = new ExemplarFitter.Counts(data.schema());
        ExemplarFitter.Counts right = new ExemplarFitter.Counts(data.schema());
        ExemplarFitter.Counts whole = ExemplarFitter.count(data);
        for (int i = 0; i < data.size(); i++) {
            (i % 3 == 0 ? left : right).add(data.profile(i));
        }
        ExemplarFitter.Counts merged = left.merge(right);
        assertThat(merged.users()).isEqualTo(whole.users());
        assertThat(merged.distinct()).isEqualTo(whole.distinct());
        for (int[] row : rows) {
            assertThat(merged.count(row)).isEqualTo(whole.count(row));
        }
        assertThat(ExemplarFitter.fit(merged, ExemplarFitter.Options.defaults()).toJson()).isEqualTo(m.toJson());
    }
}
