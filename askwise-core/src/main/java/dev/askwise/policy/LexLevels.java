package dev.askwise.policy;

import dev.askwise.math.LogMath;

/**
 * The lowest utility levels of a distribution as {@code [u0, logMass0, u1, logMass1, ...]}, ascending, and the
 * lexicographic order of MODEL-NOTES §2 (γ = ∞): the higher lowest utility wins, then the smaller mass there, and so
 * on for {@link #LEVELS} levels.
 */
public final class LexLevels {

    /** Levels kept and compared. */
    public static final int LEVELS = 8;

    private LexLevels() {
    }

    /** Positive if a is better, negative if b is better, 0 if tied on their shared levels. */
    public static int compare(double[] a, double[] b) {
        int levels = Math.min(a.length, b.length) / 2;
        for (int i = 0; i < levels; i++) {
            if (Math.abs(a[2 * i] - b[2 * i]) > 1e-9) {
                return a[2 * i] > b[2 * i] ? 1 : -1;
            }
            if (Math.abs(a[2 * i + 1] - b[2 * i + 1]) > 1e-9) {
                return a[2 * i + 1] < b[2 * i + 1] ? 1 : -1;
            }
        }
        return 0;
    }

    /** Lowest levels of the mixture {@code Σ w_i·d_i} (weights in linear space; null or zero-weight parts skipped). */
    public static double[] mix(double[][] parts, double[] weights) {
        java.util.TreeMap<Double, Double> merged = new java.util.TreeMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null || weights[i] <= 0) {
                continue;
            }
            double lw = Math.log(weights[i]);
            for (int j = 0; j < parts[i].length / 2; j++) {
                double u = Math.rint(parts[i][2 * j] * 1e9) / 1e9;
                merged.merge(u, lw + parts[i][2 * j + 1], LogMath::logSumExp);
            }
        }
        int size = Math.min(LEVELS, merged.size());
        double[] out = new double[2 * size];
        int k = 0;
        for (var e : merged.entrySet()) {
            if (k >= size) {
                break;
            }
            out[2 * k] = e.getKey();
            out[2 * k + 1] = e.getValue();
            k++;
        }
        return out;
    }
}
