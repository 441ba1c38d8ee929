package dev.askwise.policy;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * voi's γ = 0 table pass ({@link VoiPolicy.AnswerKernel}) on SIMD lanes, one hypothetical answer per lane: the
 * answers' posterior-weighted sums {@code Σ_z wt_z·θ_bvz} for eight attribute values at a time (eight independent
 * fused multiply-add chains over the components, each θ broadcast to every lane), then per guessed attribute the
 * lanewise maximum over its values and the running sum of {@code P(w) − max}. Each lane does exactly the scalar
 * pass's operations in its order, so the values and the decision are the scalar pass's to the bit
 * ({@code VoiAnswerKernelTest}). Loaded only when the JVM has {@code jdk.incubator.vector}, like
 * {@link VectorAscent}.
 * <p>
 * {@link #screen} is the same pass in single precision on lanes of the same width (twice as many answers per pass),
 * for screening: its results are not the scalar pass's, and {@code VoiPolicy} bounds their error and recomputes in
 * double precision every candidate that the bound does not rule out. The two passes are written out twice on purpose:
 * the Vector API has no element-type-generic array load or scalar broadcast, and a pass over the generic
 * {@code Vector<E>} would not compile to the same code.
 */
final class VectorAnswers implements VoiPolicy.AnswerKernel {

    private static final VectorSpecies<Double> S = dev.askwise.math.VectorLanes.DOUBLES;
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, S.vectorShape());

    @Override
    public int lanes() {
        return S.length();
    }

    @Override
    public void lost(double[][] theta, int[] start, int[] end, double[] weights, int[] liveZ, int live,
                     int[] candPos, double[] total, double[] out, double[] buffer) {
        int lanes = S.length();
        int padded = theta.length == 0 ? 0 : theta[0].length;
        for (int t = 0; t < padded; t += 8) {
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            DoubleVector a4 = a0;
            DoubleVector a5 = a0;
            DoubleVector a6 = a0;
            DoubleVector a7 = a0;
            for (int q = 0; q < live; q++) {
                int z = liveZ[q];
                DoubleVector w = DoubleVector.fromArray(S, weights, z * lanes);
                double[] row = theta[z];
                a0 = w.fma(DoubleVector.broadcast(S, row[t]), a0);
                a1 = w.fma(DoubleVector.broadcast(S, row[t + 1]), a1);
                a2 = w.fma(DoubleVector.broadcast(S, row[t + 2]), a2);
                a3 = w.fma(DoubleVector.broadcast(S, row[t + 3]), a3);
                a4 = w.fma(DoubleVector.broadcast(S, row[t + 4]), a4);
                a5 = w.fma(DoubleVector.broadcast(S, row[t + 5]), a5);
                a6 = w.fma(DoubleVector.broadcast(S, row[t + 6]), a6);
                a7 = w.fma(DoubleVector.broadcast(S, row[t + 7]), a7);
            }
            int o = t * lanes;
            a0.intoArray(buffer, o);
            a1.intoArray(buffer, o + lanes);
            a2.intoArray(buffer, o + 2 * lanes);
            a3.intoArray(buffer, o + 3 * lanes);
            a4.intoArray(buffer, o + 4 * lanes);
            a5.intoArray(buffer, o + 5 * lanes);
            a6.intoArray(buffer, o + 6 * lanes);
            a7.intoArray(buffer, o + 7 * lanes);
        }
        DoubleVector mass = DoubleVector.fromArray(S, total, 0);
        DoubleVector lost = DoubleVector.zero(S);
        for (int i = 0; i < start.length; i++) {
            int t = start[i];
            DoubleVector top = DoubleVector.fromArray(S, buffer, t * lanes);
            for (t++; t < end[i]; t++) {
                top = top.max(DoubleVector.fromArray(S, buffer, t * lanes)); // no NaN or signed zeros to order
            }
            DoubleVector share = mass.sub(top);
            long own = 0;
            for (int lane = 0; lane < lanes; lane++) {
                own |= candPos[lane] == i ? 1L << lane : 0L;
            }
            if (own != 0) {
                share = share.blend(0.0, VectorMask.fromLong(S, own)); // the lane's own question: adds exactly 0
            }
            lost = lost.add(share);
        }
        lost.intoArray(out, 0);
    }

    @Override
    public int screenLanes() {
        return F.length();
    }

    @Override
    public void screen(float[][] theta, int[] start, int[] end, float[] weights, int[] liveZ, int live, int[] candPos,
                       float[] total, double[] out, float[] buffer) {
        int lanes = F.length();
        int padded = theta.length == 0 ? 0 : theta[0].length;
        for (int t = 0; t < padded; t += 8) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int q = 0; q < live; q++) {
                int z = liveZ[q];
                FloatVector w = FloatVector.fromArray(F, weights, z * lanes);
                float[] row = theta[z];
                a0 = w.fma(FloatVector.broadcast(F, row[t]), a0);
                a1 = w.fma(FloatVector.broadcast(F, row[t + 1]), a1);
                a2 = w.fma(FloatVector.broadcast(F, row[t + 2]), a2);
                a3 = w.fma(FloatVector.broadcast(F, row[t + 3]), a3);
                a4 = w.fma(FloatVector.broadcast(F, row[t + 4]), a4);
                a5 = w.fma(FloatVector.broadcast(F, row[t + 5]), a5);
                a6 = w.fma(FloatVector.broadcast(F, row[t + 6]), a6);
                a7 = w.fma(FloatVector.broadcast(F, row[t + 7]), a7);
            }
            int o = t * lanes;
            a0.intoArray(buffer, o);
            a1.intoArray(buffer, o + lanes);
            a2.intoArray(buffer, o + 2 * lanes);
            a3.intoArray(buffer, o + 3 * lanes);
            a4.intoArray(buffer, o + 4 * lanes);
            a5.intoArray(buffer, o + 5 * lanes);
            a6.intoArray(buffer, o + 6 * lanes);
            a7.intoArray(buffer, o + 7 * lanes);
        }
        FloatVector mass = FloatVector.fromArray(F, total, 0);
        FloatVector lost = FloatVector.zero(F);
        FloatVector carry = lost;
        for (int i = 0; i < start.length; i++) {
            int t = start[i];
            FloatVector top = FloatVector.fromArray(F, buffer, t * lanes);
            for (t++; t < end[i]; t++) {
                top = top.max(FloatVector.fromArray(F, buffer, t * lanes));
            }
            FloatVector share = mass.sub(top);
            long own = 0;
            for (int lane = 0; lane < lanes; lane++) {
                own |= candPos[lane] == i ? 1L << lane : 0L;
            }
            if (own != 0) {
                share = share.blend(0.0f, VectorMask.fromLong(F, own));
            }
            // compensated (Kahan) summation: the error stays 2u·Σ|share| instead of growing with the count
            FloatVector y = share.sub(carry);
            FloatVector sum = lost.add(y);
            carry = sum.sub(lost).sub(y);
            lost = sum;
        }
        float[] sums = buffer.length >= lanes ? buffer : new float[lanes]; // the table is no longer needed
        lost.intoArray(sums, 0); // (lane(i) is not compiled to a lane extract on JDK 17)
        for (int lane = 0; lane < lanes; lane++) {
            out[lane] = sums[lane];
        }
    }
}
