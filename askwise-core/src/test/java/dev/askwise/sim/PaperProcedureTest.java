package dev.askwise.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.data.Dataset;
import dev.askwise.data.SushiLoader;
import dev.askwise.sim.TreeCurve.Procedure;
import dev.askwise.welfare.WelfareFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paper procedure of {@link TreeCurve} ({@link PaperTree}) against a brute-force recomputation written here
 * from the rules of MODEL-NOTES §6 (copied in {@code docs/research.md}), on SUSHI-format files written by the test and
 * read by {@link SushiLoader}. The brute force keeps, for each user, the list of training users consistent with the
 * answers so far, recomputes every statistic from scratch at every step, and computes the information gain in a
 * different form — {@code IG(j) = Σ_f I(x_f; x_j)} with {@code I = H(f) + H(j) − H(f, j)} — so a shared mistake in
 * the conditional-entropy code would not cancel out.
 */
class PaperProcedureTest {

    private static final double[] COSTS = {0, 0.1, 0.3, 0.5, 0.9};
    private static final double[] GAMMAS = {0, 0.5, 1, 2, 5, Double.POSITIVE_INFINITY};

    // ---- SUSHI-format files ------------------------------------------------------------------------------------

    /** Writes rankings (item ids, most preferred first) as Kamishima's sushi3a.5000.10.order and loads the top 2. */
    static Dataset write(Path dir, List<int[]> rankings) throws IOException {
        StringBuilder order = new StringBuilder("10 1\n");
        for (int[] r : rankings) {
            order.append("0 10");
            for (int i : r) {
                order.append(' ').append(i);
            }
            order.append('\n');
        }
        Files.writeString(dir.resolve(SushiLoader.ORDER_A), order);
        return SushiLoader.loadTopT(dir, 2);
    }

