package dev.askwise.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatentClassModelTest {

    static final Schema SCHEMA = Schema.of(List.of(new Attribute("price", List.of("low", "mid", "high")),
        Attribute.binary("downtown")));

    static LatentClassModel hotel() {
        return LatentClassModel.of(SCHEMA, new double[] {0.6, 0.4}, new double[][][] {
            {{0.7, 0.2, 0.1}, {0.3, 0.7}},
            {{0.1, 0.3, 0.6}, {0.8, 0.2}}});
    }

    /** Bayes by hand: P(z=0 | price=high) = .6·.1 / (.6·.1 + .4·.6) = .06/.30 = 0.2. */
    @Test
    void posteriorByHand() {
        LatentClassModel m = hotel();
        double[] post = m.posterior(Profile.of(SCHEMA, 2, -1));
        assertThat(post[0]).isCloseTo(0.2, within(1e-12));
        // predictive of downtown=1: 0.2·0.7 + 0.8·0.2 = 0.30
        assertThat(m.predictive(Profile.of(SCHEMA, 2, -1), 1)).containsExactly(new double[] {0.7, 0.3}, within(1e-12));
        assertThat(Math.exp(m.logLikelihood(Profile.of(SCHEMA, 2, -1)))).isCloseTo(0.30, within(1e-12));
        assertThat(Math.exp(m.logLikelihood(Profile.empty(2)))).isCloseTo(1.0, within(1e-12));
    }

    /** The latent-class form of the paper's model has the paper's posterior. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void agreesWithSymmetricMixture(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SymmetricMixture sm = SymmetricMixture.of(8, random.nextDouble(), 0.05 + 0.4 * random.nextDouble());
        LatentClassModel lc = LatentClassModel.fromSymmetricMixture(sm);
        int[] values = {1, 0, 1, 1, -1, -1, -1, -1};
        double[] post = lc.posterior(Profile.of(lc.schema(), values));
        assertThat(post[1]).isCloseTo(sm.posteriorCluster1(4, 3), within(1e-12));
        assertThat(lc.predictive(Profile.of(lc.schema(), values), 6)[1]).isCloseTo(sm.predictiveOne(4, 3),
            within(1e-12));
    }

    /**
     * Declining is evidence: with no-preference rates 0.5 (cluster 0) and 0.1 (cluster 1) on price, a decline moves
     * the prior (0.6, 0.4) to (0.3, 0.04)/0.34; an answer "high" is (1 − miss)·θ: 0.6·0.5·0.1 against 0.4·0.9·0.6.
     */
    @Test
    void declinesAreEvidenceInAModelOfMissingPreferences() {
        LatentClassModel h = hotel();
        double[][][] theta = new double[2][2][];
        for (int z = 0; z < 2; z++) {
            for (int a = 0; a < 2; a++) {
                theta[z][a] = new double[SCHEMA.get(a).size()];
                for (int v = 0; v < theta[z][a].length; v++) {
                    theta[z][a][v] = h.probability(z, a, v);
                }
            }
        }
        LatentClassModel m = LatentClassModel.of(SCHEMA, new double[] {0.6, 0.4}, theta,
            new double[][] {{0.5, 0.0}, {0.1, 0.0}});
        double[] post = m.posterior(Profile.empty(2), new boolean[] {true, false});
        assertThat(post[0]).isCloseTo(0.3 / 0.34, within(1e-12));
        assertThat(m.updateDeclined(m.posterior(Profile.empty(2)), 0)).containsExactly(post, within(1e-12));
        double[] high = m.posterior(Profile.of(SCHEMA, 2, -1));
        assertThat(high[0]).isCloseTo(0.03 / (0.03 + 0.216), within(1e-12));
        assertThat(m.update(m.posterior(Profile.empty(2)), 0, 2)).containsExactly(high, within(1e-12));
        double[] answer = m.answerDistribution(new double[] {0.6, 0.4}, 0);
        assertThat(answer[3]).isCloseTo(0.6 * 0.5 + 0.4 * 0.1, within(1e-12));
        assertThat(java.util.Arrays.stream(answer).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(LatentClassModel.fromJson(m.toJson()).missingProbability(0, 0)).isEqualTo(0.5);
        // a model without missingness ignores declines
        assertThat(h.posterior(Profile.empty(2), new boolean[] {true, false})).containsExactly(new double[] {0.6, 0.4},
            within(1e-12));
    }

    @Test
    void jsonRoundTripKeepsEveryNumber() {
        LatentClassModel m = hotel();
        LatentClassModel back = LatentClassModel.fromJson(m.toJson());
        assertThat(back.schema()).isEqualTo(m.schema());
        for (int z = 0; z < 2; z++) {
            assertThat(back.weight(z)).isEqualTo(m.weight(z));
            for (int a = 0; a < 2; a++) {
                for (int v = 0; v < SCHEMA.get(a).size(); v++) {
                    assertThat(back.probability(z, a, v)).isEqualTo(m.probability(z, a, v));
                }
            }
        }
        assertThat(back.toJson()).isEqualTo(m.toJson());
        assertThat(m.toJson()).startsWith("{\"format\":\"askwise.latent-class\",\"version\":1,");
    }

    @Test
    void aLimitOnDeclinesRoundTripsAndIsChecked() {
        LatentClassModel m = hotel().withTrainingUsers(40).withMaxDeclines(1);
        assertThat(hotel().maxDeclines()).isEqualTo(Integer.MAX_VALUE);
        assertThat(hotel().toJson()).doesNotContain("maxDeclines");
        LatentClassModel back = LatentClassModel.fromJson(m.toJson());
        assertThat(back.maxDeclines()).isEqualTo(1);
        assertThat(back.trainingUsers()).isEqualTo(40);
        assertThat(back.withTrainingUsers(7).maxDeclines()).isEqualTo(1);
        assertThat(back.toJson()).isEqualTo(m.toJson());
        assertThatThrownBy(() -> hotel().withMaxDeclines(-1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("maxDeclines must be >= 0: -1");
        for (String bad : new String[] {"1.5", "-1", "3", "\"one\""}) {
            assertThatThrownBy(() -> LatentClassModel.fromJson(m.toJson().replace("\"maxDeclines\":1",
                "\"maxDeclines\":" + bad))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxDeclines must be an integer in [0, 2]: ");
        }
    }

    @Test
    void rejectsForeignOrNewerFiles() {
        String json = hotel().toJson();
        assertThatThrownBy(() -> LatentClassModel.fromJson(json.replace("\"version\":1", "\"version\":2")))
            .hasMessage("unsupported model format version 2.0; this Askwise reads version 1");
        assertThatThrownBy(() -> LatentClassModel.fromJson(json.replace("latent-class", "other")))
            .hasMessage("not an Askwise latent-class model: format = askwise.other");
        assertThatThrownBy(() -> LatentClassModel.fromJson("{\"format\":\n  \"askwise.latent-class\",}"))
            .hasMessageStartingWith("malformed JSON at line 2");
    }

    @Test
    void validatesShapesAndProbabilities() {
        assertThatThrownBy(() -> LatentClassModel.of(SCHEMA, new double[] {0.5, 0.6}, new double[2][][]))
            .hasMessage("cluster weights must sum to 1 (within 1e-6): 1.100000000");
        assertThatThrownBy(() -> LatentClassModel.of(SCHEMA, new double[] {1.0}, new double[][][] {
            {{0.7, 0.2, 0.1}, {1.3, -0.3}}})).hasMessage("theta[0][downtown]: probability must be in [0, 1]: 1.3");
        LatentClassModel certain = LatentClassModel.of(SCHEMA, new double[] {1.0}, new double[][][] {
            {{1.0, 0.0, 0.0}, {0.5, 0.5}}});
        assertThatThrownBy(() -> certain.posterior(Profile.of(SCHEMA, 2, -1)))
            .hasMessageStartingWith("profile has probability 0 under the model");
    }

    /** Sampling frequencies match the model (seeded; 5 standard errors). */
    @Test
    void samplingMatchesTheModel() {
        LatentClassModel m = hotel();
        SplittableRandom random = new SplittableRandom(11);
        int n = 50_000;
        int[] high = new int[1];
        for (int i = 0; i < n; i++) {
            if (m.sample(random).profile().value(0) == 2) {
                high[0]++;
            }
        }
        double expected = 0.6 * 0.1 + 0.4 * 0.6;
        assertThat((double) high[0] / n).isCloseTo(expected, within(5 * Math.sqrt(expected * (1 - expected) / n)));
        assertThat(Arrays.stream(m.posterior(Profile.empty(2))).sum()).isCloseTo(1.0, within(1e-12));
    }
}
