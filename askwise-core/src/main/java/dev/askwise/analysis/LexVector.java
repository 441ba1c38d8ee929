package dev.askwise.analysis;

import dev.askwise.math.LogMath;

/**
 * The lowest levels of a utility distribution as a flat array {@code [u0, logMass0, u1, logMass1, ...]} in
 * ascending utility, for the γ = ∞ adaptive program. Keeping the lowest J levels of two distributions is enough to
 * know the lowest J levels of their mixture exactly.
 */
final class LexVector {

    private LexVector() {
    }

    static double[] of(LevelSource src, int levels) {
        double[] buf = new double[2 * levels];
        int size = 0;
        while (size < levels && src.advance()) {
            buf[2 * size] = src.utility;
            buf[2 * size + 1] = src.logMass;
            size++;
        }
        return java.util.Arrays.copyOf(buf, 2 * size);
    }

    /** Lowest levels of {@code wa·a + wb·b}; a null operand contributes nothing. */
    static double[] mix(double[] a, double wa, double[] b, double wb, int levels) {
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

    /** Positive if a is lexicographically better (MODEL-NOTES §2), negative if b is, 0 if tied on shared levels. */
    static int compare(double[] a, double[] b) {
        int levels = Math.min(a.length, b.length) / 2;
        for (int i = 0; i < levels; i++) {
            double ua = a[2 * i];
            double ub = b[2 * i];
            if (Math.abs(ua - ub) > 1e-9) {
                return ua > ub ? 1 : -1;
            }
            double ma = a[2 * i + 1];
            double mb = b[2 * i + 1];
            if (Math.abs(ma - mb) > 1e-9) {
                return ma < mb ? 1 : -1;
            }
        }
        return 0;
    }
}
