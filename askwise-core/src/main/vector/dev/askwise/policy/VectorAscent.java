package dev.askwise.policy;

import dev.askwise.model.PopulationModel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The finite-γ response ascent ({@code Responder.Ascent#runFinite}) on SIMD lanes, with the JDK's incubating Vector
 * API: every table is laid out with the cluster innermost ({@code [row][cluster]}, clusters padded to a multiple of
 * the lane count), so each step of the three O(K·G²) loops — the suffix recurrence, the dot products and the prefix
 * convolution — is one vector operation per group of lanes. Each lane does its cluster's multiplications and
 * additions in the scalar ascent's order (no fused multiply-add, no reassociation), so the response and its value are
 * the scalar ascent's to the bit; {@code ResponderAscentTest} checks this. The same shortcuts between sweeps as the scalar
 * ascent (suffix blocks recomputed only below the last change; a sweep stops once it passes the last change
 * unchanged).
 *
 * <p>Compiled from its own source root with {@code --add-modules jdk.incubator.vector}, and loaded by
 * {@link Responder} only when that module is in the running JVM's boot layer; otherwise the scalar ascent runs and this
 * class is never loaded.
 */
final class VectorAscent implements Responder.FiniteAscent {

    /**
     * The widest lanes the hardware has. Unlike the EM pass (256-bit lanes), the ascent's loops are long and its
     * tables wide: at 50 × 4 × K = 20, 512-bit lanes (K padded to 24) took 11.4–12.0 ms against 12.9–13.1 ms for
     * 256-bit ones (K = 20 exactly) for all of a decision's hypothetical answers on one thread.
     */
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /** θ of every value of every attribute, [attribute][value][cluster]; padding lanes never err. */
    private record Table(PopulationModel model, int kp, double[] theta, int[] offset) {
    }

    /** The last model's table: every hypothetical answer of a decision asks for the same one. */
    private static volatile @org.jspecify.annotations.Nullable Table last;

    private static Table table(PopulationModel model, int kp) {
        Table t = last;
        if (t != null && t.model == model && t.kp == kp) {
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
        t = new Table(model, kp, theta, offset);
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
        double[] pmf = new double[(g + 1) * kp];
        double[] previous = new double[(g + 1) * kp];
        final double[] lower = new double[kp];
        final double[] upper = new double[kp];
        final double[] w = new double[kp];
        final double[] terms = new double[kp];
        final double[] post = java.util.Arrays.copyOf(posterior, kp);
        final int[] active = java.util.stream.IntStream.range(0, k).filter(z -> posterior[z] != 0).toArray();
        boolean improved = true;
        int sweeps = 0;
        int lastChange = g - 1;
        while (improved && sweeps++ < 50) {
            improved = false;
            boolean first = sweeps == 1;
            for (int i = 0; i < g; i++) {
                int row = thetaOff[i] + values[guessed[i]] * kp;
                for (int z = 0; z < kp; z++) {
                    wrong[i * kp + z] = 1 - theta[row + z];
                }
            }
            int start = lastChange;
            if (first) {
                int last = off[g - 1] * kp;
                for (int r = 0; r <= g; r++) {
                    java.util.Arrays.fill(suffix, last + r * kp, last + (r + 1) * kp, fm[r]);
                }
                start = g - 1;
            }
            suffixBlocks(suffix, off, wrong, start, kp, lanes);
            double[] swap = previous;
            previous = pmf;
            pmf = swap;
            java.util.Arrays.fill(pmf, 0, kp, 1.0);
            int changed = -1;
            for (int i = 0; i < g; i++) {
                if (!first && changed < 0 && i > lastChange) {
                    swap = pmf; // converged: the last sweep's pmf is this sweep's
                    pmf = previous;
                    previous = swap;
                    break;
                }
                int a = guessed[i];
                int size = model.schema().get(a).size();
                dotProducts(pmf, suffix, off[i] * kp, i, kp, lanes, lower, upper);
                int rows = thetaOff[i];
                double current = objective(theta, rows + values[a] * kp, post, lower, upper, terms, active, kp, lanes);
                int bestV = values[a];
                double bestValue = current;
                for (int v = 0; v < size; v++) {
                    if (v == values[a]) {
                        continue;
                    }
                    double val = objective(theta, rows + v * kp, post, lower, upper, terms, active, kp, lanes);
                    if (Objective.improves(val, bestValue)) {
                        bestValue = val;
                        bestV = v;
                    }
                }
                if (bestV != values[a]) {
                    values[a] = bestV;
                    improved = true;
                    changed = i;
                }
                int row = rows + values[a] * kp;
                for (int z = 0; z < kp; z++) {
                    w[z] = 1 - theta[row + z];
                }
                addFactors(pmf, i, w, kp, lanes);
            }
            lastChange = changed;
        }
        expectations(pmf, fm, g, kp, lanes, terms);
        double acc = 0;
        for (int z : active) {
            acc += posterior[z] * terms[z];
        }
        return acc;
    }

    /**
     * {@code Σ_z π_z·(θ_z·lower_z + (1 − θ_z)·upper_z)} over the clusters of positive posterior, in cluster order, with
     * θ the table row at {@code row}: the terms on the lanes, the sum in the scalar ascent's order.
     */
    private static double objective(double[] theta, int row, double[] post, double[] lower, double[] upper,
                                    double[] terms, int[] active, int kp, int lanes) {
        for (int c = 0; c < kp; c += lanes) {
            DoubleVector right = DoubleVector.fromArray(S, theta, row + c);
            DoubleVector wrong = DoubleVector.broadcast(S, 1.0).sub(right);
            DoubleVector.fromArray(S, post, c)
                .mul(right.mul(DoubleVector.fromArray(S, lower, c)).add(wrong.mul(DoubleVector.fromArray(S, upper, c))))
                .intoArray(terms, c);
        }
        double sum = 0;
        for (int z : active) {
            sum += terms[z];
        }
        return sum;
    }

    /**
     * {@code lower[z] = Σ_{m ≤ i} pmf[m][z]·suffix[block + m][z]} and {@code upper[z]} the same one row on, per lane,
     * in increasing m; two groups of lanes per pass, so that four chains of additions overlap.
     */
    private static void dotProducts(double[] pmf, double[] suffix, int block, int i, int kp, int lanes,
                                    double[] lower, double[] upper) {
        int c = 0;
        for (; c + lanes < kp; c += 2 * lanes) { // two groups of lanes per pass: four chains of additions
            int d = c + lanes;
            DoubleVector lo = DoubleVector.zero(S);
            DoubleVector hi = DoubleVector.zero(S);
            DoubleVector lo2 = DoubleVector.zero(S);
            DoubleVector hi2 = DoubleVector.zero(S);
            DoubleVector s = DoubleVector.fromArray(S, suffix, block + c);
            DoubleVector s2 = DoubleVector.fromArray(S, suffix, block + d);
            for (int m = 0; m <= i; m++) { // row m + 1 feeds upper now and lower next
                int pm = m * kp;
                int s1 = block + pm + kp;
                DoubleVector p = DoubleVector.fromArray(S, pmf, pm + c);
                DoubleVector p2 = DoubleVector.fromArray(S, pmf, pm + d);
                DoubleVector t = DoubleVector.fromArray(S, suffix, s1 + c);
                DoubleVector t2 = DoubleVector.fromArray(S, suffix, s1 + d);
                lo = lo.add(p.mul(s));
                hi = hi.add(p.mul(t));
                lo2 = lo2.add(p2.mul(s2));
                hi2 = hi2.add(p2.mul(t2));
                s = t;
                s2 = t2;
            }
            lo.intoArray(lower, c);
            hi.intoArray(upper, c);
            lo2.intoArray(lower, d);
            hi2.intoArray(upper, d);
        }
        for (; c < kp; c += lanes) {
            DoubleVector lo = DoubleVector.zero(S);
            DoubleVector hi = DoubleVector.zero(S);
            DoubleVector s = DoubleVector.fromArray(S, suffix, block + c);
            for (int m = 0; m <= i; m++) {
                DoubleVector p = DoubleVector.fromArray(S, pmf, m * kp + c);
                DoubleVector t = DoubleVector.fromArray(S, suffix, block + (m + 1) * kp + c);
                lo = lo.add(p.mul(s));
                hi = hi.add(p.mul(t));
                s = t;
            }
            lo.intoArray(lower, c);
            hi.intoArray(upper, c);
        }
    }

    /** Suffix blocks {@code start − 1} down to 0 from block start: {@code B_{i−1}[r] = (1 − w_i)·B_i[r] + w_i·B_i[r + 1]}. */
    private static void suffixBlocks(double[] suffix, int[] off, double[] wrong, int start, int kp, int lanes) {
        for (int i = start; i > 0; i--) {
            int from = off[i] * kp;
            int to = off[i - 1] * kp;
            for (int c = 0; c < kp; c += lanes) {
                DoubleVector wv = DoubleVector.fromArray(S, wrong, i * kp + c);
                DoubleVector keep = DoubleVector.broadcast(S, 1.0).sub(wv);
                DoubleVector row = DoubleVector.fromArray(S, suffix, from + c);
                for (int r = 0; r <= i; r++) { // each row is loaded once: as row r + 1, then as row r
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

    /** {@code Responder.addFactor} on every lane: d is {@code [mistakes][cluster]}, wrong[z] cluster z's factor. */
    private static void addFactors(double[] d, int len, double[] wrong, int kp, int lanes) {
        for (int c = 0; c < kp; c += lanes) {
            DoubleVector wv = DoubleVector.fromArray(S, wrong, c);
            DoubleVector keep = DoubleVector.broadcast(S, 1.0).sub(wv);
            DoubleVector below = DoubleVector.fromArray(S, d, len * kp + c);
            below.mul(wv).intoArray(d, (len + 1) * kp + c);
            for (int m = len; m > 0; m--) {
                DoubleVector prev = DoubleVector.fromArray(S, d, (m - 1) * kp + c);
                below.mul(keep).add(prev.mul(wv)).intoArray(d, m * kp + c);
                below = prev;
            }
            below.mul(keep).intoArray(d, c);
        }
    }
}
