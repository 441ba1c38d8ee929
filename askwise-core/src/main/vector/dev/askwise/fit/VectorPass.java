package dev.askwise.fit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused EM pass ({@link SufficientStatistics#accumulate(EmParameters, GroupedRows, int, int)}) on SIMD lanes,
 * with the JDK's incubating Vector API: components are padded to a multiple of the lane count (padding components have
 * log-weight −∞, so responsibility 0; {@link EmParameters#padded}), and per user each group adds a contiguous run of joint terms to the log-joints
 * lane by lane (the same additions in the same order as the scalar pass), the responsibilities are the lanes'
 * exponentials, and each group's joint counts get them back the same way. Differs from the scalar pass only by the
 * rounding of the exponentials and of the sum of a user's responsibilities (about 1e-16 relative).
 *
 * <p>Compiled from its own source root with {@code --add-modules jdk.incubator.vector}, and loaded by
 * {@link SufficientStatistics} only when that module is in the running JVM's boot layer (the {@code askwise} launcher
 * adds it for {@code fit} and {@code compare}); otherwise the scalar pass runs and this class is never loaded.
 */
final class VectorPass implements SufficientStatistics.Pass {

    /** The lanes of every kernel ({@link dev.askwise.math.VectorLanes}: 256 bits where the hardware has them). */
    private static final VectorSpecies<Double> S = dev.askwise.math.VectorLanes.DOUBLES;

    @Override
    public int stride(int k) {
        int lanes = S.length();
        return (k + lanes - 1) / lanes * lanes;
    }

    @Override
    public double run(EmParameters p, GroupedRows rows, int fromRow, int toRow, double[] weights, double[] jc,
                      long[] missing) {
        final int k = p.clusters();
        final int lanes = S.length();
        final int kp = stride(k);
        final Grouping grouping = rows.grouping;
        final int groups = grouping.groups();
        final int[] slotBase = grouping.slotBase;
        final int[] miss = grouping.missing;
        final byte[] slots = rows.slots;
        final EmParameters.Padded padded = p.padded(kp);
        final double[] jtp = padded.jointLogTerms();
        final double[] lwp = padded.logWeights();
        final double[] jcp = jc;
        final double[] wp = new double[kp];
        final double[] lj = new double[kp];
        final int[] idx = new int[groups];
        double ll = 0;
        long m = 0;
        for (int i = fromRow; i < toRow; i++) {
            int row = i * groups;
            for (int g = 0; g < groups; g++) {
                int slot = slotBase[g] + (slots[row + g] & 0xFF);
                m += miss[slot];
                idx[g] = slot * kp;
            }
            if (kp == 3 * lanes) {
                ll += threeVectors(lwp, jtp, jcp, wp, idx, groups, lanes);
                continue;
            }
            DoubleVector top = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
            for (int v = 0; v < kp; v += lanes) {
                DoubleVector acc = DoubleVector.fromArray(S, lwp, v);
                for (int g = 0; g < groups; g++) {
                    acc = acc.add(DoubleVector.fromArray(S, jtp, idx[g] + v));
                }
                acc.intoArray(lj, v);
                top = top.max(acc);
            }
            double max = top.reduceLanes(VectorOperators.MAX);
            DoubleVector total = DoubleVector.zero(S);
            for (int v = 0; v < kp; v += lanes) {
                DoubleVector e = DoubleVector.fromArray(S, lj, v).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(lj, v);
                total = total.add(e);
            }
            double sum = total.reduceLanes(VectorOperators.ADD);
            ll += max + Math.log(sum);
            double inv = 1.0 / sum;
            for (int v = 0; v < kp; v += lanes) {
                DoubleVector r = DoubleVector.fromArray(S, lj, v).mul(inv);
                DoubleVector.fromArray(S, wp, v).add(r).intoArray(wp, v);
                for (int g = 0; g < groups; g++) {
                    int o = idx[g] + v;
                    DoubleVector.fromArray(S, jcp, o).add(r).intoArray(jcp, o);
                }
            }
        }
        for (int z = 0; z < k; z++) {
            weights[z] += wp[z];
        }
        missing[0] += m;
        return ll;
    }

    /**
     * One user when the padded components fill exactly three vectors (K = 9..12 on 4 lanes): the same operations as
     * the general loop, with the three accumulators in registers across the groups. Returns the user's
     * log-likelihood.
     */
    private static double threeVectors(double[] lwp, double[] jtp, double[] jcp, double[] wp, int[] idx, int groups,
                                       int lanes) {
        int l2 = 2 * lanes;
        DoubleVector a0 = DoubleVector.fromArray(S, lwp, 0);
        DoubleVector a1 = DoubleVector.fromArray(S, lwp, lanes);
        DoubleVector a2 = DoubleVector.fromArray(S, lwp, l2);
        for (int g = 0; g < groups; g++) {
            int o = idx[g];
            a0 = a0.add(DoubleVector.fromArray(S, jtp, o));
            a1 = a1.add(DoubleVector.fromArray(S, jtp, o + lanes));
            a2 = a2.add(DoubleVector.fromArray(S, jtp, o + l2));
        }
        double max = a0.max(a1).max(a2).reduceLanes(VectorOperators.MAX);
        DoubleVector e0 = a0.sub(max).lanewise(VectorOperators.EXP);
        DoubleVector e1 = a1.sub(max).lanewise(VectorOperators.EXP);
        DoubleVector e2 = a2.sub(max).lanewise(VectorOperators.EXP);
        double sum = e0.add(e1).add(e2).reduceLanes(VectorOperators.ADD);
        double inv = 1.0 / sum;
        DoubleVector r0 = e0.mul(inv);
        DoubleVector r1 = e1.mul(inv);
        DoubleVector r2 = e2.mul(inv);
        DoubleVector.fromArray(S, wp, 0).add(r0).intoArray(wp, 0);
        DoubleVector.fromArray(S, wp, lanes).add(r1).intoArray(wp, lanes);
        DoubleVector.fromArray(S, wp, l2).add(r2).intoArray(wp, l2);
        for (int g = 0; g < groups; g++) {
            int o = idx[g];
            DoubleVector.fromArray(S, jcp, o).add(r0).intoArray(jcp, o);
            DoubleVector.fromArray(S, jcp, o + lanes).add(r1).intoArray(jcp, o + lanes);
            DoubleVector.fromArray(S, jcp, o + l2).add(r2).intoArray(jcp, o + l2);
        }
        return max + Math.log(sum);
    }
}
