package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.model.LatentClassModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The finite-γ response ascent (prefix × suffix functionals, no division) against the ascent it replaced, restated
 * here: per cluster the Poisson-binomial distribution of mistakes, one Bernoulli factor removed by division and each
 * candidate value added back. Both visit the attributes in the same order and accept a change under the same rule, so
 * on seeded models they must choose the same response, with values equal to rounding. And the ascent's shortcuts
 * (recomputing only the suffix blocks below the last sweep's last change, and stopping a sweep once it passes that
 * change unchanged) against the same ascent with every sweep done in full, restated here: the same response and the
 * same value to the bit.
 */
class ResponderAscentTest {

    static Stream<Arguments> cases() {
        double[] gammas = {0.5, 1, 2, 5};
        return IntStream.range(0, 80).mapToObj(seed -> Arguments.of(seed, gammas[seed % gammas.length]));
    }

    @ParameterizedTest(name = "seed {0}, gamma {1}")
    @MethodSource("cases")
    void sameResponseAsTheDivisionAscent(int seed, double gamma) {
        SplittableRandom r = new SplittableRandom(7_000 + seed);
        int n = 4 + r.nextInt(12);
        RandomCase c = RandomCase.draw(r, n, 1, 6, 0.2, 0.9, 0.25);
        LatentClassModel model = c.model();
        Profile known = c.known();
        boolean[] scored = c.scored();
        int questions = r.nextInt(3);
        Objective o = Objective.of(0.2, WelfareFunction.of(gamma), n);
        double[] post = model.posterior(known);

        int[] start = new int[n];
        List<Integer> guessed = new ArrayList<>();
        int scoredCount = 0;
        for (int a = 0; a < n; a++) {
            start[a] = known.value(a);
            if (scored[a]) {
                scoredCount++;
                if (!known.isKnown(a)) {
                    guessed.add(a);
                    start[a] = Responder.argmax(model.predictive(post, a));
                }
            }
        }
        double base = scoredCount - o.cost() * questions;
        double[] reference = divisionAscent(model, post, guessed, start, base, o);
        for (Responder.Kernel kernel : kernels()) {
            Responder.Response got = Responder.respondWith(kernel, model, post, known, scored, questions, o);
            assertThat(got.values()).as("%s", kernel).containsExactly(start);
            assertThat(got.value()).as("%s", kernel)
                .isCloseTo(reference[0], within(1e-9 * Math.max(1, Math.abs(reference[0]))));
        }
    }

    /**
     * 300 seeded models with up to 40 guessed attributes and 31 clusters: the response and its value equal, bit for
     * bit, those of the ascent with full sweeps, with both kernels (the vector kernel's three-group and single-group
     * passes both run). The shortcuts act from the second sweep on (most ascents here) and between sweeps that both
     * change something (a quarter of them: three sweeps or more).
     */
    @Test
    void shortcutSweepsChangeNothing() {
        double[] gammas = {0.5, 1, 2, 5, 9};
        int twoOrMore = 0;
        int threeOrMore = 0;
        int cases = 300;
        for (int seed = 0; seed < cases; seed++) {
            SplittableRandom r = new SplittableRandom(91_000 + seed);
            int n = 8 + r.nextInt(33);
            // up to 31 clusters, eight groups of 256-bit lanes: every pass shape of the vector kernel
            RandomCase c = RandomCase.draw(r, n, 2, 30, 0.05, 0.95, 0.1);
            LatentClassModel model = c.model();
            Profile known = c.known();
            boolean[] scored = c.scored();
            Objective o = Objective.of(0.3, WelfareFunction.of(gammas[seed % gammas.length]), n);
            double[] post = model.posterior(known);
            int[] start = new int[n];
            List<Integer> guessed = new ArrayList<>();
            int scoredCount = 0;
            for (int a = 0; a < n; a++) {
                start[a] = known.value(a);
                if (scored[a]) {
                    scoredCount++;
                    if (!known.isKnown(a)) {
                        guessed.add(a);
                        start[a] = Responder.argmax(model.predictive(post, a));
                    }
                }
            }
            double[] reference = fullSweepAscent(model, post, guessed, start, scoredCount - o.cost(), o);
            for (Responder.Kernel kernel : kernels()) {
                Responder.Response got = Responder.respondWith(kernel, model, post, known, scored, 1, o);
                assertThat(got.values()).as("seed %d, %s", seed, kernel).containsExactly(start);
                assertThat(got.value()).as("seed %d, %s", seed, kernel).isEqualTo(reference[0]);
            }
            twoOrMore += reference[1] >= 2 ? 1 : 0;
            threeOrMore += reference[1] >= 3 ? 1 : 0;
        }
        assertThat(twoOrMore).as("ascents of two sweeps or more").isGreaterThan(cases / 2);
        assertThat(threeOrMore).as("ascents of three sweeps or more").isGreaterThan(cases / 5);
    }

