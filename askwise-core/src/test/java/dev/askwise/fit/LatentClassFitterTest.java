package dev.askwise.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.SymmetricMixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatentClassFitterTest {

    /** Users drawn from the paper's model (n = 10, p = 0.3, ε = 0.1), some values hidden at random. */
    static Dataset paperSample(int users, double missing, long seed) {
        SymmetricMixture m = SymmetricMixture.of(10, 0.3, 0.1);
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            boolean[] bits = m.sample(random).bits();
            int[] row = new int[10];
            for (int a = 0; a < 10; a++) {
                row[a] = random.nextDouble() < missing ? -1 : (bits[a] ? 1 : 0);
            }
            rows.add(row);
        }
        return Dataset.of("paper", Schema.binary(10), rows, Map.of());
    }

    /**
     * EM recovers p and ε within sampling error. 5,000 users with 20% of values hidden: p̂ has standard error ≈ 0.0065;
     * ε is shared by the 20 per-cluster attribute rates, so its pooled estimate (their mean distance from 0 or 1) has
     * standard error ≈ 0.002; a single rate (about 1,200 observations in the smaller cluster) ≈ 0.009.
     * Tolerances: 4 standard errors for the pooled estimates, 5 for each of the 20 rates.
     */
    @Test
    void recoversTheParametersOfThePapersModel() {
        FitResult fit = LatentClassFitter.fit(paperSample(5000, 0.2, 3), FitOptions.builder().clusters(2).seed(9)
            .smoothing(0.01).build());
        LatentClassModel m = fit.model();
        int zeros = m.probability(0, 0, 0) > 0.5 ? 0 : 1;
        assertThat(m.weight(zeros)).isCloseTo(0.3, within(0.026));
        double pooled = 0;
        for (int a = 0; a < 10; a++) {
            assertThat(m.probability(zeros, a, 1)).isCloseTo(0.1, within(0.045));
            assertThat(m.probability(1 - zeros, a, 1)).isCloseTo(0.9, within(0.03));
            pooled += m.probability(zeros, a, 1) + m.probability(1 - zeros, a, 0);
        }
        assertThat(pooled / 20).isCloseTo(0.1, within(0.008));
        assertThat(fit.converged()).isTrue();
        // values were hidden completely at random with probability 0.2: the fitted missingness is 0.2 in both clusters
        double missing = 0;
        for (int z = 0; z < 2; z++) {
            for (int a = 0; a < 10; a++) {
                missing += m.missingProbability(z, a) / 20;
            }
        }
        assertThat(missing).isCloseTo(0.2, within(0.01));
        // EM fits the sample at least as well as the true parameters (with the true missingness) do
        LatentClassModel paper = LatentClassModel.fromSymmetricMixture(SymmetricMixture.of(10, 0.3, 0.1));
        double[][][] theta = new double[2][10][];
        double[][] miss = new double[2][10];
        for (int z = 0; z < 2; z++) {
            for (int a = 0; a < 10; a++) {
                theta[z][a] = new double[] {paper.probability(z, a, 0), paper.probability(z, a, 1)};
                miss[z][a] = 0.2;
            }
        }
        LatentClassModel truth = LatentClassModel.of(paper.schema(), new double[] {0.3, 0.7}, theta, miss);
        assertThat(fit.logLikelihood()).isGreaterThan(LatentClassFitter.logLikelihood(truth, paperSample(5000, 0.2, 3)));
    }

    @Test
    void sameSeedSameModelAndMonotoneObjective() {
        Dataset data = paperSample(800, 0.1, 5);
        FitOptions options = FitOptions.builder().clusters(3).restarts(3).seed(42).build();
        FitResult a = LatentClassFitter.fit(data, options);
        FitResult b = LatentClassFitter.fit(data, options);
        assertThat(a.model().toJson()).isEqualTo(b.model().toJson());
        for (int i = 1; i < a.trace().size(); i++) {
            assertThat(a.trace().get(i)).isGreaterThanOrEqualTo(a.trace().get(i - 1) - 1e-9);
        }
        assertThat(a.restartObjectives()).hasSize(3);
        assertThat(a.trace().get(a.trace().size() - 1)).isEqualTo(
            a.restartObjectives().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    @Test
    void nonConvergenceIsReported() {
        FitResult fit = LatentClassFitter.fit(paperSample(300, 0, 1), FitOptions.builder().clusters(2)
            .maxIterations(2).restarts(1).build());
        assertThat(fit.converged()).isFalse();
        assertThat(fit.iterations()).isEqualTo(2);
    }

    @Test
    void modelSelectionFindsTwoClusters() {
        Dataset data = paperSample(1500, 0.1, 8);
        FitOptions options = FitOptions.builder().restarts(2).seed(1).build();
        ModelSelection.Selection bic = ModelSelection.byBic(data, 1, 4, options);
        assertThat(bic.best().model().clusters()).isEqualTo(2);
        assertThat(bic.candidates()).hasSize(4);
        ModelSelection.Selection held = ModelSelection.byHeldOut(data, 1, 3, 3, options);
        assertThat(held.candidates().get(1).score()).isGreaterThan(held.candidates().get(0).score());
    }

    @Test
    void optionsAreValidatedAndSetOnce() {
        assertThatThrownBy(() -> FitOptions.builder().clusters(0).build()).hasMessage(
            "clusters must be in [1, 1000]: 0");
        assertThatThrownBy(() -> FitOptions.builder().smoothing(0).build()).hasMessage(
            "smoothing must be > 0 and finite: 0.0");
        assertThatThrownBy(() -> FitOptions.builder().seed(1).seed(2)).isInstanceOf(IllegalStateException.class)
            .hasMessage("seed was already set");
        assertThatThrownBy(() -> LatentClassFitter.fit(Dataset.of("e", Schema.binary(2), List.of(), Map.of()),
            FitOptions.builder().build())).hasMessage("cannot fit a model to an empty dataset");
    }
}
