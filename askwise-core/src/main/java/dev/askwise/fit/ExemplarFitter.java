package dev.askwise.fit;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import dev.askwise.math.LogMath;
import dev.askwise.model.ExemplarModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds an {@link ExemplarModel} from users: deduplicates their profiles (a mergeable {@link Counts}, so that
 * partitions of a large data set can be counted apart and merged), caps the number of components, and fits each
 * attribute's noise rate η_a by leave-one-out EM.
 *
 * <p><b>Noise.</b> Fitting η on the training users themselves would drive it to 0, since every user is their own
 * exemplar. Instead each distinct profile is explained by the others: its own exemplar's count is reduced by one (a
 * user who is alone in the data must be explained entirely by other users). EM on this leave-one-out likelihood has a
 * closed-form M-step — η_a is the expected share of users whose answer on a differs from their (responsibility-
 * weighted) exemplar — and is monotone. η is kept in [{@link Options#minNoise}, (C_a − 1)/C_a]. Cost O(D²·n) per
 * iteration for D distinct profiles.
 *
 * <p><b>Cap.</b> When there are more than {@link Options#maxComponents} distinct profiles, the most frequent ones are
 * kept (ties: the first seen) and every other profile's users are added to its nearest kept exemplar by Hamming
 * distance over answer categories (ties: the more frequent exemplar). The likelihood this costs is what the
 * leave-one-out fit then sees; {@code FamilySelection} reports held-out log-likelihood per candidate so the cost is
 * visible.
 */
public final class ExemplarFitter {

    private ExemplarFitter() {
    }

    /**
     * Options.
     *
     * @param maxComponents cap on the number of exemplars (≥ 1)
     * @param minNoise      lower bound of η_a, in (0, 0.5)
     * @param iterations    maximum leave-one-out EM iterations (≥ 1)
     */
    public record Options(int maxComponents, double minNoise, int iterations) {
        /** Validates. */
        public Options {
            if (maxComponents < 1) {
                throw new IllegalArgumentException("maxComponents must be >= 1: " + maxComponents);
            }
            if (!(minNoise > 0 && minNoise < 0.5)) {
                throw new IllegalArgumentException("minNoise must be in (0, 0.5): " + minNoise);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be >= 1: " + iterations);
            }
        }

        /** 5,000 exemplars, η ≥ 1e-9, 50 iterations. */
        public static Options defaults() {
            return new Options(5000, 1e-9, 50);
        }
    }

    /**
     * Distinct profiles and how many users have each: a mutable accumulator whose {@link #merge} is associative and
     * commutative up to the order of first appearance, so per-partition counts merged equal the counts of the whole.
     * Not thread-safe. Serializable, so that Spark partitions can return their counts to the driver.
     */
    public static final class Counts implements java.io.Serializable {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        private final Schema schema;
        private final Map<Key, long[]> counts = new HashMap<>();
        private final List<Key> order = new ArrayList<>();
        private final boolean[] missingSeen;

        /** Empty counts over a schema. */
        public Counts(Schema schema) {
            this.schema = schema;
            this.missingSeen = new boolean[schema.size()];
        }

        /** Counts a data row (unknown entries are "no preference"). */
        public Counts add(Profile row) {
            if (row.size() != schema.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " attributes, schema " + schema.size());
            }
            int[] v = row.toArray();
            for (int a = 0; a < v.length; a++) {
                missingSeen[a] |= v[a] == Profile.UNKNOWN;
            }
            add(new Key(v), 1);
            return this;
        }

        private void add(Key key, long c) {
            long[] cell = counts.get(key);
            if (cell == null) {
                counts.put(key, new long[] {c});
                order.add(key);
            } else {
                cell[0] += c;
            }
        }

        /** Adds another partition's counts to these. */
        public Counts merge(Counts other) {
            if (!other.schema.equals(schema)) {
                throw new IllegalArgumentException("cannot merge counts over different schemas");
            }
            for (Key k : other.order) {
                add(k, Objects.requireNonNull(other.counts.get(k), "k is in order")[0]);
            }
            for (int a = 0; a < missingSeen.length; a++) {
                missingSeen[a] |= other.missingSeen[a];
            }
            return this;
        }

        /** Number of distinct profiles. */
        public int distinct() {
            return order.size();
        }

        /** Number of users counted. */
        public long users() {
            long t = 0;
            for (long[] c : counts.values()) {
                t += c[0];
            }
            return t;
        }

        /** Count of one profile (0 when absent). */
        public long count(int[] profile) {
            long[] c = counts.get(new Key(profile.clone()));
            return c == null ? 0 : c[0];
        }

        /** The distinct profiles, sorted by descending count, then by profile (deterministic for any merge order). */
        List<Map.Entry<int[], Long>> sorted() {
            List<Map.Entry<int[], Long>> out = new ArrayList<>();
            for (Key k : order) {
                out.add(Map.entry(k.values, Objects.requireNonNull(counts.get(k), "k is in order")[0]));
            }
            out.sort((x, y) -> {
                int c = Long.compare(y.getValue(), x.getValue());
                return c != 0 ? c : Arrays.compare(x.getKey(), y.getKey());
            });
            return out;
        }

        public Schema schema() {
            return schema;
        }

        boolean missingSeen(int a) {
            return missingSeen[a];
        }
    }

    private record Key(int[] values) implements java.io.Serializable {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /** Counts every user of a data set. */
    public static Counts count(Dataset users) {
        Counts c = new Counts(users.schema());
        for (int i = 0; i < users.size(); i++) {
            c.add(users.profile(i));
        }
        return c;
    }

    /**
     * Fits an exemplar model to users.
     *
     * @throws IllegalArgumentException if there are fewer than 2 users
     */
    public static ExemplarModel fit(Dataset users, Options options) {
        return fit(count(users), options);
    }

    /** Fits an exemplar model to counted (possibly merged) users. */
    public static ExemplarModel fit(Counts counts, Options options) {
        long n = counts.users();
        if (n < 2) {
            throw new IllegalArgumentException("an exemplar model needs at least 2 users: " + n);
        }
        Schema schema = counts.schema();
        int attrs = schema.size();
        boolean[] declinable = new boolean[attrs];
        int[] cats = new int[attrs];
        for (int a = 0; a < attrs; a++) {
            declinable[a] = counts.missingSeen(a);
            cats[a] = schema.get(a).size() + (declinable[a] ? 1 : 0);
        }
        List<Map.Entry<int[], Long>> all = counts.sorted();
        int d = Math.min(all.size(), options.maxComponents());
        List<int[]> ex = new ArrayList<>();
        long[] cnt = new long[d];
        for (int z = 0; z < d; z++) {
            ex.add(all.get(z).getKey());
            cnt[z] = all.get(z).getValue();
        }
        for (int i = d; i < all.size(); i++) { // the cap: merge the rest into their nearest kept exemplar
            int[] row = all.get(i).getKey();
            int best = 0;
            int bestDist = Integer.MAX_VALUE;
            for (int z = 0; z < d; z++) {
                int dist = 0;
                int[] e = ex.get(z);
                for (int a = 0; a < attrs; a++) {
                    dist += e[a] == row[a] ? 0 : 1;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = z;
                }
            }
            cnt[best] += all.get(i).getValue();
        }
        // leave-one-out EM for η over the distinct profiles (data: all.get(i) with its count; own exemplar index i
        // when i < d, else none)
        double[] eta = new double[attrs];
        for (int a = 0; a < attrs; a++) {
            eta[a] = clamp(0.1, options.minNoise(), maxNoise(cats[a]));
        }
        int rows = all.size();
        double[] logPost = new double[d];
        for (int it = 0; it < options.iterations(); it++) {
            double[] logSame = new double[attrs];
            double[] logDiff = new double[attrs];
            for (int a = 0; a < attrs; a++) {
                logSame[a] = Math.log(1 - eta[a]);
                logDiff[a] = cats[a] > 1 ? Math.log(eta[a] / (cats[a] - 1)) : 0.0;
            }
            double[] differ = new double[attrs];
            double total = 0;
            for (int i = 0; i < rows; i++) {
                int[] row = all.get(i).getKey();
                long c = all.get(i).getValue();
                for (int z = 0; z < d; z++) {
                    long w = cnt[z] - (z == i ? 1 : 0);
                    if (w <= 0) {
                        logPost[z] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double lp = Math.log((double) w);
                    int[] e = ex.get(z);
                    for (int a = 0; a < attrs; a++) {
                        lp += e[a] == row[a] ? logSame[a] : logDiff[a];
                    }
                    logPost[z] = lp;
                }
                double norm = LogMath.logSumExp(logPost);
                if (norm == Double.NEGATIVE_INFINITY) {
                    continue; // only one user in all: nothing to learn from
                }
                total += c;
                for (int z = 0; z < d; z++) {
                    if (logPost[z] == Double.NEGATIVE_INFINITY) {
                        continue;
                    }
                    double r = Math.exp(logPost[z] - norm) * c;
                    if (r == 0) {
                        continue;
                    }
                    int[] e = ex.get(z);
                    for (int a = 0; a < attrs; a++) {
                        if (e[a] != row[a]) {
                            differ[a] += r;
                        }
                    }
                }
            }
            double change = 0;
            for (int a = 0; a < attrs; a++) {
                double next = clamp(total > 0 ? differ[a] / total : eta[a], options.minNoise(), maxNoise(cats[a]));
                change = Math.max(change, Math.abs(next - eta[a]));
                eta[a] = next;
            }
            if (change < 1e-9) {
                break;
            }
        }
        for (int a = 0; a < attrs; a++) {
            if (cats[a] == 1) {
                eta[a] = 0;
            }
        }
        return ExemplarModel.of(schema, ex, cnt, eta, declinable);
    }

    private static double maxNoise(int cats) {
        return cats <= 1 ? 0.0 : (cats - 1.0) / cats;
    }

    private static double clamp(double x, double lo, double hi) {
        return hi <= 0 ? 0 : Math.max(lo, Math.min(hi, x));
    }
}
