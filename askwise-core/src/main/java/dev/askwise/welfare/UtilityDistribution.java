package dev.askwise.welfare;

import java.util.Arrays;
import java.util.Locale;

/**
 * A discrete distribution of user utilities: distinct values in ascending order with their probabilities. Immutable.
 *
 * <p>Values closer than {@code 1e-9} are merged; entries with probability 0 are dropped; probabilities must sum to 1
 * within {@code 1e-9}.
 */
public final class UtilityDistribution {

    private final double[] values;
    private final double[] probabilities;

    private UtilityDistribution(double[] values, double[] probabilities) {
        this.values = values;
        this.probabilities = probabilities;
    }

    /**
     * Builds a distribution from parallel arrays of utilities and probabilities (any order, repeats allowed).
     *
     * @throws IllegalArgumentException on different lengths, a negative, NaN or infinite entry, or a total
     *                                  probability that is not 1 within 1e-9
     */
    public static UtilityDistribution of(double[] utilities, double[] probs) {
        if (utilities.length != probs.length) {
            throw new IllegalArgumentException("utilities and probabilities differ in length: " + utilities.length
                + " vs " + probs.length);
        }
        Integer[] order = new Integer[utilities.length];
        double total = 0.0;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (!Double.isFinite(utilities[i])) {
                throw new IllegalArgumentException("utility must be finite: " + utilities[i]);
            }
            if (!(probs[i] >= 0.0) || Double.isInfinite(probs[i])) {
                throw new IllegalArgumentException("probability must be in [0, 1]: " + probs[i]);
            }
            total += probs[i];
        }
        if (Math.abs(total - 1.0) > 1e-9) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "probabilities must sum to 1 (within 1e-9): %.12f", total));
        }
        Arrays.sort(order, (a, b) -> Double.compare(utilities[a], utilities[b]));
        double[] v = new double[order.length];
        double[] pr = new double[order.length];
        int size = 0;
        for (int idx : order) {
            if (probs[idx] == 0.0) {
                continue;
            }
            if (size > 0 && utilities[idx] - v[size - 1] < 1e-9) {
                pr[size - 1] += probs[idx];
            } else {
                v[size] = utilities[idx];
                pr[size] = probs[idx];
                size++;
            }
        }
        return new UtilityDistribution(Arrays.copyOf(v, size), Arrays.copyOf(pr, size));
    }

    /** Distinct utilities with positive probability, ascending. */
    public double[] values() {
        return values.clone();
    }

    /** Probabilities aligned with {@link #values()}. */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** Mean utility E[U]. */
    public double mean() {
        double m = 0.0;
        for (int i = 0; i < values.length; i++) {
            m += values[i] * probabilities[i];
        }
        return m;
    }

    /** Smallest utility with positive probability. */
    public double min() {
        return values[0];
    }

    /**
     * Returns the power mean {@code M_q(U + shift)}: {@code (E[(U+s)^q])^{1/q}}, the geometric mean at q = 0 and the
     * minimum at {@code q = -Infinity}.
     *
     * @throws IllegalArgumentException if q ≠ 1 and some shifted utility is not positive
     */
    public double powerMean(double q, double shift) {
        if (q == Double.NEGATIVE_INFINITY) {
            return values[0] + shift;
        }
        if (q == 1.0) {
            return mean() + shift;
        }
        if (!(values[0] + shift > 0.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "utility + shift must be > 0 for the power mean of order %s: smallest utility %s, shift %s",
                q, values[0], shift));
        }
        if (q == 0.0) {
            double s = 0.0;
            for (int i = 0; i < values.length; i++) {
                s += probabilities[i] * Math.log(values[i] + shift);
            }
            return Math.exp(s);
        }
        double s = 0.0;
        for (int i = 0; i < values.length; i++) {
            s += probabilities[i] * Math.pow(values[i] + shift, q);
        }
        return Math.pow(s, 1.0 / q);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("UtilityDistribution{");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s: %.6g", values[i], probabilities[i]));
        }
        return sb.append('}').toString();
    }
}
