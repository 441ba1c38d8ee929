package dev.askwise.fit;

import dev.askwise.data.CodedRows;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The sufficient statistics of one EM iteration over a set of users, fused: a single pass over each user computes the
 * responsibilities under the current {@link EmParameters} (E-step) and adds them to the expected counts the next
 * M-step needs, so responsibilities are never stored. Holds per cluster z the expected number of users
 * {@code Σ_i r_iz}, per (attribute, value, cluster) the expected count {@code Σ_i r_iz [x_ia = v]} (value slot 0: the
 * users missing the attribute), the log-likelihood {@code Σ_i ln p(x_i)} of the parameters the pass used, and the
 * numbers of users and of missing values.
 *
 * <p>Statistics of disjoint sets of users {@link #merge merge} by addition: merging is associative and commutative
 * up to floating-point rounding (about 1e-16 relative per addition), so per-chunk, per-thread or per-Spark-partition
 * statistics give the statistics of the whole. Merge in a fixed order for bit-identical results. A mutable
 * accumulator: not thread-safe; give each thread its own and merge them. Serializable, for Spark.
 *
 * <p>Cost of a pass: about 2·N·G·K additions (G attribute groups, {@link GroupedRows}) and N·K exponentials for N
 * users, K clusters; memory
 * {@code (Σ_a (values(a) + 1) + 1)·K} doubles, independent of N.
 */
public final class SufficientStatistics implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One fused pass over grouped rows {@code [fromRow, toRow)}: adds each user's responsibilities to {@code weights}
     * and to the joint counts {@code jc} (the layout of {@link EmParameters#jointLogTerms()} with slots
     * {@link #stride} apart), the number of missing values to {@code missing[0]}, and returns the users'
     * log-likelihood.
     */
    interface Pass {
        /** Distance between consecutive slots of the joint counts, for K components (≥ K). */
        int stride(int k);

        double run(EmParameters p, GroupedRows rows, int fromRow, int toRow, double[] weights, double[] jc,
                   long[] missing);
    }

    private static final Pass SCALAR_PASS = new Pass() {
        @Override
        public int stride(int k) {
            return k;
        }

        @Override
        public double run(EmParameters p, GroupedRows rows, int fromRow, int toRow, double[] weights, double[] jc,
                          long[] missing) {
            return scalarPass(p, rows, fromRow, toRow, weights, jc, missing);
        }
    };

    /** How a pass is computed: one component at a time in scalar registers, or on SIMD lanes. */
    public enum Kernel {
        /** Plain Java; always available. */
        SCALAR,
        /**
         * The JDK's incubating Vector API ({@code VectorPass}); available when the JVM runs with
         * {@code --add-modules jdk.incubator.vector}. The same statistics to about 1e-16 relative.
         */
        VECTOR
    }

    private static final @Nullable Pass VECTOR_PASS =
        dev.askwise.math.VectorKernels.load("dev.askwise.fit.VectorPass", Pass.class);
    private static final Kernel DEFAULT_KERNEL = VECTOR_PASS != null && !Boolean.getBoolean("askwise.em.scalar")
        ? Kernel.VECTOR : Kernel.SCALAR;

    /**
     * The kernel passes use: {@link Kernel#VECTOR} when available (the JVM runs with
     * {@code --add-modules jdk.incubator.vector}) unless the system property {@code askwise.em.scalar} is true, else
     * {@link Kernel#SCALAR}.
     */
    public static Kernel defaultKernel() {
        return DEFAULT_KERNEL;
    }

    /** True when the JVM can run {@link Kernel#VECTOR}. */
    public static boolean vectorAvailable() {
        return VECTOR_PASS != null;
    }

    private final int k;
    private final int[] sizes;
    private final int[] base;
    private final double[] weights;
    private final double[] counts;
    private double logLikelihood;
    private long users;
    private long missingValues;

    private SufficientStatistics(int k, int[] sizes) {
        this.k = k;
        this.sizes = sizes.clone();
        this.base = bases(sizes, k);
        this.weights = new double[k];
        this.counts = new double[base[sizes.length]];
    }

    /**
     * Empty statistics (no users) for K clusters over attributes with the given numbers of values.
     *
     * @throws IllegalArgumentException if K &lt; 1 or an attribute has fewer than 2 or more than 255 values
     */
    public static SufficientStatistics empty(int[] valueCounts, int clusters) {
        if (clusters < 1) {
            throw new IllegalArgumentException("clusters must be >= 1: " + clusters);
        }
        for (int s : valueCounts) {
            if (s < 2 || s > CodedRows.MAX_VALUES) {
                throw new IllegalArgumentException("values per attribute must be in [2, " + CodedRows.MAX_VALUES
                    + "]: " + s);
            }
        }
        return new SufficientStatistics(clusters, valueCounts);
    }

    /** Offsets (in doubles) of each attribute's block; element A is the total length. */
    static int[] bases(int[] sizes, int k) {
        int[] b = new int[sizes.length + 1];
        for (int a = 0; a < sizes.length; a++) {
            b[a + 1] = b[a] + (sizes[a] + 1) * k;
        }
        return b;
    }

    /**
     * Adds rows {@code [fromRow, toRow)} of a coded matrix (see {@link CodedRows}): each user's responsibilities under
     * the parameters, their log-likelihood and their expected counts, in one pass. The same as grouping the rows
     * ({@link GroupedRows#of(int[], byte[], int, int)}) and adding those, bit for bit.
     *
     * @throws IllegalArgumentException if the parameters' shape differs from these statistics' or the rows are not
     *                                  in the array
     */
    public SufficientStatistics accumulate(EmParameters p, byte[] codes, int fromRow, int toRow) {
        checkShape(p);
        checkRows(codes, fromRow, toRow);
        GroupedRows rows = GroupedRows.of(sizes, codes, fromRow, toRow);
        return accumulate(p, rows, 0, rows.size());
    }

    /**
     * Adds grouped rows {@code [fromRow, toRow)}: each user's responsibilities under the parameters, their
     * log-likelihood and their expected counts, in one pass. Per user and component the log-joint is the log-weight
     * plus one precomputed joint term per group, added in group order; responsibilities are added to the joint counts
     * once each. Components are taken four (then two, then one) at a time so that each group's slot is read once per
     * block and the block's sums stay in registers; the additions and their order are those of one component at a
     * time, so the result does not depend on the blocking.
     *
     * @throws IllegalArgumentException if the shapes differ or the range is outside the rows
     */
    public SufficientStatistics accumulate(EmParameters p, GroupedRows rows, int fromRow, int toRow) {
        return accumulate(p, rows, fromRow, toRow, DEFAULT_KERNEL);
    }

    /**
     * {@link #accumulate(EmParameters, GroupedRows, int, int)} with a given kernel.
     *
     * @throws IllegalArgumentException if the shapes differ or the range is outside the rows
     * @throws IllegalStateException    if the kernel is {@link Kernel#VECTOR} and this JVM cannot run it
     */
    public SufficientStatistics accumulate(EmParameters p, GroupedRows rows, int fromRow, int toRow, Kernel kernel) {
        checkShape(p);
        if (!Arrays.equals(rows.sizes, sizes)) {
            throw new IllegalArgumentException("rows of another shape than these statistics");
        }
        if (fromRow < 0 || toRow < fromRow || toRow > rows.size()) {
            throw new IllegalArgumentException("rows must satisfy 0 <= from <= to <= " + rows.size() + ": " + fromRow
                + ".." + toRow);
        }
        Pass pass = kernel == Kernel.SCALAR ? SCALAR_PASS : VECTOR_PASS;
        if (pass == null) {
            throw new IllegalStateException("the vector kernel needs the JVM option --add-modules "
                + "jdk.incubator.vector");
        }
        int stride = pass.stride(k);
        double[] jc = new double[p.jointLogTerms().length / k * stride];
        long[] miss = new long[1];
        double ll = pass.run(p, rows, fromRow, toRow, weights, jc, miss);
        rows.grouping.marginalise(jc, stride, counts, base, k);
        logLikelihood += ll;
        users += toRow - fromRow;
        missingValues += miss[0];
        return this;
    }

    /** The scalar pass ({@link Pass}): components in blocks of four held in registers. */
    private static double scalarPass(EmParameters p, GroupedRows rows, int fromRow, int toRow, double[] w,
                                     double[] jc, long[] missingOut) {
        final int kk = p.clusters();
        final Grouping grouping = rows.grouping;
        final int groups = grouping.groups();
        final int[] slotBase = grouping.slotBase;
        final int[] missing = grouping.missing;
        final byte[] slots = rows.slots;
        final double[] jt = p.jointLogTerms();
        final double[] lw = p.logWeights();
        final double[] lj = new double[kk];
        final int[] idx = new int[groups];
        double ll = 0;
        long miss = 0;
        for (int i = fromRow; i < toRow; i++) {
            int row = i * groups;
            for (int g = 0; g < groups; g++) {
                int slot = slotBase[g] + (slots[row + g] & 0xFF);
                miss += missing[slot];
                idx[g] = slot * kk;
            }
            // E-step: the log-joints, a block of components at a time in registers (independent addition chains)
            double max = Double.NEGATIVE_INFINITY;
            int z = 0;
            for (; z + 4 <= kk; z += 4) {
                double a0 = lw[z];
                double a1 = lw[z + 1];
                double a2 = lw[z + 2];
                double a3 = lw[z + 3];
                for (int g = 0; g < groups; g++) {
                    int o = idx[g] + z;
                    a0 += jt[o];
                    a1 += jt[o + 1];
                    a2 += jt[o + 2];
                    a3 += jt[o + 3];
                }
                lj[z] = a0;
                lj[z + 1] = a1;
                lj[z + 2] = a2;
                lj[z + 3] = a3;
                max = Math.max(max, Math.max(Math.max(a0, a1), Math.max(a2, a3)));
            }
            for (; z + 2 <= kk; z += 2) {
                double a0 = lw[z];
                double a1 = lw[z + 1];
                for (int g = 0; g < groups; g++) {
                    int o = idx[g] + z;
                    a0 += jt[o];
                    a1 += jt[o + 1];
                }
                lj[z] = a0;
                lj[z + 1] = a1;
                max = Math.max(max, Math.max(a0, a1));
            }
            for (; z < kk; z++) {
                double acc = lw[z];
                for (int g = 0; g < groups; g++) {
                    acc += jt[idx[g] + z];
                }
                lj[z] = acc;
                max = Math.max(max, acc);
            }
            double sum = 0;
            for (z = 0; z < kk; z++) {
                double x = Math.exp(lj[z] - max);
                lj[z] = x;
                sum += x;
            }
            ll += max + Math.log(sum);
            double inv = 1.0 / sum;
            // M-step counts: each responsibility added once to its group slots, from a register
            z = 0;
            for (; z + 4 <= kk; z += 4) {
                double r0 = lj[z] * inv;
                double r1 = lj[z + 1] * inv;
                double r2 = lj[z + 2] * inv;
                double r3 = lj[z + 3] * inv;
                w[z] += r0;
                w[z + 1] += r1;
                w[z + 2] += r2;
                w[z + 3] += r3;
                for (int g = 0; g < groups; g++) {
                    int o = idx[g] + z;
                    jc[o] += r0;
                    jc[o + 1] += r1;
                    jc[o + 2] += r2;
                    jc[o + 3] += r3;
                }
            }
            for (; z + 2 <= kk; z += 2) {
                double r0 = lj[z] * inv;
                double r1 = lj[z + 1] * inv;
                w[z] += r0;
                w[z + 1] += r1;
                for (int g = 0; g < groups; g++) {
                    int o = idx[g] + z;
                    jc[o] += r0;
                    jc[o + 1] += r1;
                }
            }
            for (; z < kk; z++) {
                double r = lj[z] * inv;
                w[z] += r;
                for (int g = 0; g < groups; g++) {
                    jc[idx[g] + z] += r;
                }
            }
        }
        missingOut[0] += miss;
        return ll;
    }

    private void checkShape(EmParameters p) {
        if (p.clusters() != k || !Arrays.equals(p.sizes(), sizes)) {
            throw new IllegalArgumentException("parameters of another shape than these statistics");
        }
    }

    /**
     * Adds rows {@code [fromRow, toRow)} with random responsibilities, EM's start: user i (global index
     * {@code firstIndex + i − fromRow}) gets a flat-Dirichlet draw from draws {@code i·K … i·K + K − 1} of the
     * restart's stream. The log-likelihood is not computed (stays 0 for these users).
     */
    public SufficientStatistics accumulateRandomStart(RestartSeed seed, byte[] codes, int fromRow, int toRow,
                                                      long firstIndex) {
        checkRows(codes, fromRow, toRow);
        if (firstIndex < 0) {
            throw new IllegalArgumentException("firstIndex must be >= 0: " + firstIndex);
        }
        final int kk = k;
        final int attrs = sizes.length;
        double[] e = new double[kk];
        long miss = 0;
        for (int i = fromRow; i < toRow; i++) {
            long j0 = (firstIndex + i - fromRow) * kk;
            double s = 0;
            for (int z = 0; z < kk; z++) {
                e[z] = -Math.log(1 - seed.draw(j0 + z));
                s += e[z];
            }
            for (int z = 0; z < kk; z++) {
                e[z] /= s;
                weights[z] += e[z];
            }
            int row = i * attrs;
            for (int a = 0; a < attrs; a++) {
                int c = codes[row + a] & 0xFF;
                miss += c == 0 ? 1 : 0;
                int o = base[a] + c * kk;
                for (int z = 0; z < kk; z++) {
                    counts[o + z] += e[z];
                }
            }
        }
        users += toRow - fromRow;
        missingValues += miss;
        return this;
    }

    private void checkRows(byte[] codes, int fromRow, int toRow) {
        long rows = codes.length / Math.max(1, sizes.length);
        if (fromRow < 0 || toRow < fromRow || toRow > rows || codes.length % Math.max(1, sizes.length) != 0) {
            throw new IllegalArgumentException("rows must satisfy 0 <= from <= to <= " + rows + " (whole rows of "
                + sizes.length + " codes): " + fromRow + ".." + toRow);
        }
    }

    /**
     * Adds another set's statistics to these (in place) and returns these.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public SufficientStatistics merge(SufficientStatistics o) {
        if (o.k != k || !Arrays.equals(o.sizes, sizes)) {
            throw new IllegalArgumentException("cannot merge statistics of different shapes");
        }
        for (int z = 0; z < k; z++) {
            weights[z] += o.weights[z];
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o.counts[i];
        }
        logLikelihood += o.logLikelihood;
        users += o.users;
        missingValues += o.missingValues;
        return this;
    }

    /** An independent copy. */
    public SufficientStatistics copy() {
        return new SufficientStatistics(k, sizes).merge(this);
    }

    public int clusters() {
        return k;
    }

    /** Number of values of each attribute (a copy). */
    public int[] valueCounts() {
        return sizes.clone();
    }

    int[] sizes() {
        return sizes;
    }

    double[] rawCounts() {
        return counts;
    }

    /** Expected number of users in cluster z. */
    public double weight(int z) {
        return weights[z];
    }

    /** Expected number of users of cluster z with value v of attribute a. */
    public double count(int a, int v, int z) {
        return counts[base[a] + (v + 1) * k + z];
    }

    /** Expected number of users of cluster z without a value of attribute a. */
    public double missingCount(int a, int z) {
        return counts[base[a] + z];
    }

    /** Log-likelihood of these users under the parameters the pass used (0 for a random start). */
    public double logLikelihood() {
        return logLikelihood;
    }

    public long users() {
        return users;
    }

    public long missingValues() {
        return missingValues;
    }

    /**
     * The largest relative difference between these statistics and another's (weights, counts, log-likelihood;
     * differences are relative to the larger magnitude, absolute below 1), or infinity if the shapes or user counts
     * differ. For tests of merge against a single pass.
     */
    public double maxRelativeDifference(SufficientStatistics o) {
        if (o.k != k || !Arrays.equals(o.sizes, sizes) || o.users != users || o.missingValues != missingValues) {
            return Double.POSITIVE_INFINITY;
        }
        double d = rel(logLikelihood, o.logLikelihood);
        for (int z = 0; z < k; z++) {
            d = Math.max(d, rel(weights[z], o.weights[z]));
        }
        for (int i = 0; i < counts.length; i++) {
            d = Math.max(d, rel(counts[i], o.counts[i]));
        }
        return d;
    }

    private static double rel(double x, double y) {
        return Math.abs(x - y) / Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }
}
