package dev.askwise.fit;

import dev.askwise.model.LatentClassModel;
import java.util.List;

/**
 * A fitted model with its diagnostics.
 *
 * @param model           the fitted model (best restart)
 * @param options         the options used
 * @param logLikelihood   final log-likelihood of the training data (observed values only)
 * @param trace           objective (log-likelihood plus log Dirichlet prior) after each iteration of the best restart;
 *                        non-decreasing
 * @param iterations      iterations of the best restart
 * @param converged       whether the best restart met the tolerance before the iteration cap
 * @param bic             Bayesian information criterion {@code −2·LL + params·ln N} (lower is better)
 * @param restartObjectives final objective of every restart, in restart order
 */
public record FitResult(LatentClassModel model, FitOptions options, double logLikelihood, List<Double> trace,
                        int iterations, boolean converged, double bic, List<Double> restartObjectives) {

    /** Copies the lists. */
    public FitResult {
        trace = List.copyOf(trace);
        restartObjectives = List.copyOf(restartObjectives);
    }
}
