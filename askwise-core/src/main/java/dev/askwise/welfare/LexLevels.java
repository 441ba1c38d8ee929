package dev.askwise.welfare;

import dev.askwise.math.LogMath;
import org.jspecify.annotations.Nullable;

/**
 * The lowest utility levels of a distribution as {@code [u0, logMass0, u1, logMass1, ...]}, ascending, and the
 * lexicographic order of MODEL-NOTES §2 (γ = ∞): the higher lowest utility wins, then the smaller mass there, and so
 * on for {@link #LEVELS} levels. The one lexicographic comparator of Askwise: the stylized model's exact adaptive
 * program ({@code ExactSolver}) and the general engine's responder and voi use it.
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

    private static final double[] NONE = {};

    /** Lowest levels of {@code wa·a + wb·b}; a null operand contributes nothing. */
    public static double[] mix(double @Nullable [] a, double wa, double @Nullable [] b, double wb, int levels) {
        if (a == null) {
            a = NONE; // contributes nothing, as null did
        }
        if (b == null) {
            b = NONE;
        }
        double la = Math.log(wa);
        double lb = Math.log(wb);
        double[] out = new double[2 * levels];
        int size = 0;
        int i = 0;
        int j = 0;
        int na = a == null ? 0 : a.length / 2;
        int nb = b == null ? 0 : b.length / 2;
        while (size < levels && (i < na || j < nb)) {
            double ua = i < na ? a[2 * i] : Double.POSITIVE_INFINITY;
            double ub = j < nb ? b[2 * j] : Double.POSITIVE_INFINITY;
            double u;
            double mass;
            if (Math.abs(ua - ub) < 1e-9) {
                u = Math.min(ua, ub);
                mass = LogMath.logSumExp(la + a[2 * i + 1], lb + b[2 * j + 1]);
                i++;
                j++;
            } else if (ua < ub) {
                u = ua;
                mass = la + a[2 * i + 1];
                i++;
            } else {
                u = ub;
                mass = lb + b[2 * j + 1];
                j++;
            }
            out[2 * size] = u;
            out[2 * size + 1] = mass;
            size++;
        }
        return java.util.Arrays.copyOf(out, 2 * size);
    }
}
