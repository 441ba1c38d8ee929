package dev.askwise.policy;

import dev.askwise.welfare.WelfareFunction;
import java.util.Locale;

/**
 * The per-user objective of the elicitation engine (MODEL-NOTES §2 for a general model): utility
 * {@code U = n − m − c·q}, n the number of scored attributes (all but never-infer and declined ones), m the wrong guesses, q the questions asked; welfare
 * {@code E[f(U)]} with {@code f_S(X) = (X/S)^{1−γ}/(1−γ)} ({@code ln(X/S)} at γ = 1, linear at γ = 0), X = U + s, and
 * a fixed scale S that keeps powers in range. γ = ∞ is lexicographic ({@link LexLevels}). Immutable.
 */
public final class Objective {

    private final double cost;
    private final WelfareFunction welfare;
    private final double scale;
    private final double q;

    private Objective(double cost, WelfareFunction welfare, int attributes) {
        this.cost = cost;
        this.welfare = welfare;
        this.q = welfare.exponent();
        double s = welfare.shift();
        double xMin = Math.min(0.0, attributes * (1.0 - cost)) + s;
        double xMax = attributes + s;
        this.scale = welfare.needsPositiveShiftedUtility() ? Math.sqrt(xMin * xMax) : xMax;
    }

    /**
     * The objective for up to {@code attributes} scored attributes.
     *
     * @throws IllegalArgumentException if the cost is negative or, for 0 &lt; γ &lt; ∞, some utility + shift ≤ 0
     */
    public static Objective of(double cost, WelfareFunction welfare, int attributes) {
        if (!(cost >= 0.0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be >= 0 and finite: " + cost);
        }
        if (welfare.needsPositiveShiftedUtility() && !(Math.min(0.0, attributes * (1.0 - cost)) + welfare.shift()
            > 0.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "shift must be > n*(cost-1) = %s when 0 < gamma < inf: %s", attributes * (cost - 1.0),
                welfare.shift()));
        }
        return new Objective(cost, welfare, attributes);
    }

    public double cost() {
        return cost;
    }

    public WelfareFunction welfare() {
        return welfare;
    }

    public boolean maximin() {
        return welfare.isMaximin();
    }

    public boolean utilitarian() {
        return welfare.isUtilitarian();
    }

    /** {@code f_S(u + s)}. */
    public double f(double utility) {
        double x = utility + welfare.shift();
        if (q == 1.0) {
            return x / scale;
        }
        if (q == 0.0) {
            return Math.log(x / scale);
        }
        return Math.pow(x / scale, q) / q;
    }

    /** The certainty equivalent: the utility u with {@code f(u) = value}. */
    public double certaintyEquivalent(double value) {
        double m;
        if (q == 1.0) {
            m = value * scale;
        } else if (q == 0.0) {
            m = scale * Math.exp(value);
        } else {
            m = scale * Math.pow(q * value, 1.0 / q);
        }
        return m - welfare.shift();
    }

    /** True when a is better than b beyond a relative tolerance of 1e-10. */
    public static boolean improves(double a, double b) {
        double mag = Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
        return a - b > 1e-10 * mag;
    }
}