    /** Rankings from three taste groups: scores with group-specific means plus Gaussian noise. */
    static List<int[]> groups(int users, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            int g = random.nextInt(3);
            double[] score = new double[10];
            for (int i = 0; i < 10; i++) {
                score[i] = (g == 0 ? 10 - i : g == 1 ? i : (i * 7) % 10) + 3 * random.nextGaussian();
            }
            out.add(rank(score));
        }
        return out;
    }

    /** Uniformly random rankings. */
    static List<int[]> uniform(int users, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            double[] score = new double[10];
            for (int i = 0; i < 10; i++) {
                score[i] = random.nextDouble();
            }
            out.add(rank(score));
        }
        return out;
    }

    private static int[] rank(double[] score) {
        Integer[] items = new Integer[10];
        for (int i = 0; i < 10; i++) {
            items[i] = i;
        }
        Arrays.sort(items, (a, b) -> Double.compare(score[b], score[a]));
        return Arrays.stream(items).mapToInt(Integer::intValue).toArray();
    }

    // ---- brute force -------------------------------------------------------------------------------------------

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double h(List<int[]> s, int f) {
        long ones = s.stream().filter(x -> x[f] == 1).count();
        double p = (double) ones / s.size();
        return (p > 0 ? -p * log2(p) : 0) + (p < 1 ? -(1 - p) * log2(1 - p) : 0);
    }

    private static double h2(List<int[]> s, int f, int j) {
        double out = 0;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                int va = a;
                int vb = b;
                double p = (double) s.stream().filter(x -> x[f] == va && x[j] == vb).count() / s.size();
                out -= p > 0 ? p * log2(p) : 0;
            }
        }
        return out;
    }

    /** mistakes[k][u] for the users in {@code eval}, the tree built on {@code train}, by the rules restated. */
    static int[][] bruteMistakes(List<int[]> rows, int[] train, int[] eval) {
        int n = 10;
        int[][] m = new int[n + 1][rows.size()];
        for (int u : eval) {
            int[] x = rows.get(u);
            List<int[]> reached = new ArrayList<>();
            for (int t : train) {
                reached.add(rows.get(t));
            }
            List<int[]> stats = reached;
            List<Integer> asked = new ArrayList<>();
            for (int k = 0; k <= n; k++) {
                for (int f = 0; f < n; f++) {
                    if (!asked.contains(f)) {
                        int ff = f;
                        long ones = stats.stream().filter(y -> y[ff] == 1).count();
                        int mode = 2 * ones > stats.size() ? 1 : 0;
                        m[k][u] += mode != x[f] ? 1 : 0;
                    }
                }
                if (k == n) {
                    break;
                }
                double[] ig = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    if (asked.contains(j)) {
                        continue;
                    }
                    for (int f = 0; f < n; f++) {
                        if (f != j && !asked.contains(f)) {
                            ig[j] += h(stats, f) + h(stats, j) - h2(stats, f, j);
                        }
                    }
                    max = Math.max(max, ig[j]);
                }
                int split = -1;
                for (int j = 0; j < n; j++) {
                    if (!asked.contains(j) && ig[j] >= max - 1e-12) {
                        split = j;
                        break;
                    }
                }
                asked.add(split);
                int sj = split;
                List<int[]> next = new ArrayList<>();
                for (int[] y : reached) {
                    if (y[sj] == x[sj]) {
                        next.add(y);
                    }
                }
                reached = next;
                if (reached.size() >= 5) {
                    stats = reached;
                }
            }
        }
        return m;
    }

    /** EDE_γ of U + 1 by the power mean written out (γ = 1 geometric, γ = ∞ the minimum). */
    static double ede(double[] u, double gamma) {
        if (Double.isInfinite(gamma)) {
            return Arrays.stream(u).min().orElseThrow();
        }
        if (gamma == 1) {
            return Math.exp(Arrays.stream(u).map(v -> Math.log(v + 1)).average().orElseThrow()) - 1;
        }
        double q = 1 - gamma;
        return Math.pow(Arrays.stream(u).map(v -> Math.pow(v + 1, q)).average().orElseThrow(), 1 / q) - 1;
    }

    private static void assertAgrees(TreeCurve curve, int[][] mistakes, int users) {
        for (double c : COSTS) {
            for (double g : GAMMAS) {
                WelfareFunction w = WelfareFunction.of(g);
                double best = Double.NEGATIVE_INFINITY;
                int kStar = -1;
                for (int k = 0; k <= 10; k++) {
                    double[] u = new double[users];
                    for (int i = 0; i < users; i++) {
                        u[i] = 10 - mistakes[k][i] - c * k;
                    }
                    double e = ede(u, g);
                    assertThat(curve.ede(k, c, w)).as("c %s, gamma %s, k %d", c, g, k).isCloseTo(e, within(1e-4));
                    assertThat(curve.meanQuestions(k)).isEqualTo(k);
                    if (e > best + 1e-9) {
                        best = e;
                        kStar = k;
                    }
                }
                assertThat(curve.optimalK(c, w)).as("k* at c %s, gamma %s", c, g).isEqualTo(kStar);
            }
        }
    }

    private static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static List<int[]> rows(Dataset d) {
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            int[] x = new int[10];
            for (int a = 0; a < 10; a++) {
                x[a] = d.value(i, a);
            }
            rows.add(x);
        }
        return rows;
    }

    // ---- tests -------------------------------------------------------------------------------------------------

    @Nested
    class AgainstBruteForce {

        @ParameterizedTest(name = "{0} users from three taste groups")
        @ValueSource(ints = {7, 23, 150, 400})
        void inSampleAtEveryCostGammaAndK(int users, @TempDir Path dir) throws IOException {
            Dataset d = write(dir, groups(users, users));
            List<int[]> rows = rows(d);
            assertAgrees(TreeCurve.inSample(d, Procedure.PAPER), bruteMistakes(rows, all(d.size()), all(d.size())),
                d.size());
        }

        @ParameterizedTest(name = "{0} uniformly random rankings")
        @ValueSource(ints = {12, 60, 250})
        void inSampleOnUnstructuredRankings(int users, @TempDir Path dir) throws IOException {
            Dataset d = write(dir, uniform(users, 31L * users));
            assertAgrees(TreeCurve.inSample(d, Procedure.PAPER),
                bruteMistakes(rows(d), all(d.size()), all(d.size())), d.size());
        }

        /** Held-out users reach nodes with few or no training users: the back-off covers empty nodes too. */
        @ParameterizedTest(name = "{0} users, 5 folds")
        @ValueSource(ints = {17, 90, 300})
        void crossValidatedPooledOverFolds(int users, @TempDir Path dir) throws IOException {
            Dataset d = write(dir, groups(users, 5L + users));
            List<int[]> rows = rows(d);
            int[] folds = d.folds(5, 11);
            int[][] m = new int[11][d.size()];
            for (int f = 0; f < 5; f++) {
                int[][] part = bruteMistakes(rows, Dataset.indices(folds, f, true), Dataset.indices(folds, f, false));
                for (int i : Dataset.indices(folds, f, false)) {
                    for (int k = 0; k <= 10; k++) {
                        m[k][i] = part[k][i];
                    }
                }
            }
            assertAgrees(TreeCurve.crossValidated(d, 5, 11, Procedure.PAPER), m, d.size());
        }
    }

    @Test
    void kZeroOutputsTheMostCommonItemOnly(@TempDir Path dir) throws IOException {
        // item 0 ("toro") is in 55% of the top-2s, every other item in well under half
        SplittableRandom random = new SplittableRandom(3);
        List<int[]> rankings = new ArrayList<>();
        int withToro = 0;
        for (int u = 0; u < 1000; u++) {
            int[] r = rank(new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble(),
                random.nextDouble(), random.nextDouble(), random.nextDouble(), random.nextDouble(),
                random.nextDouble(), random.nextDouble(), random.nextDouble()});
            boolean toro = u % 20 < 11;
            int at = indexOf(r, 0);
            if ((toro && at > 1) || (!toro && at <= 1)) {
                int swap = toro ? random.nextInt(2) : 2 + random.nextInt(8);
                r[at] = r[swap];
                r[swap] = 0;
            }
            withToro += toro ? 1 : 0;
            rankings.add(r);
        }
        Dataset d = write(dir, rankings);
        PaperTree tree = PaperTree.train(d, all(d.size()));
        int[] first = rows(d).get(0);
        assertThat(tree.outputs(first)[0]).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        double share = withToro / 1000.0;
        // toro's users miss their other top item; everyone else misses toro and both of theirs
        double meanU = 10 - (share * 1 + (1 - share) * 3);
        TreeCurve curve = TreeCurve.inSample(d, Procedure.PAPER);
        assertThat(curve.utilities(0, 0.3).mean()).isCloseTo(meanU, within(1e-12));
        // the check: at k = n everything is revealed and U = n − c·n for everyone
        assertThat(curve.ede(10, 0.1, WelfareFunction.of(2))).isCloseTo(9.0, within(1e-12));
        assertThat(curve.ede(10, 0.1, WelfareFunction.maximin())).isCloseTo(9.0, within(1e-12));
    }

    @Test
    void zeroGainStillSplitsOnTheSmallestUnaskedAttribute(@TempDir Path dir) throws IOException {
        List<int[]> same = new ArrayList<>();
        for (int u = 0; u < 9; u++) {
            same.add(new int[] {3, 5, 0, 1, 2, 4, 6, 7, 8, 9});
        }
        Dataset d = write(dir, same);
        PaperTree tree = PaperTree.train(d, all(d.size()));
        assertThat(tree.path(rows(d).get(0))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        TreeCurve curve = TreeCurve.inSample(d, Procedure.PAPER);
        for (int k = 0; k <= 10; k++) {
            assertThat(curve.utilities(k, 0.2).mean()).isCloseTo(10 - 0.2 * k, within(1e-12));
        }
        assertThat(curve.optimalK(0.2, WelfareFunction.maximin())).isZero();
    }

    @Test
    void informativeProcedureIsTodaysTree(@TempDir Path dir) throws IOException {
        Dataset d = write(dir, groups(150, 2));
        TreeCurve informative = TreeCurve.inSample(d, Procedure.INFORMATIVE);
        TreeCurve legacy = TreeCurve.inSample(d);
        for (int k = 0; k <= 10; k++) {
            assertThat(informative.ede(k, 0.1, WelfareFunction.nash())).isEqualTo(legacy.ede(k, 0.1,
                WelfareFunction.nash()));
        }
        assertThat(informative.procedure()).isEqualTo(Procedure.INFORMATIVE);
        assertThat(Procedure.parse("Paper")).isEqualTo(Procedure.PAPER);
    }

    @Test
    void foldsBeyondTheUsersNameTheRealConstraint(@TempDir Path dir) throws IOException {
        Dataset one = write(dir, uniform(1, 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TreeCurve.crossValidated(one, 5, 1,
            Procedure.PAPER)).hasMessage("cross-validation needs at least 2 users, the data has 1");
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
