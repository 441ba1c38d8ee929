package dev.askwise.welfare;

import java.util.Locale;

/**
 * The one definition of the per-user welfare objective and its inverse: for a shifted utility {@code x = U + s},
 * {@code f_S(x) = (x/S)^{1−γ}/(1−γ)} ({@code ln(x/S)} at γ = 1, linear at γ = 0), and the certainty equivalent
 * {@code f_S⁻¹} (the power mean of order 1 − γ of x given the mean objective). The scale S keeps powers in the double
 * range: {@code √(x_min·x_max)} for 0 &lt; γ &lt; ∞ with {@code x_min = min(0, n(1 − c)) + s}, {@code x_max = n + s};
 * {@code x_max} otherwise (S = 1 gives the unscaled f of {@link WelfareFunction#objective}). Also the one home of the
 * shift check: for 0 &lt; γ &lt; ∞ every utility plus shift must be positive, that is {@code s > n(c − 1)}.
 *
 * <p><b>Below {@code x_min}.</b> {@code x_min} is the lowest shifted utility of a user who answers every question
 * asked and is scored on every attribute. A general model can go lower: an attribute that is asked but then not
 * scored — the user declines it ("no preference"), or it is never inferred — costs c and adds nothing, so a user
 * who declines d questions can reach {@code −c·d + s}, below zero for a small domain at a moderate cost, where the
 * power function is undefined or of the wrong sign (γ = 2 would value {@code x = −0.5} at {@code +2S}). For
 * 0 &lt; γ &lt; ∞ the objective therefore continues below a point {@code x_c} just above zero ({@link #continuationPoint})
 * along its tangent there: {@code f_S(x) = f_S(x_c) + f_S'(x_c)·(x − x_c)}. It stays finite, increasing and concave, so
 * a lower utility is always worse and every concavity argument still holds; it is as steep as the power function is
 * near zero (for γ ≥ 1, f → −∞ there), so a policy that risks such a utility pays about as much as the limit says;
 * above {@code x_c} nothing changes. Immutable.
 */
public final class ScaledObjective {

    private final double q;
    private final double scale;
    /** Where the tangent continuation starts (−∞: none), f_S and f_S' there. */
    private final double low;
    private final double fLow;
    private final double slopeLow;

    private ScaledObjective(double q, double scale, double low) {
        this.q = q;
        this.scale = scale;
        this.low = low;
        this.fLow = low > Double.NEGATIVE_INFINITY ? power(low) : Double.NaN;
        this.slopeLow = low > Double.NEGATIVE_INFINITY ? powerDerivative(low) : Double.NaN;
    }

    /**
     * The objective of a welfare function for up to n scored attributes and question cost c.
     *
     * @throws IllegalArgumentException if the cost is negative or infinite, or (for 0 &lt; γ &lt; ∞) the cost is so
     *                                  high that some utility plus shift is not positive; the message names the cost
     *                                  and its allowed range
     */
    public static ScaledObjective of(WelfareFunction welfare, int n, double cost) {
        checkCost(welfare, n, cost);
        double s = welfare.shift();
        double xMin = Math.min(0.0, n * (1.0 - cost)) + s;
        double xMax = n + s;
        boolean positive = welfare.needsPositiveShiftedUtility();
        double scale = positive ? Math.sqrt(xMin * xMax) : xMax;
        return new ScaledObjective(welfare.exponent(), scale, positive ? continuation(xMin, s, scale,
            welfare.gamma()) : Double.NEGATIVE_INFINITY);
    }

    /**
     * Where the tangent continuation starts: {@code 2⁻²⁰·min(x_min, s)}, just above zero so that every shifted
     * utility the power function can value keeps its value, raised for a large γ to {@code S·e^(−600/γ)} so that the
     * slope there, {@code (x/S)^(−γ)/S}, stays below e⁶⁰⁰.
     */
    private static double continuation(double xMin, double shift, double scale, double gamma) {
        return Math.max(Math.scalb(Math.min(xMin, shift), -20), scale * Math.exp(-600.0 / gamma));
    }

    /** The shifted utility below which f continues along its tangent (−∞ when it does not: γ = 0 or unscaled). */
    public double continuationPoint() {
        return low;
    }

    /** The unscaled objective (S = 1). */
    static ScaledObjective unscaled(WelfareFunction welfare) {
        return new ScaledObjective(welfare.exponent(), 1.0, Double.NEGATIVE_INFINITY);
    }

    /**
     * Checks that a cost is allowed with this welfare function for n attributes: finite, ≥ 0, and for 0 &lt; γ &lt; ∞
     * below {@code 1 + s/n} (so that the worst utility {@code n(1 − c)} plus the shift s stays positive).
     *
     * @throws IllegalArgumentException naming the cost and the allowed range
     */
    public static void checkCost(WelfareFunction welfare, int n, double cost) {
        if (!(cost >= 0.0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be >= 0 and finite: " + cost);
        }
        if (welfare.needsPositiveShiftedUtility() && !(Math.min(0.0, n * (1.0 - cost)) + welfare.shift() > 0.0
            && cost < 1.0 + welfare.shift() / n)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "cost must be < 1 + shift/n = %s when 0 < gamma < inf (shift must be > n*(cost-1) = %s, so that "
                    + "every utility + shift > 0): %s", 1.0 + welfare.shift() / n, n * (cost - 1.0), cost));
        }
    }

    /** {@code f_S(x)} for a shifted utility x = U + s (on the tangent at {@code x_min} below it). */
    public double ofShifted(double x) {
        if (x < low) {
            return fLow + slopeLow * (x - low);
        }
        return power(x);
    }

    private double power(double x) {
        if (q == 1.0) {
            return x / scale;
        }
        if (q == 0.0) {
            return Math.log(x / scale);
        }
        return Math.pow(x / scale, q) / q;
    }

    /** {@code f_S'(x) = (x/S)^{q−1}/S} with q = 1 − γ: positive, and decreasing for γ &gt; 0 (f is concave). */
    public double derivativeShifted(double x) {
        return x < low ? slopeLow : powerDerivative(x);
    }

    private double powerDerivative(double x) {
        if (q == 1.0) {
            return 1.0 / scale;
        }
        return Math.pow(x / scale, q - 1.0) / scale;
    }

    /** The inverse: the shifted utility x with {@code f_S(x) = value} (the power mean given a mean objective). */
    public double inverse(double value) {
        if (value < fLow) {
            return low + (value - fLow) / slopeLow;
        }
        if (q == 1.0) {
            return value * scale;
        }
        if (q == 0.0) {
            return scale * Math.exp(value);
        }
        return scale * Math.pow(q * value, 1.0 / q);
    }
}
