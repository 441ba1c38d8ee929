package dev.askwise.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.data.SushiLike.Component;
import dev.askwise.data.SushiLike.Parameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SushiLike against independent references: the Mallows sampler against exact enumeration of P(π) ∝ φ^d(π, σ) over
 * all permutations; the closed-form top-2 probabilities against enumeration of all 10! rankings; the written file
 * against {@link SushiLoader}; the default parameters against the real data's top-2 statistics (toro in 54.82% of
 * top-2s, all 45 pairs present, rarest pair about 0.1%).
 */
class SushiLikeTest {

    private static final int USERS = 5000;

    @Nested
    class Sampler {

        /** Kendall-tau distance: pairs ordered differently by the ranking and the centre. */
        private int kendall(int[] ranking, int[] centre) {
            int[] rank = new int[centre.length];
            for (int r = 0; r < centre.length; r++) {
                rank[centre[r]] = r;
            }
            int d = 0;
            for (int i = 0; i < ranking.length; i++) {
                for (int j = i + 1; j < ranking.length; j++) {
                    d += rank[ranking[i]] > rank[ranking[j]] ? 1 : 0;
                }
            }
            return d;
        }

        private void permutations(int[] prefix, int depth, boolean[] used, List<int[]> out) {
            if (depth == prefix.length) {
                out.add(prefix.clone());
                return;
            }
            for (int x = 0; x < prefix.length; x++) {
                if (!used[x]) {
                    used[x] = true;
                    prefix[depth] = x;
                    permutations(prefix, depth + 1, used, out);
                    used[x] = false;
                }
            }
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.3, 0.6, 1.0})
        void matchesExactEnumerationOnFourItems(double phi) {
            int[] centre = {2, 0, 3, 1};
            List<int[]> perms = new ArrayList<>();
            permutations(new int[4], 0, new boolean[4], perms);
            assertThat(perms).hasSize(24);
            double[] exact = new double[24];
            double z = 0;
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < 24; i++) {
                exact[i] = Math.pow(phi, kendall(perms.get(i), centre));
                z += exact[i];
                index.put(Arrays.toString(perms.get(i)), i);
            }
            int samples = 240_000;
            int[] observed = new int[24];
            SplittableRandom random = new SplittableRandom(7);
            for (int s = 0; s < samples; s++) {
                observed[index.get(Arrays.toString(SushiLike.mallows(centre, phi, random)))]++;
            }
            double chiSquare = 0;
            double maxError = 0;
            for (int i = 0; i < 24; i++) {
                double expected = samples * exact[i] / z;
                chiSquare += (observed[i] - expected) * (observed[i] - expected) / expected;
                maxError = Math.max(maxError, Math.abs(observed[i] / (double) samples - exact[i] / z));
            }
            // 23 degrees of freedom: the 99.9% quantile is 49.73
            assertThat(chiSquare).isLessThan(49.73);
            assertThat(maxError).isLessThan(0.005);
        }

        @Test
        void phiZeroReturnsTheCentre() {
            int[] centre = {3, 1, 0, 2};
            SplittableRandom random = new SplittableRandom(1);
            for (int s = 0; s < 100; s++) {
                assertThat(SushiLike.mallows(centre, 0.0, random)).containsExactly(centre);
            }
        }

        @Test
        void closedFormTopTwoEqualsEnumerationOfAllRankings() {
            int[] centre = {7, 2, 8, 4, 5, 1, 0, 3, 6, 9};
            double phi = 0.45;
            double[][] pair = new double[10][10];
            double[] total = {0};
            int[] rank = new int[10];
            for (int r = 0; r < 10; r++) {
                rank[centre[r]] = r;
            }
            // 3.6 million rankings summed: rounding error about 1e-12
            enumerate(rank, phi, new int[10], 0, new boolean[10], 0, pair, total);
            SushiLike one = SushiLike.of(new Parameters(List.of(Component.of(1, phi, centre))));
            for (int a = 0; a < 10; a++) {
                for (int b = a + 1; b < 10; b++) {
                    assertThat(one.topTwoProbability(a, b)).as("pair %d,%d", a, b)
                        .isCloseTo((pair[a][b] + pair[b][a]) / total[0], within(1e-10));
                }
            }
        }

        /** All 10! rankings with weight φ^d, d accumulated as each item is appended (rank: the centre's rank of each item). */
        private void enumerate(int[] rank, double phi, int[] prefix, int depth, boolean[] used, int d,
                               double[][] pair, double[] total) {
            if (depth == prefix.length) {
                double w = Math.pow(phi, d);
                pair[prefix[0]][prefix[1]] += w;
                total[0] += w;
                return;
            }
            for (int x = 0; x < prefix.length; x++) {
                if (!used[x]) {
                    int added = 0;
                    for (int i = 0; i < depth; i++) {
                        added += rank[prefix[i]] > rank[x] ? 1 : 0;
                    }
                    used[x] = true;
                    prefix[depth] = x;
                    enumerate(rank, phi, prefix, depth + 1, used, d + added, pair, total);
                    used[x] = false;
                }
            }
        }
    }

    @Nested
    class Defaults {

        private final SushiLike sushi = SushiLike.defaults();

        @Test
        void exactStatisticsLookLikeTheRealData() {
            assertThat(sushi.topTwoShare(SushiLike.TORO)).isBetween(0.54, 0.56);
            double min = 1;
            double sum = 0;
            for (int a = 0; a < 10; a++) {
                for (int b = a + 1; b < 10; b++) {
                    min = Math.min(min, sushi.topTwoProbability(a, b));
                    sum += sushi.topTwoProbability(a, b);
                }
                // toro is the only item in more than half of the top-2s (never-ask outputs toro only)
                assertThat(sushi.topTwoShare(a)).isLessThan(a == SushiLike.TORO ? 1 : 0.5);
            }
            assertThat(sum).isCloseTo(1.0, within(1e-12));
            assertThat(min).isBetween(0.0008, 0.0015);
        }

        @ParameterizedTest
        @ValueSource(longs = {1, 2, 3})
        void topTwoStatisticsAtFiveThousandUsers(long seed) {
            Dataset d = sushi.dataset(USERS, seed);
            assertThat(d.size()).isEqualTo(USERS);
            int[][] pairs = new int[10][10];
            int toro = 0;
            for (int i = 0; i < USERS; i++) {
                int[] x = d.profile(i).toArray();
                int a = -1;
                int b = -1;
                int ones = 0;
                for (int j = 0; j < 10; j++) {
                    if (x[j] == 1) {
                        ones++;
                        b = a < 0 ? b : j;
                        a = a < 0 ? j : a;
                    } else {
                        assertThat(x[j]).isZero();
                    }
                }
                assertThat(ones).as("user %d", i).isEqualTo(2);
                pairs[a][b]++;
                toro += x[SushiLike.TORO];
            }
            int rarest = USERS;
            for (int a = 0; a < 10; a++) {
                for (int b = a + 1; b < 10; b++) {
                    assertThat(pairs[a][b]).as("pair %s+%s", SushiLike.NAMES.get(a), SushiLike.NAMES.get(b))
                        .isPositive();
                    rarest = Math.min(rarest, pairs[a][b]);
                }
            }
            assertThat(toro / (double) USERS).isBetween(0.50, 0.60);
            assertThat(rarest / (double) USERS).isBetween(0.0004, 0.003);
        }
    }

    @Nested
    class OrderFile {

        @Test
        void orderFileRoundTripsThroughSushiLoader(@TempDir Path dir) throws Exception {
            SushiLike sushi = SushiLike.defaults();
            Path file = dir.resolve(SushiLoader.ORDER_A);
            sushi.writeOrder(file, 200, 11);
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(201);
            assertThat(lines.get(0)).isEqualTo("10 1");
            List<int[]> rankings = sushi.rankings(200, 11);
            for (int u = 0; u < 200; u++) {
                StringBuilder expected = new StringBuilder("0 10");
                for (int item : rankings.get(u)) {
                    expected.append(' ').append(item);
                }
                assertThat(lines.get(u + 1)).isEqualTo(expected.toString());
            }
            Dataset loaded = SushiLoader.loadTopT(dir, 2);
            Dataset direct = sushi.dataset(200, 11);
            assertThat(direct.sha256()).isEqualTo(loaded.sha256());
            assertThat(direct.schema()).isEqualTo(loaded.schema());
            for (int u = 0; u < 200; u++) {
                int[] r = rankings.get(u);
                int[] x = loaded.profile(u).toArray();
                for (int pos = 0; pos < 10; pos++) {
                    assertThat(x[r[pos]]).isEqualTo(pos < 2 ? 1 : 0);
                }
            }
            // top 3 as well: the loader sees full rankings
            assertThat(SushiLoader.loadTopT(dir, 3).profile(0).toArray()[rankings.get(0)[2]]).isEqualTo(1);
        }

        @Test
        void writesAnEmptyFileForZeroUsers(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("empty.order");
            SushiLike.defaults().writeOrder(file, 0, 1);
            assertThat(Files.readString(file)).isEqualTo("10 1\n");
        }
    }

    @Test
    void deterministicPerSeed() {
        SushiLike sushi = SushiLike.defaults();
        List<int[]> a = sushi.rankings(500, 42);
        List<int[]> b = sushi.rankings(500, 42);
        List<int[]> c = sushi.rankings(500, 43);
        assertThat(a).zipSatisfy(b, (x, y) -> assertThat(x).containsExactly(y));
        boolean differs = false;
        for (int i = 0; i < 500; i++) {
            differs |= !Arrays.equals(a.get(i), c.get(i));
        }
        assertThat(differs).isTrue();
        assertThat(sushi.dataset(300, 5).sha256()).isEqualTo(sushi.dataset(300, 5).sha256());
    }

    @Test
    void invalidInputsNameTheValueAndRange() {
        SushiLike sushi = SushiLike.defaults();
        assertThatThrownBy(() -> sushi.rankings(-1, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("users must be in [0, 10000000]: -1");
        assertThatThrownBy(() -> sushi.dataset(0, 1)).hasMessage("users must be in [1, 10000000]: 0");
        assertThatThrownBy(() -> Component.of(1, 1.5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
            .hasMessage("phi must be in [0, 1]: 1.5");
        assertThatThrownBy(() -> Component.of(1, Double.NaN, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
            .hasMessage("phi must be in [0, 1]: NaN");
        assertThatThrownBy(() -> Component.of(0, 0.5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
            .hasMessage("weight must be finite and > 0: 0.0");
        assertThatThrownBy(() -> Component.of(1, 0.5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 8))
            .hasMessage("centre must be a permutation of 0-9: [0, 1, 2, 3, 4, 5, 6, 7, 8, 8]");
        assertThatThrownBy(() -> Component.of(1, 0.5, 0, 1, 2))
            .hasMessage("centre must rank 10 items: [0, 1, 2]");
        assertThatThrownBy(() -> new Parameters(List.of())).hasMessage("components must not be empty: []");
        assertThatThrownBy(() -> sushi.topTwoProbability(3, 3)).hasMessage("b must differ from a: 3");
        assertThatThrownBy(() -> sushi.topTwoProbability(10, 3)).hasMessage("a must be in [0, 9]: 10");
        assertThatThrownBy(() -> sushi.topTwoShare(-1)).hasMessage("a must be in [0, 9]: -1");
    }

    @Test
    void summaryStatesTheExactStatistics() {
        assertThat(SushiLike.defaults().summary()).startsWith("toro in 5").contains("rarest pair");
    }
}
