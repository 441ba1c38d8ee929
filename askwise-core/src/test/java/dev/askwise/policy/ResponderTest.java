package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.analysis.Analysis;
import dev.askwise.analysis.StylizedAnalysis;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponderTest {

    static LatentClassModel randomModel(SplittableRandom random, int attrs, int clusters) {
        List<Attribute> list = new ArrayList<>();
        for (int a = 0; a < attrs; a++) {
            int size = 2 + random.nextInt(2);
            List<String> values = new ArrayList<>();
            for (int v = 0; v < size; v++) {
                values.add("v" + v);
            }
            list.add(new Attribute("a" + a, values));
        }
        Schema schema = Schema.of(list);
        double[] w = dirichlet(random, clusters);
        double[][][] theta = new double[clusters][attrs][];
        for (int z = 0; z < clusters; z++) {
            for (int a = 0; a < attrs; a++) {
                theta[z][a] = dirichlet(random, schema.get(a).size());
            }
        }
        return LatentClassModel.of(schema, w, theta);
    }

    static double[] dirichlet(SplittableRandom random, int k) {
        double[] x = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            x[i] = -Math.log(1 - random.nextDouble()) + 0.05;
            s += x[i];
        }
        for (int i = 0; i < k; i++) {
            x[i] /= s;
        }
        return x;
    }

    /**
     * Against enumeration of every response on 40 small random models × γ ∈ {0, 1, 2, 5}: γ = 0 is exact by
     * construction; for γ &gt; 0 coordinate ascent is a local method, so this test measures it: the best response is
     * found in at least 155 of the 160 cases (measured: 159), and the worst shortfall is below 0.02 utility units in
     * certainty equivalent (measured: 0.0096).
     */
    @Test
    void matchesEnumerationOfAllResponses() {
        int exact = 0;
        int cases = 0;
        double worstGap = 0;
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            LatentClassModel m = randomModel(random, 5, 3);
            for (double gamma : new double[] {0, 1, 2, 5}) {
                Objective o = Objective.of(0.3, WelfareFunction.of(gamma), 5);
                Profile known = Profile.of(m.schema(), random.nextInt(m.schema().get(0).size()), -1, -1, -1, -1);
                double[] post = m.posterior(known);
                boolean[] scored = {true, true, true, true, true};
                Responder.Response r = Responder.respond(m, post, known, scored, 1, o);
                double best = bruteForce(m, post, known, o, 1);
                assertThat(r.value()).as("never above the optimum").isLessThanOrEqualTo(best + 1e-12);
                cases++;
                if (Math.abs(r.value() - best) <= 1e-12 * Math.max(1, Math.abs(best))) {
                    exact++;
                } else {
                    assertThat(gamma).as("gamma = 0 is exact").isPositive();
                }
                worstGap = Math.max(worstGap, o.certaintyEquivalent(best) - o.certaintyEquivalent(r.value()));
            }
        }
        assertThat(exact).as("exact in %d of %d cases", exact, cases).isGreaterThanOrEqualTo(155);
        assertThat(worstGap).isLessThan(0.02);
    }

    /** Max over all responses of Σ_z π_z Σ_x P(x | z) f(U(x, y)), by enumeration of responses and profiles. */
    static double bruteForce(LatentClassModel m, double[] post, Profile known, Objective o, int questions) {
        int n = m.schema().size();
        int[] sizes = new int[n];
        for (int a = 0; a < n; a++) {
            sizes[a] = known.isKnown(a) ? 1 : m.schema().get(a).size();
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int[] y : product(sizes)) {
            double value = 0;
            for (int[] x : product(sizes)) {
                int mistakes = 0;
                for (int a = 0; a < n; a++) {
                    if (!known.isKnown(a) && x[a] != y[a]) {
                        mistakes++;
                    }
                }
                double u = n - mistakes - o.cost() * questions;
                for (int z = 0; z < m.clusters(); z++) {
                    double p = post[z];
                    for (int a = 0; a < n; a++) {
                        if (!known.isKnown(a)) {
                            p *= m.probability(z, a, x[a]);
                        }
                    }
                    value += p * o.f(u);
                }
            }
            best = Math.max(best, value);
        }
        return best;
    }

    static List<int[]> product(int[] sizes) {
        List<int[]> out = new ArrayList<>();
        int[] cur = new int[sizes.length];
        while (true) {
            out.add(cur.clone());
            int i = 0;
            while (i < sizes.length && ++cur[i] == sizes[i]) {
                cur[i] = 0;
                i++;
            }
            if (i == sizes.length) {
                return out;
            }
        }
    }

    /**
     * On the paper's model written as a latent-class model, averaging the responder's objective over r gives the exact
     * solver's EDE for every k (same scale S, same objective).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1, 2, 5})
    void agreesWithTheExactSolverOnThePapersModel(double gamma) {
        SymmetricMixture sm = SymmetricMixture.of(8, 0.6, 0.15);
        LatentClassModel m = LatentClassModel.fromSymmetricMixture(sm);
        WelfareFunction w = WelfareFunction.of(gamma);
        Objective o = Objective.of(0.7, w, 8);
        Analysis exact = StylizedAnalysis.analyze(sm, 0.7, w, false);
        boolean[] scored = new boolean[8];
        java.util.Arrays.fill(scored, true);
        for (int k = 0; k <= 8; k++) {
            double acc = 0;
            double[] pr = sm.rDistribution(k);
            for (int r = 0; r <= k; r++) {
                int[] v = new int[8];
                for (int a = 0; a < 8; a++) {
                    v[a] = a < k ? (a < r ? 1 : 0) : -1;
                }
                Profile known = Profile.of(m.schema(), v);
                acc += pr[r] * Responder.respond(m, m.posterior(known), known, scored, k, o).value();
            }
            assertThat(o.certaintyEquivalent(acc)).as("k=%d", k).isCloseTo(exact.forK(k).ede(), within(1e-9));
        }
    }
}
