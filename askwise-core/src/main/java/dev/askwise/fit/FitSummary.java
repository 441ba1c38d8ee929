package dev.askwise.fit;

import dev.askwise.io.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code askwise fit} reports about a fit, as one text line or as JSON ({@code --format json}); the same for
 * the local and the Spark engine.
 *
 * @param data            the data's name
 * @param users           number of users fitted
 * @param selection       how K was chosen: "given", or the criterion with each candidate's score
 * @param fit             the fit
 * @param totalIterations iterations of all restarts (and all candidate K)
 * @param seconds         wall time of the fitting
 * @param engine          "local" or "spark" (with its master)
 * @param out             where the model was written
 */
public record FitSummary(String data, long users, String selection, FitResult fit, int totalIterations,
                         double seconds, String engine, String out) {

    /** Mean wall time of one iteration (all restarts' iterations counted). */
    public double msPerIteration() {
        return totalIterations == 0 ? 0 : 1000 * seconds / totalIterations;
    }

    /** One line for a terminal. */
    public String text() {
        return String.format(Locale.ROOT,
            "%s: %d users, K=%d (%s), log-likelihood %.3f, BIC %.3f, %d iterations, converged=%s -> %s", data, users,
            fit.model().clusters(), selection, fit.logLikelihood(), fit.bic(), fit.iterations(), fit.converged(), out);
    }

    /**
     * JSON with {@code logLikelihood}, {@code iterations} (of the best restart), {@code totalIterations},
     * {@code msPerIteration}, {@code converged}, {@code clusters}, {@code bic}, {@code users}, {@code data},
     * {@code engine}, {@code seconds}, {@code restarts}, {@code seed} and {@code out}.
     */
    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("users", users);
        m.put("clusters", fit.model().clusters());
        m.put("selection", selection);
        m.put("logLikelihood", fit.logLikelihood());
        m.put("bic", fit.bic());
        m.put("iterations", fit.iterations());
        m.put("converged", fit.converged());
        m.put("totalIterations", totalIterations);
        m.put("msPerIteration", msPerIteration());
        m.put("seconds", seconds);
        m.put("restarts", fit.options().restarts());
        m.put("seed", fit.options().seed());
        m.put("engine", engine);
        m.put("out", out);
        return Json.write(m);
    }
}