    /**
     * Both kernels: the build's tests run with {@code --add-modules jdk.incubator.vector}, so the vector one is always
     * there (the check fails loudly if it is not, rather than testing the scalar kernel twice).
     */
    private static List<Responder.Kernel> kernels() {
        assertThat(Responder.defaultKernel()).as("tests run with the Vector API").isEqualTo(Responder.Kernel.VECTOR);
        return List.of(Responder.Kernel.SCALAR, Responder.Kernel.VECTOR);
    }

    /**
     * The prefix × suffix ascent with every sweep in full (as it was before the shortcuts); changes {@code values} in
     * place and returns {value, sweeps}.
     */
    private static double[] fullSweepAscent(LatentClassModel m, double[] post, List<Integer> guessed, int[] values,
                                            double base, Objective o) {
        int g = guessed.size();
        int k = m.components();
        double[] fm = new double[g + 2];
        for (int x = 0; x <= g + 1; x++) {
            fm[x] = o.f(base - x);
        }
        double[][] pmf = new double[k][g + 1];
        int sweeps = 0;
        boolean improved = g > 0;
        while (improved && sweeps++ < 50) {
            improved = false;
            double[][][] suffix = new double[k][g][];
            for (int z = 0; z < k; z++) {
                suffix[z][g - 1] = java.util.Arrays.copyOf(fm, g + 1);
                for (int i = g - 1; i > 0; i--) {
                    int b = guessed.get(i);
                    double wrong = 1 - m.probability(z, b, values[b]);
                    double keep = 1 - wrong;
                    suffix[z][i - 1] = new double[i + 1];
                    for (int x = 0; x <= i; x++) {
                        suffix[z][i - 1][x] = keep * suffix[z][i][x] + wrong * suffix[z][i][x + 1];
                    }
                }
                java.util.Arrays.fill(pmf[z], 0.0);
                pmf[z][0] = 1.0;
            }
            for (int i = 0; i < g; i++) {
                int a = guessed.get(i);
                double[] lower = new double[k];
                double[] upper = new double[k];
                double current = 0;
                for (int z = 0; z < k; z++) {
                    double lo = 0;
                    double hi = 0;
                    for (int x = 0; x <= i; x++) {
                        lo += pmf[z][x] * suffix[z][i][x];
                        hi += pmf[z][x] * suffix[z][i][x + 1];
                    }
                    lower[z] = lo;
                    upper[z] = hi;
                    double right = m.probability(z, a, values[a]);
                    current += post[z] * (right * lo + (1 - right) * hi);
                }
                int bestV = values[a];
                double bestValue = current;
                for (int v = 0; v < m.schema().get(a).size(); v++) {
                    if (v == values[a]) {
                        continue;
                    }
                    double val = 0;
                    for (int z = 0; z < k; z++) {
                        double right = m.probability(z, a, v);
                        val += post[z] * (right * lower[z] + (1 - right) * upper[z]);
                    }
                    if (Objective.improves(val, bestValue)) {
                        bestValue = val;
                        bestV = v;
                    }
                }
                if (bestV != values[a]) {
                    values[a] = bestV;
                    improved = true;
                }
                for (int z = 0; z < k; z++) {
                    Responder.addFactor(pmf[z], i, 1 - m.probability(z, a, values[a]));
                }
            }
        }
        double acc = 0;
        for (int z = 0; z < k; z++) {
            double e = 0;
            for (int x = 0; x <= g; x++) {
                e += pmf[z][x] * fm[x];
            }
            acc += post[z] * e;
        }
        return new double[] {acc, sweeps};
    }

