package dev.askwise.fit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused EM pass ({@link SufficientStatistics#accumulate(EmParameters, GroupedRows, int, int)}) on SIMD lanes,
 * with the JDK's incubating Vector API: components are padded to a multiple of the lane count (padding components have
 * log-weight −∞, so a responsibility of at most e⁻⁷⁰⁸, which changes no user's sum and which no weight or count reads;
 * {@link EmParameters#padded}), and per user each group adds a contiguous run of joint terms to the log-joints lane by
 * lane (the same additions in the same order as the scalar pass), the responsibilities are the lanes' exponentials
 * ({@link #exp(DoubleVector)}, within two units in the last place of {@link Math#exp}) normalised by their sum in lane
 * order, and each group's joint counts get them back the same way.
 * Differs from the scalar pass only by the rounding of the exponentials and of that sum (about 1e-16 relative,
 * {@code VectorPassTest}); every operation is exactly rounded, so the result does not depend on whether C2 has
 * compiled the pass ({@code FitDeterminismTest}).
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
        final double[] scratch = new double[lanes];
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
                ll += threeVectors(lwp, jtp, jcp, wp, lj, scratch, idx, groups, lanes);
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
            double sum = exponentials(lj, kp, max, scratch);
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

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts (fdlibm's): the first has 32 significant bits, so n·LN2_HI is exact for |n| < 2¹¹. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2⁵²: adding it rounds to an integer, and the sum's low bits are that integer. */
    private static final double SHIFTER = 0x1.8p52;
    /** 1/j! for j = 0..13, the Taylor coefficients of e^r. */
    private static final double[] TAYLOR = {
        1.0, 1.0, 1.0 / 2.0, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0, 1.0 / 720.0, 1.0 / 5040.0, 1.0 / 40320.0,
        1.0 / 362880.0, 1.0 / 3628800.0, 1.0 / 39916800.0, 1.0 / 479001600.0, 1.0 / 6227020800.0};

    /**
     * e^x lane by lane for x ≤ 0 (the log-joints less their maximum), within two units in the last place of
     * {@link Math#exp}; below −708 (and for the padding lanes' −∞) it is e^−708 ≈ 3.3·10⁻³⁰⁸, a responsibility that
     * changes no sum it enters. Built from fused multiply-adds, multiplications, additions, a maximum and bit shifts,
     * each exactly rounded, so every lane's result is the same whether C2 has compiled this (SIMD instructions) or not
     * (the Vector API's Java fallbacks): the API's own {@code EXP} is an intrinsic in compiled code and
     * {@link Math#exp} per lane otherwise, which differ in the last bit and made two fits with the same seed differ
     * within one JVM ({@code FitDeterminismTest}). x = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite), e^r by its Taylor
     * polynomial to degree 13 (truncation below 5·10⁻¹⁸) in Estrin's order, times 2ⁿ from the exponent bits.
     */
    private static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(-708.0);
        DoubleVector t = xc.fma(DoubleVector.broadcast(S, LOG2E), DoubleVector.broadcast(S, SHIFTER));
        DoubleVector n = t.sub(SHIFTER);
        DoubleVector r = n.neg().fma(DoubleVector.broadcast(S, LN2_HI), xc);
        r = n.neg().fma(DoubleVector.broadcast(S, LN2_LO), r);
        // Estrin's scheme with fused multiply-adds: pairs, then powers r², r⁴, r⁸
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector r8 = r4.mul(r4);
        DoubleVector q0 = r.fma(c(1), c(0));
        DoubleVector q1 = r.fma(c(3), c(2));
        DoubleVector q2 = r.fma(c(5), c(4));
        DoubleVector q3 = r.fma(c(7), c(6));
        DoubleVector q4 = r.fma(c(9), c(8));
        DoubleVector q5 = r.fma(c(11), c(10));
        DoubleVector q6 = r.fma(c(13), c(12));
        DoubleVector s0 = q1.fma(r2, q0);
        DoubleVector s1 = q3.fma(r2, q2);
        DoubleVector s2 = q5.fma(r2, q4);
        DoubleVector u0 = s1.fma(r4, s0);
        DoubleVector u1 = q6.fma(r4, s2);
        DoubleVector p = u1.fma(r8, u0);
        DoubleVector scale = t.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52L)
            .reinterpretAsDoubles();
        return p.mul(scale);
    }

    private static DoubleVector c(int j) {
        return DoubleVector.broadcast(S, TAYLOR[j]);
    }

    /**
     * {@code lj[v] = e^(lj[v] − max)} for v &lt; kp, and their sum (lanes added vector by vector, then in lane order).
     * A method of its own over arrays: inlined into the pass with the exponential, C2 ran over its inlining budget and
     * left Vector API calls out of line, which box their vectors.
     */
    private static double exponentials(double[] lj, int kp, double max, double[] scratch) {
        DoubleVector total = DoubleVector.zero(S);
        for (int v = 0; v < kp; v += S.length()) {
            DoubleVector e = exp(DoubleVector.fromArray(S, lj, v).sub(max));
            e.intoArray(lj, v);
            total = total.add(e);
        }
        return laneSum(total, scratch);
    }

    /** The lanes' sum in lane order (the API's {@code reduceLanes(ADD)} leaves the order to the JIT). */
    private static double laneSum(DoubleVector v, double[] scratch) {
        v.intoArray(scratch, 0);
        double sum = scratch[0];
        for (int i = 1; i < scratch.length; i++) {
            sum += scratch[i];
        }
        return sum;
    }

    /** {@link #exp} of one value (for tests). */
    static double expOf(double x) {
        return exp(DoubleVector.broadcast(S, x)).lane(0);
    }

    /**
     * One user when the padded components fill exactly three vectors (K = 9..12 on 4 lanes): the same operations as
     * the general loop, with the three accumulators in registers across the groups. Returns the user's
     * log-likelihood.
     */
    private static double threeVectors(double[] lwp, double[] jtp, double[] jcp, double[] wp, double[] lj,
                                       double[] scratch, int[] idx, int groups, int lanes) {
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
        a0.intoArray(lj, 0);
        a1.intoArray(lj, lanes);
        a2.intoArray(lj, l2);
        double sum = exponentials(lj, l2 + lanes, max, scratch);
        DoubleVector e0 = DoubleVector.fromArray(S, lj, 0);
        DoubleVector e1 = DoubleVector.fromArray(S, lj, lanes);
        DoubleVector e2 = DoubleVector.fromArray(S, lj, l2);
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
