package dev.askwise.policy;

import dev.askwise.model.PopulationModel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The finite-γ response ascent ({@code Responder.Ascent#runFinite}) on SIMD lanes, with the JDK's incubating Vector
 * API: every table is laid out with the cluster innermost ({@code [row][cluster]}, clusters padded to a multiple of
 * the lane count), so each step of the O(K·G²) loops — the suffix recurrence, and the dot products fused with the
 * prefix convolution (both read the same prefix rows) — is one vector operation per group of lanes, three groups per
 * pass. Each lane does its cluster's multiplications and additions in the scalar ascent's order (no fused
 * multiply-add, no reassociation), so the response and its value are the scalar ascent's to the bit;
 * {@code ResponderAscentTest} checks this. The same shortcuts between sweeps as the scalar ascent (suffix blocks
 * recomputed only below the last change; a sweep stops once it passes the last change unchanged).
 *
 * <p>Compiled from its own source root with {@code --add-modules jdk.incubator.vector}, and loaded by
 * {@link Responder} only when that module is in the running JVM's boot layer; otherwise the scalar ascent runs and this
 * class is never loaded.
 */
final class VectorAscent implements Responder.FiniteAscent {

    /**
     * The lanes of every kernel ({@link dev.askwise.math.VectorLanes}: 256 bits where the hardware has them; one shape
     * for all kernels, so that running EM first does not slow the ascent threefold).
     */
    private static final VectorSpecies<Double> S = dev.askwise.math.VectorLanes.DOUBLES;

    /**
     * θ of every value of every attribute, [attribute][value][cluster], of the model the weak reference holds (the
     * cache does not keep a model alive); padding lanes never err.
     */
    private record Table(java.lang.ref.WeakReference<PopulationModel> model, int kp, double[] theta, int[] offset) {
    }

    /** The last model's table: every hypothetical answer of a decision asks for the same one. */
    private static volatile @org.jspecify.annotations.Nullable Table last;

    private static Table table(PopulationModel model, int kp) {
        Table t = last;
        if (t != null && t.model.get() == model && t.kp == kp) {
            return t;
        }
        int n = model.schema().size();
        int k = model.components();
        int[] offset = new int[n + 1];
        for (int a = 0; a < n; a++) {
            offset[a + 1] = offset[a] + model.schema().get(a).size() * kp;
        }
        double[] theta = new double[offset[n]];
        for (int a = 0; a < n; a++) {
            int size = model.schema().get(a).size();
            for (int v = 0; v < size; v++) {
                int row = offset[a] + v * kp;
                for (int z = 0; z < k; z++) {
                    theta[row + z] = model.probability(z, a, v);
                }
                java.util.Arrays.fill(theta, row + k, row + kp, 1.0);
            }
        }
        t = new Table(new java.lang.ref.WeakReference<>(model), kp, theta, offset);
        last = t;
        return t;
    }

    @Override
    public double run(PopulationModel model, double[] posterior, int[] guessed, int[] values, double[] fm) {
        final int g = guessed.length;
        final int k = model.components();
        final int lanes = S.length();
        final int kp = (k + lanes - 1) / lanes * lanes;
        final Table table = table(model, kp);
        final double[] theta = table.theta;
        final int[] thetaOff = new int[g]; // position i's rows in the table
        for (int i = 0; i < g; i++) {
            thetaOff[i] = table.offset[guessed[i]];
        }
        final int[] off = new int[g + 1]; // position i's block: rows 0..i+1
        for (int i = 0; i < g; i++) {
            off[i + 1] = off[i] + i + 2;
        }
        final double[] suffix = Responder.scratch(off[g] * kp);
        final double[] wrong = new double[g * kp];
        // prefix distributions: position i reads rows 0..i of one buffer and writes rows 0..i+1 of another; the third
        // keeps the last sweep's final distribution for a sweep that converges early
        final double[][] buffers = new double[3][(g + 1) * kp];
        int last = -1; // the buffer with the last sweep's final distribution
        final double[] lower = new double[kp];
        final double[] upper = new double[kp];
        int widest = 0;
        for (int a : guessed) {
            widest = Math.max(widest, model.schema().get(a).size());
        }
        final double[] terms = new double[Math.max(widest, 1) * kp];
        final double[] sums = new double[widest];
        final DoubleVector one = DoubleVector.broadcast(S, 1.0);
        final double[] post = java.util.Arrays.copyOf(posterior, kp);
        final int[] active = java.util.stream.IntStream.range(0, k).filter(z -> posterior[z] != 0).toArray();
        boolean improved = true;
        int sweeps = 0;
        int lastChange = g - 1;
        while (improved && sweeps++ < 50) {
            improved = false;
            boolean first = sweeps == 1;
            int start = lastChange;
            if (first) {
                int top = off[g - 1] * kp;
                for (int r = 0; r <= g; r++) {
                    java.util.Arrays.fill(suffix, top + r * kp, top + (r + 1) * kp, fm[r]);
                }
                start = g - 1;
            }
            for (int i = 1; i <= start; i++) { // the recurrence below reads the factors of positions 1..start
                int row = thetaOff[i] + values[guessed[i]] * kp;
                for (int c = 0; c < kp; c += lanes) {
                    one.sub(DoubleVector.fromArray(S, theta, row + c)).intoArray(wrong, i * kp + c);
                }
            }
            suffixBlocks(suffix, off, wrong, start, kp, lanes);
            int from = (last + 1) % 3;
            int to = (last + 2) % 3;
            java.util.Arrays.fill(buffers[from], 0, kp, 1.0);
            int changed = -1;
            int result = -1;
            for (int i = 0; i < g; i++) {
                if (!first && changed < 0 && i > lastChange) {
                    result = last; // converged: the last sweep's distribution is this sweep's
                    break;
                }
                int a = guessed[i];
                int size = model.schema().get(a).size();
                int rows = thetaOff[i];
                // the dot products, and the next prefix with the current value (it rarely changes)
                dotAndGrow(buffers[from], buffers[to], suffix, off[i] * kp, i, kp, lanes, lower, upper, theta,
                    rows + values[a] * kp);
                objectives(theta, rows, size, post, lower, upper, terms, active, kp, lanes, sums);
                int bestV = values[a];
                double bestValue = sums[bestV];
                for (int v = 0; v < size; v++) {
                    if (v != values[a] && Objective.improves(sums[v], bestValue)) {
                        bestValue = sums[v];
                        bestV = v;
                    }
                }
                if (bestV != values[a]) {
                    values[a] = bestV;
                    improved = true;
                    changed = i;
                    grow(buffers[from], buffers[to], i, theta, rows + bestV * kp, kp, lanes);
                }
                int swap = from;
                from = to;
                to = swap;
            }
            last = result >= 0 ? result : from;
            lastChange = changed;
        }
        expectations(buffers[last], fm, g, kp, lanes, terms);
        double acc = 0;
        for (int z : active) {
            acc += posterior[z] * terms[z];
        }
        return acc;
    }

    /**
     * For every value v of the attribute whose table rows start at {@code rows}: {@code sums[v] = Σ_z π_z·(θ_vz·lower_z
     * + (1 − θ_vz)·upper_z)} over the clusters of positive posterior, in cluster order. Each value's terms are on the
     * lanes (lower, upper and π loaded once for all values), each sum is added up in the scalar ascent's order, the
     * values' sums side by side.
     */
    private static void objectives(double[] theta, int rows, int size, double[] post, double[] lower, double[] upper,
                                   double[] terms, int[] active, int kp, int lanes, double[] sums) {
        for (int c = 0; c < kp; c += lanes) {
            DoubleVector p = DoubleVector.fromArray(S, post, c);
            DoubleVector lo = DoubleVector.fromArray(S, lower, c);
            DoubleVector up = DoubleVector.fromArray(S, upper, c);
            for (int v = 0; v < size; v++) {
                DoubleVector right = DoubleVector.fromArray(S, theta, rows + v * kp + c);
                DoubleVector wrong = DoubleVector.broadcast(S, 1.0).sub(right);
                p.mul(right.mul(lo).add(wrong.mul(up))).intoArray(terms, v * kp + c);
            }
        }
        if (size == 4) { // the common case: four independent chains of additions
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int z : active) {
                s0 += terms[z];
                s1 += terms[kp + z];
                s2 += terms[2 * kp + z];
                s3 += terms[3 * kp + z];
            }
            sums[0] = s0;
            sums[1] = s1;
            sums[2] = s2;
            sums[3] = s3;
            return;
        }
        for (int v = 0; v < size; v++) {
            double sum = 0;
            int base = v * kp;
            for (int z : active) {
                sum += terms[base + z];
            }
            sums[v] = sum;
        }
    }

    /**
     * {@code lower[z] = Σ_{m ≤ i} from[m][z]·suffix[block + m][z]} and {@code upper[z]} the same one row on, per lane, in
     * increasing m; and, from the same loads, {@code Responder.addFactor} into {@code to}: rows 0..i+1 of the prefix
     * with the next factor, cluster z's probability of a mistake {@code 1 − theta[row + z]}
     * ({@code to[m] = from[m]·(1 − w) + from[m − 1]·w}). Three groups of lanes per pass: six chains of additions.
     */
    private static void dotAndGrow(double[] from, double[] to, double[] suffix, int block, int i, int kp, int lanes,
                                   double[] lower, double[] upper, double[] theta, int row) {
        int c = 0;
        for (; c + 2 * lanes < kp; c += 3 * lanes) {
            int d = c + lanes;
            int e = d + lanes;
            DoubleVector w1 = DoubleVector.broadcast(S, 1.0).sub(DoubleVector.fromArray(S, theta, row + c));
            DoubleVector w2 = DoubleVector.broadcast(S, 1.0).sub(DoubleVector.fromArray(S, theta, row + d));
            DoubleVector w3 = DoubleVector.broadcast(S, 1.0).sub(DoubleVector.fromArray(S, theta, row + e));
            DoubleVector k1 = DoubleVector.broadcast(S, 1.0).sub(w1);
            DoubleVector k2 = DoubleVector.broadcast(S, 1.0).sub(w2);
            DoubleVector k3 = DoubleVector.broadcast(S, 1.0).sub(w3);
            DoubleVector s1 = DoubleVector.fromArray(S, suffix, block + c);
            DoubleVector s2 = DoubleVector.fromArray(S, suffix, block + d);
            DoubleVector s3 = DoubleVector.fromArray(S, suffix, block + e);
            // m = 0: no row below
            DoubleVector p1 = DoubleVector.fromArray(S, from, c);
            DoubleVector p2 = DoubleVector.fromArray(S, from, d);
            DoubleVector p3 = DoubleVector.fromArray(S, from, e);
            DoubleVector t1 = DoubleVector.fromArray(S, suffix, block + kp + c);
            DoubleVector t2 = DoubleVector.fromArray(S, suffix, block + kp + d);
            DoubleVector t3 = DoubleVector.fromArray(S, suffix, block + kp + e);
            DoubleVector lo1 = DoubleVector.zero(S).add(p1.mul(s1));
            DoubleVector hi1 = DoubleVector.zero(S).add(p1.mul(t1));
            DoubleVector lo2 = DoubleVector.zero(S).add(p2.mul(s2));
            DoubleVector hi2 = DoubleVector.zero(S).add(p2.mul(t2));
            DoubleVector lo3 = DoubleVector.zero(S).add(p3.mul(s3));
            DoubleVector hi3 = DoubleVector.zero(S).add(p3.mul(t3));
            p1.mul(k1).intoArray(to, c);
            p2.mul(k2).intoArray(to, d);
            p3.mul(k3).intoArray(to, e);
            s1 = t1;
            s2 = t2;
            s3 = t3;
            for (int m = 1; m <= i; m++) { // row m + 1 of the block feeds upper now and lower next
                int pm = m * kp;
                int next = block + pm + kp;
                DoubleVector q1 = DoubleVector.fromArray(S, from, pm + c);
                DoubleVector q2 = DoubleVector.fromArray(S, from, pm + d);
                DoubleVector q3 = DoubleVector.fromArray(S, from, pm + e);
                t1 = DoubleVector.fromArray(S, suffix, next + c);
                t2 = DoubleVector.fromArray(S, suffix, next + d);
                t3 = DoubleVector.fromArray(S, suffix, next + e);
                lo1 = lo1.add(q1.mul(s1));
                hi1 = hi1.add(q1.mul(t1));
                lo2 = lo2.add(q2.mul(s2));
                hi2 = hi2.add(q2.mul(t2));
                lo3 = lo3.add(q3.mul(s3));
                hi3 = hi3.add(q3.mul(t3));
                q1.mul(k1).add(p1.mul(w1)).intoArray(to, pm + c);
                q2.mul(k2).add(p2.mul(w2)).intoArray(to, pm + d);
                q3.mul(k3).add(p3.mul(w3)).intoArray(to, pm + e);
                p1 = q1;
                p2 = q2;
                p3 = q3;
                s1 = t1;
                s2 = t2;
                s3 = t3;
            }
            int top = (i + 1) * kp;
            p1.mul(w1).intoArray(to, top + c);
            p2.mul(w2).intoArray(to, top + d);
            p3.mul(w3).intoArray(to, top + e);
            lo1.intoArray(lower, c);
            hi1.intoArray(upper, c);
            lo2.intoArray(lower, d);
            hi2.intoArray(upper, d);
            lo3.intoArray(lower, e);
            hi3.intoArray(upper, e);
        }
        for (; c < kp; c += lanes) {
            DoubleVector w = DoubleVector.broadcast(S, 1.0).sub(DoubleVector.fromArray(S, theta, row + c));
            DoubleVector keep = DoubleVector.broadcast(S, 1.0).sub(w);
            DoubleVector s = DoubleVector.fromArray(S, suffix, block + c);
            DoubleVector p = DoubleVector.fromArray(S, from, c);
            DoubleVector t = DoubleVector.fromArray(S, suffix, block + kp + c);
            DoubleVector lo = DoubleVector.zero(S).add(p.mul(s));
            DoubleVector hi = DoubleVector.zero(S).add(p.mul(t));
            p.mul(keep).intoArray(to, c);
            s = t;
            for (int m = 1; m <= i; m++) {
                DoubleVector q = DoubleVector.fromArray(S, from, m * kp + c);
                t = DoubleVector.fromArray(S, suffix, block + (m + 1) * kp + c);
                lo = lo.add(q.mul(s));
                hi = hi.add(q.mul(t));
                q.mul(keep).add(p.mul(w)).intoArray(to, m * kp + c);
                p = q;
                s = t;
            }
            p.mul(w).intoArray(to, (i + 1) * kp + c);
            lo.intoArray(lower, c);
            hi.intoArray(upper, c);
        }
    }

    /**
     * {@code Responder.addFactor} on every lane, from rows 0..len of {@code from} into rows 0..len+1 of {@code to}:
     * cluster z's probability of a mistake is {@code w = 1 − theta[row + z]}, and
     * {@code to[m] = from[m]·(1 − w) + from[m − 1]·w}.
     */
    private static void grow(double[] from, double[] to, int len, double[] theta, int row, int kp, int lanes) {
        for (int c = 0; c < kp; c += lanes) {
            DoubleVector w = DoubleVector.broadcast(S, 1.0).sub(DoubleVector.fromArray(S, theta, row + c));
            DoubleVector keep = DoubleVector.broadcast(S, 1.0).sub(w);
            DoubleVector p = DoubleVector.fromArray(S, from, c);
            p.mul(keep).intoArray(to, c);
            for (int m = 1; m <= len; m++) {
                DoubleVector q = DoubleVector.fromArray(S, from, m * kp + c);
                q.mul(keep).add(p.mul(w)).intoArray(to, m * kp + c);
                p = q;
            }
            p.mul(w).intoArray(to, (len + 1) * kp + c);
        }
    }

    /** Suffix blocks {@code start − 1} down to 0 from block start: {@code B_{i−1}[r] = (1 − w_i)·B_i[r] + w_i·B_i[r + 1]}. */
    private static void suffixBlocks(double[] suffix, int[] off, double[] wrong, int start, int kp, int lanes) {
        for (int i = start; i > 0; i--) {
            int from = off[i] * kp;
            int to = off[i - 1] * kp;
            int c = 0;
            for (; c + 2 * lanes < kp; c += 3 * lanes) { // three groups of lanes per pass
                int d = c + lanes;
                int e = d + lanes;
                DoubleVector wv = DoubleVector.fromArray(S, wrong, i * kp + c);
                DoubleVector wv2 = DoubleVector.fromArray(S, wrong, i * kp + d);
                DoubleVector wv3 = DoubleVector.fromArray(S, wrong, i * kp + e);
                DoubleVector keep = DoubleVector.broadcast(S, 1.0).sub(wv);
                DoubleVector keep2 = DoubleVector.broadcast(S, 1.0).sub(wv2);
                DoubleVector keep3 = DoubleVector.broadcast(S, 1.0).sub(wv3);
                DoubleVector row = DoubleVector.fromArray(S, suffix, from + c);
                DoubleVector row2 = DoubleVector.fromArray(S, suffix, from + d);
                DoubleVector row3 = DoubleVector.fromArray(S, suffix, from + e);
                for (int r = 0; r <= i; r++) { // each row is loaded once: as row r + 1, then as row r
                    int next = from + (r + 1) * kp;
                    int out = to + r * kp;
                    DoubleVector n1 = DoubleVector.fromArray(S, suffix, next + c);
                    DoubleVector n2 = DoubleVector.fromArray(S, suffix, next + d);
                    DoubleVector n3 = DoubleVector.fromArray(S, suffix, next + e);
                    keep.mul(row).add(wv.mul(n1)).intoArray(suffix, out + c);
                    keep2.mul(row2).add(wv2.mul(n2)).intoArray(suffix, out + d);
                    keep3.mul(row3).add(wv3.mul(n3)).intoArray(suffix, out + e);
                    row = n1;
                    row2 = n2;
                    row3 = n3;
                }
            }
            for (; c < kp; c += lanes) {
                DoubleVector wv = DoubleVector.fromArray(S, wrong, i * kp + c);
                DoubleVector keep = DoubleVector.broadcast(S, 1.0).sub(wv);
                DoubleVector row = DoubleVector.fromArray(S, suffix, from + c);
                for (int r = 0; r <= i; r++) {
                    DoubleVector next = DoubleVector.fromArray(S, suffix, from + (r + 1) * kp + c);
                    keep.mul(row).add(wv.mul(next)).intoArray(suffix, to + r * kp + c);
                    row = next;
                }
            }
        }
    }

    /** Each lane's {@code Σ_{m ≤ g} pmf[m]·fm[m]}, in increasing m, into out. */
    private static void expectations(double[] pmf, double[] fm, int g, int kp, int lanes, double[] out) {
        for (int c = 0; c < kp; c += lanes) {
            DoubleVector e = DoubleVector.zero(S);
            for (int m = 0; m <= g; m++) {
                e = e.add(DoubleVector.fromArray(S, pmf, m * kp + c).mul(fm[m]));
            }
            e.intoArray(out, c);
        }
    }
}
