package dev.askwise.policy;

import dev.askwise.welfare.LexLevels;
import dev.askwise.welfare.ScaledObjective;
import dev.askwise.welfare.WelfareFunction;

/**
 * The per-user objective of the elicitation engine (MODEL-NOTES §2 for a general model): utility
 * {@code U = n − m − c·q}, n the number of scored attributes (all but never-infer and declined ones), m the wrong guesses, q the questions asked; welfare
 * {@code E[f(U)]} with {@code f_S(X) = (X/S)^{1−γ}/(1−γ)} ({@code ln(X/S)} at γ = 1, linear at γ = 0), X = U + s, and
 * a fixed scale S that keeps powers in range ({@link ScaledObjective}, the one definition of f, its inverse and the
 * shift check). γ = ∞ is lexicographic ({@link LexLevels}). Immutable.
 */
public final class Objective {

    private final double cost;
    private final WelfareFunction welfare;
    private final ScaledObjective f;

    private Objective(double cost, WelfareFunction welfare, int attributes) {
        this.cost = cost;
        this.welfare = welfare;
        this.f = ScaledObjective.of(welfare, attributes, cost);
    }

    /**
     * The objective for up to {@code attributes} scored attributes.
     *
     * @throws IllegalArgumentException if the cost is negative or, for 0 &lt; γ &lt; ∞, some utility + shift ≤ 0
     */
    public static Objective of(double cost, WelfareFunction welfare, int attributes) {
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
        return f.ofShifted(utility + welfare.shift());
    }

    /** {@code f'(utility)}: positive, and decreasing in the utility for γ &gt; 0. */
    public double derivative(double utility) {
        return f.derivativeShifted(utility + welfare.shift());
    }

    /** The certainty equivalent: the utility u with {@code f(u) = value}. */
    public double certaintyEquivalent(double value) {
        return f.inverse(value) - welfare.shift();
    }

    /**
     * The choice among candidate values: the index of the highest value that {@link #improves} on {@code now}, and
     * among values within the tolerance of the highest the lowest index (so the choice does not depend on the order in
     * which candidates are examined, and a candidate far below the highest can be left unevaluated: NaN entries are
     * not candidates); −1 when no value improves on {@code now}.
     */
    public static int choose(double[] values, double now) {
        double top = Double.NaN;
        for (double v : values) {
            if (improves(v, now) && !(v <= top)) {
                top = v;
            }
        }
        if (Double.isNaN(top)) {
            return -1;
        }
        for (int a = 0; a < values.length; a++) {
            if (improves(values[a], now) && !improves(top, values[a])) {
                return a;
            }
        }
        throw new AssertionError("the highest value is a candidate");
    }

    /**
     * True when a is better than b beyond a relative tolerance of 1e-10: relative to the larger magnitude when both
     * have the same sign, to at least 1 otherwise.
     */
    public static boolean improves(double a, double b) {
        // relative to the values when they share a sign: the power objective never changes sign, and for a large
        // schema at a steep γ its values are tiny (300 attributes, γ = 10: about 1e-10), where a floor of 1 made
        // every question tie with stopping; values of both signs (the logarithm near zero) keep the floor of 1
        double mag = Math.max(Math.abs(a), Math.abs(b));
        if (!((a > 0 && b > 0) || (a < 0 && b < 0))) {
            mag = Math.max(1.0, mag);
        }
        return a - b > 1e-10 * mag;
    }
}