    /** The replaced ascent; changes {@code values} in place and returns {value}. */
    private static double[] divisionAscent(LatentClassModel m, double[] post, List<Integer> guessed, int[] values,
                                           double base, Objective o) {
        int g = guessed.size();
        int k = m.components();
        double[] fm = new double[g + 2];
        for (int x = 0; x <= g + 1; x++) {
            fm[x] = o.f(base - x);
        }
        double[][] pmf = new double[k][];
        for (int z = 0; z < k; z++) {
            pmf[z] = product(m, z, guessed, values, -1);
        }
        double value = expected(pmf, post, fm);
        boolean improved = true;
        int sweeps = 0;
        while (improved && sweeps++ < 50) {
            improved = false;
            for (int i = 0; i < g; i++) {
                int a = guessed.get(i);
                double[][] removed = new double[k][];
                for (int z = 0; z < k; z++) {
                    removed[z] = divide(pmf[z], 1 - m.probability(z, a, values[a]));
                }
                int bestV = values[a];
                double bestValue = value;
                for (int v = 0; v < m.schema().get(a).size(); v++) {
                    if (v == values[a]) {
                        continue;
                    }
                    double val = 0;
                    for (int z = 0; z < k; z++) {
                        double wrong = 1 - m.probability(z, a, v);
                        double lo = 0;
                        double hi = 0;
                        for (int x = 0; x < g; x++) {
                            lo += removed[z][x] * fm[x];
                            hi += removed[z][x] * fm[x + 1];
                        }
                        val += post[z] * ((1 - wrong) * lo + wrong * hi);
                    }
                    if (Objective.improves(val, bestValue)) {
                        bestValue = val;
                        bestV = v;
                    }
                }
                if (bestV != values[a]) {
                    values[a] = bestV;
                    for (int z = 0; z < k; z++) {
                        pmf[z] = product(m, z, guessed, values, -1);
                    }
                    value = expected(pmf, post, fm);
                    improved = true;
                }
            }
        }
        return new double[] {value};
    }

    /** Distribution of the number of mistakes in cluster z, by convolution from scratch. */
    private static double[] product(LatentClassModel m, int z, List<Integer> guessed, int[] values, int skip) {
        double[] d = new double[guessed.size() + 1];
        d[0] = 1;
        int len = 0;
        for (int a : guessed) {
            if (a == skip) {
                continue;
            }
            double wrong = 1 - m.probability(z, a, values[a]);
            double[] next = new double[d.length];
            for (int x = 0; x <= len; x++) {
                next[x] += d[x] * (1 - wrong);
                next[x + 1] += d[x] * wrong;
            }
            d = next;
            len++;
        }
        return d;
    }

    /** d without a Bernoulli(wrong) factor: solve d = e ⊗ (1 − w, w) for e from the low end (w ≤ 0.5) or the top. */
    private static double[] divide(double[] d, double wrong) {
        int len = d.length - 1;
        double[] e = new double[len + 1];
        if (wrong <= 0.5) {
            e[0] = d[0] / (1 - wrong);
            for (int x = 1; x < len; x++) {
                e[x] = (d[x] - e[x - 1] * wrong) / (1 - wrong);
            }
        } else {
            e[len - 1] = d[len] / wrong;
            for (int x = len - 1; x > 0; x--) {
                e[x - 1] = (d[x] - e[x] * (1 - wrong)) / wrong;
            }
        }
        for (int x = 0; x < e.length; x++) {
            e[x] = Math.max(0, e[x]);
        }
        return e;
    }

    private static double expected(double[][] pmf, double[] post, double[] fm) {
        double acc = 0;
        for (int z = 0; z < pmf.length; z++) {
            double e = 0;
            for (int x = 0; x < pmf[z].length; x++) {
                e += pmf[z][x] * fm[x];
            }
            acc += post[z] * e;
        }
        return acc;
    }

    /** A seeded random latent-class model over 2–4-valued attributes, with known and scored attributes drawn. */
    private record RandomCase(LatentClassModel model, Profile known, boolean[] scored) {

        /** K = kMin + r.nextInt(kBound) clusters, each weight at least weightFloor before normalising. */
        static RandomCase draw(SplittableRandom r, int n, int kMin, int kBound, double weightFloor,
                               double scoredShare, double knownShare) {
            List<Attribute> attrs = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                List<String> values = new ArrayList<>();
                int size = 2 + r.nextInt(3);
                for (int v = 0; v < size; v++) {
                    values.add("v" + v);
                }
                attrs.add(new Attribute("a" + a, values));
            }
            Schema schema = Schema.of(attrs);
            int k = kMin + r.nextInt(kBound);
            double[] w = normalised(r, k, weightFloor);
            double[][][] theta = new double[k][n][];
            for (int z = 0; z < k; z++) {
                for (int a = 0; a < n; a++) {
                    theta[z][a] = normalised(r, schema.get(a).size(), 0.02);
                }
            }
            Profile known = Profile.empty(n);
            boolean[] scored = new boolean[n];
            for (int a = 0; a < n; a++) {
                scored[a] = r.nextDouble() < scoredShare;
                if (r.nextDouble() < knownShare) {
                    known = known.with(a, r.nextInt(schema.get(a).size()));
                }
            }
            return new RandomCase(LatentClassModel.of(schema, w, theta), known, scored);
        }
    }

    private static double[] normalised(SplittableRandom r, int size, double floor) {
        double[] p = new double[size];
        double t = 0;
        for (int i = 0; i < size; i++) {
            p[i] = floor + r.nextDouble();
            t += p[i];
        }
        for (int i = 0; i < size; i++) {
            p[i] /= t;
        }
        return p;
    }
}
