package dev.askwise.analysis;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exact analysis of the stylized model of "When to Ask a Question" (seed 000 §4–6; formulas in MODEL-NOTES §1–5):
 * the welfare-optimal response {@code g*(r)} for every number of questions k (Lemmas 1, 4, 5; Theorem 1), the welfare
 * of each k, the optimal k* (ties go to fewer questions), the output entropy (Lemma 7), the mean utility of each
 * cluster, and the optimal adaptive policy that decides after each answer whether to ask again.
 *
 * <p>Utility is {@code U = n − m − c·k} (m mistakes among the guessed features, c the cost of a question). Cost:
 * {@code O(n^3)} time and {@code O(n^2)} memory for finite γ, {@code O(n^2)} for γ = ∞; no enumeration of the
 * {@code 2^n} preference vectors. Thread-safe (stateless).
 */
public final class StylizedAnalysis {

    private StylizedAnalysis() {
    }

    /**
     * Analyses every k and the adaptive policy.
     *
     * @throws IllegalArgumentException if the cost is negative or not finite, or if {@code 0 < γ < ∞} and some
     *                                  utility plus the shift would not be positive
     */
    public static Analysis analyze(SymmetricMixture model, double cost, WelfareFunction welfare) {
        return analyze(model, cost, welfare, true);
    }

    /** Analyses every k, and the adaptive policy when {@code withAdaptive} is true. */
    public static Analysis analyze(SymmetricMixture model, double cost, WelfareFunction welfare,
                                   boolean withAdaptive) {
        validate(model, cost, welfare);
        ExactSolver solver = new ExactSolver(model, cost, welfare).solve();
        int n = model.n();
        double[] ede = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            ede[k] = solver.ede(k);
        }
        int kStar = solver.kStar(ede);
        List<FixedK> byK = new ArrayList<>(n + 1);
        for (int k = 0; k <= n; k++) {
            byK.add(solver.fixedK(k, ede[k]));
        }
        AdaptivePolicy adaptive = withAdaptive ? solver.adaptive(ede[kStar]) : null;
        return new Analysis(model, cost, welfare, kStar, byK, adaptive);
    }

    /** The welfare-optimal number of questions k* alone (ties go to fewer questions). */
    public static int optimalK(SymmetricMixture model, double cost, WelfareFunction welfare) {
        validate(model, cost, welfare);
        ExactSolver solver = new ExactSolver(model, cost, welfare).solve();
        double[] ede = new double[model.n() + 1];
        if (!welfare.isMaximin()) {
            for (int k = 0; k <= model.n(); k++) {
                ede[k] = solver.ede(k);
            }
        }
        return solver.kStar(ede);
    }

    /**
     * Checks that the parameters define a welfare value: cost finite and ≥ 0; for {@code 0 < γ < ∞} every utility
     * plus the shift positive (the smallest utility is {@code min(0, n(1−c))}), and powers of order {@code 1 − γ}
     * inside the double range.
     *
     * @throws IllegalArgumentException naming the value and the allowed range
     */
    public static void validate(SymmetricMixture model, double cost, WelfareFunction welfare) {
        int n = model.n();
        dev.askwise.welfare.ScaledObjective.checkCost(welfare, n, cost);
        if (!welfare.needsPositiveShiftedUtility()) {
            return;
        }
        double xMin = Math.min(0.0, n * (1.0 - cost)) + welfare.shift();
        double logRange = Math.log((n + welfare.shift()) / xMin);
        double maxGamma = 1.0 + 1200.0 / logRange;
        if (welfare.gamma() > maxGamma) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "gamma must be in [0, %.1f] or inf for n=%d, cost=%s, shift=%s (larger powers leave the double "
                    + "range): %s", Math.floor(maxGamma * 10) / 10, n, fmt(cost), fmt(welfare.shift()),
                welfare.gammaLabel()));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
