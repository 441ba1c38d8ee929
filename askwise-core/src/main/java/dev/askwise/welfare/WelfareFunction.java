package dev.askwise.welfare;

import java.util.Locale;

/**
 * The inequality-averse welfare family of seed 000 (§5, eq. 3) with parameter {@code gamma ∈ [0, ∞]} and shift
 * {@code s > 0}: the equally-distributed-equivalent utility is {@code EDE_γ = M_{1−γ}(U + s) − s}, where
 * {@code M_q(X) = (E[X^q])^{1/q}}, {@code M_0(X) = exp(E[ln X])} (γ = 1, Nash) and {@code M_{−∞}(X) = min X}
 * (γ = ∞, maximin). γ = 0 gives {@code E[U]} (utilitarian).
 *
 * <p>Maximising {@code EDE_γ} is the same as maximising {@code E[f(U)]} with {@code f(u) = (u+s)^{1−γ}/(1−γ)}
 * ({@code ln(u+s)} at γ = 1). For 0 &lt; γ &lt; ∞ every utility with positive probability must satisfy
 * {@code u + s > 0}; γ = 0 and γ = ∞ do not use the shift. Immutable.
 */
public final class WelfareFunction {

    /** Largest finite gamma accepted; use {@code Double.POSITIVE_INFINITY} for maximin. */
    public static final double MAX_FINITE_GAMMA = 100.0;

    private final double gamma;
    private final double shift;

    private WelfareFunction(double gamma, double shift) {
        this.gamma = gamma;
        this.shift = shift;
    }

    /** Largest shift: utilities are at most a few thousand, so U + s keeps at least ten significant digits of U. */
    public static final double MAX_SHIFT = 1e6;

    /**
     * Returns the welfare function with inequality aversion gamma and shift s.
     *
     * @param gamma in [0, {@value #MAX_FINITE_GAMMA}] or {@code Double.POSITIVE_INFINITY}
     * @param shift in (0, {@value #MAX_SHIFT}]: far larger, {@code U + s} keeps too few digits of U for the EDE
     *              ({@code M(U + s) − s}) to mean anything (s = 10³⁰⁰ made every EDE NaN)
     * @throws IllegalArgumentException if gamma or shift is outside its range
     */
    public static WelfareFunction of(double gamma, double shift) {
        if (!(gamma >= 0.0) || (gamma > MAX_FINITE_GAMMA && gamma != Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("gamma must be in [0, " + (int) MAX_FINITE_GAMMA + "] or inf: "
                + format(gamma));
        }
        if (!(shift > 0.0 && shift <= MAX_SHIFT)) {
            throw new IllegalArgumentException("shift must be in (0, 1000000]: " + format(shift));
        }
        return new WelfareFunction(gamma, shift);
    }

    /** Returns the welfare function with shift 1. */
    public static WelfareFunction of(double gamma) {
        return of(gamma, 1.0);
    }

    /** γ = 0: the mean utility. */
    public static WelfareFunction utilitarian() {
        return of(0.0);
    }

    /** γ = 1: the geometric mean of U + 1 (Nash welfare), minus 1. */
    public static WelfareFunction nash() {
        return of(1.0);
    }

    /** γ = ∞: the smallest utility with positive probability. */
    public static WelfareFunction maximin() {
        return of(Double.POSITIVE_INFINITY);
    }

    /**
     * Parses a gamma written on a command line or in JSON: a number, or {@code inf}, {@code infinity} or {@code ∞}.
     *
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static double parseGamma(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity") || t.equals("+inf") || t.equals("∞")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gamma must be a number in [0, " + (int) MAX_FINITE_GAMMA
                + "] or inf: '" + text + "'", e);
        }
    }

    /** Inequality aversion γ (possibly {@code +Infinity}). */
    public double gamma() {
        return gamma;
    }

    /** Shift s added to utilities before taking the power mean. */
    public double shift() {
        return shift;
    }

    /** True for γ = ∞. */
    public boolean isMaximin() {
        return gamma == Double.POSITIVE_INFINITY;
    }

    /** True for γ = 0. */
    public boolean isUtilitarian() {
        return gamma == 0.0;
    }

    /** The exponent q = 1 − γ of the power mean ({@code -Infinity} for maximin). */
    public double exponent() {
        return 1.0 - gamma;
    }

    /** True when the shifted utility must be positive: 0 &lt; γ &lt; ∞. */
    public boolean needsPositiveShiftedUtility() {
        return gamma > 0.0 && !isMaximin();
    }

    /** Returns γ as written in reports: a plain number, or {@code inf}. */
    public String gammaLabel() {
        return formatGamma(gamma);
    }

    /** Formats a gamma value as {@code inf} or the shortest plain number ({@code 2}, {@code 0.5}). */
    public static String formatGamma(double gamma) {
        if (gamma == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        return format(gamma);
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    /**
     * Returns {@code f(u) = (u+s)^{1−γ}/(1−γ)} (or {@code ln(u+s)} at γ = 1), the per-user objective whose mean the
     * welfare-optimal policy maximises. Undefined (throws) at γ = ∞, where the order is lexicographic.
     */
    public double objective(double utility) {
        if (isMaximin()) {
            throw new IllegalStateException("gamma = inf has no additive objective; compare distributions instead");
        }
        return ScaledObjective.unscaled(this).ofShifted(utility + shift);
    }

    /** Returns {@code EDE_γ} of a utility distribution. */
    public double ede(UtilityDistribution d) {
        return d.powerMean(exponent(), shift) - shift;
    }

    /**
     * Returns the Atkinson index {@code A_γ = 1 − M_{1−γ}(U+s) / E[U+s]}: 0 for equal utilities, larger for more
     * inequality. Requires {@code E[U] + s > 0}.
     */
    public double atkinson(UtilityDistribution d) {
        double mean = d.mean() + shift;
        if (!(mean > 0.0)) {
            throw new IllegalArgumentException("mean utility + shift must be > 0 for the Atkinson index: " + mean);
        }
        return 1.0 - d.powerMean(exponent(), shift) / mean;
    }

    /** Returns the Atkinson index from the EDE and the mean utility: {@code 1 − (EDE + s)/(E[U] + s)}. */
    public double atkinson(double ede, double meanUtility) {
        return 1.0 - (ede + shift) / (meanUtility + shift);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WelfareFunction w && Double.compare(gamma, w.gamma) == 0
            && Double.compare(shift, w.shift) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(gamma) + Double.hashCode(shift);
    }

    @Override
    public String toString() {
        return "WelfareFunction[gamma=" + gammaLabel() + ", shift=" + format(shift) + "]";
    }
}
