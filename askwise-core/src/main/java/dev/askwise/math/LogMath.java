package dev.askwise.math;

/**
 * Log-space arithmetic and binomial probabilities that stay finite where products of probabilities underflow.
 *
 * <p>Conventions: {@code log(0) = -Infinity} is a legal value everywhere; {@link #logSumExp(double, double)} of two
 * {@code -Infinity} values is {@code -Infinity}, never NaN.
 */
public final class LogMath {

    private static final int TABLE_SIZE = 4096;
    private static final double[] LOG_FACTORIAL = new double[TABLE_SIZE + 1];

    static {
        // compensated (Kahan) summation: plain summation loses ~1e-10 relative accuracy by n = 4000
        double acc = 0.0;
        double carry = 0.0;
        LOG_FACTORIAL[0] = 0.0;
        for (int i = 1; i <= TABLE_SIZE; i++) {
            double y = Math.log(i) - carry;
            double t = acc + y;
            carry = (t - acc) - y;
            acc = t;
            LOG_FACTORIAL[i] = acc;
        }
    }

    private LogMath() {
    }

    /**
     * Returns {@code ln(n!)} for {@code 0 <= n <= 4096}.
     *
     * @throws IllegalArgumentException if n is outside [0, 4096]
     */
    public static double logFactorial(int n) {
        if (n < 0 || n > TABLE_SIZE) {
            throw new IllegalArgumentException("n must be in [0, " + TABLE_SIZE + "]: " + n);
        }
        return LOG_FACTORIAL[n];
    }

    /** Returns {@code ln C(n, k)}; {@code -Infinity} when k is outside [0, n]. */
    public static double logBinomialCoefficient(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /**
     * Returns {@code a * ln(x)} with the convention {@code 0 * ln(0) = 0}, so that {@code x^0 = 1} also at x = 0.
     */
    public static double xLogY(int a, double y) {
        return a == 0 ? 0.0 : a * Math.log(y);
    }

    /** Returns {@code ln P(X = i)} for {@code X ~ Binomial(a, prob)}; exact at prob 0 and 1. */
    public static double logBinomialPmf(int i, int a, double prob) {
        if (i < 0 || i > a) {
            return Double.NEGATIVE_INFINITY;
        }
        return logBinomialCoefficient(a, i) + xLogY(i, prob) + xLogY(a - i, 1.0 - prob);
    }

    /**
     * Fills {@code out[0..a]} with the Binomial(a, prob) probabilities, starting at the mode and multiplying outward,
     * so that no term overflows and terms below the double range become 0 rather than NaN.
     *
     * @param out array of length at least a + 1
     */
    public static void binomialPmf(int a, double prob, double[] out) {
        if (prob <= 0.0) {
            java.util.Arrays.fill(out, 0, a + 1, 0.0);
            out[0] = 1.0;
            return;
        }
        if (prob >= 1.0) {
            java.util.Arrays.fill(out, 0, a + 1, 0.0);
            out[a] = 1.0;
            return;
        }
        int mode = (int) Math.min(a, Math.floor((a + 1) * prob));
        out[mode] = Math.exp(logBinomialPmf(mode, a, prob));
        double odds = prob / (1.0 - prob);
        for (int i = mode; i < a; i++) {
            out[i + 1] = out[i] * (a - i) / (i + 1) * odds;
        }
        for (int i = mode; i > 0; i--) {
            out[i - 1] = out[i] * i / (a - i + 1) / odds;
        }
    }

    /** Returns {@code ln(e^a + e^b)} without overflow; {@code -Infinity} when both are {@code -Infinity}. */
    public static double logSumExp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** Returns {@code ln(sum e^x_i)}; {@code -Infinity} for an empty array or all {@code -Infinity}. */
    public static double logSumExp(double[] xs) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0.0;
        for (double x : xs) {
            sum += Math.exp(x - max);
        }
        return max + Math.log(sum);
    }

    /** Returns {@code -sum p log2 p} over the positive entries of a probability vector, in bits. */
    public static double entropyBits(double[] probabilities) {
        double h = 0.0;
        for (double p : probabilities) {
            if (p > 0.0) {
                h -= p * Math.log(p);
            }
        }
        return Math.max(0.0, h / Math.log(2.0)); // rounding can make a point mass 1 + 1e-16
    }
}
