package dev.askwise.dialogue;

import dev.askwise.data.Dataset;
import dev.askwise.data.MovieLensLoader;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.ModelSelection;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Builds the {@code movies} domain's population model from MovieLens: the wording comes from the shipped file, the
 * model is a latent-class model fitted by EM (K in 1..6 by BIC, 5 restarts, seed 1, smoothing 1) to the per-user
 * preferences derived by {@link MovieLensLoader}. The shipped {@code movies.json} is exactly this build of the shipped
 * data (a test rebuilds and compares it).
 */
public final class MoviesDomain {

    private MoviesDomain() {
    }

    /** Fits the model to the MovieLens copy in dir and returns the movies domain carrying it. */
    public static Domain build(Path movieLensDir) {
        Dataset users = MovieLensLoader.load(movieLensDir);
        FitOptions options = FitOptions.builder().restarts(5).seed(1).smoothing(1.0).build();
        ModelSelection.Selection sel = ModelSelection.byBic(users, 1, 6, options);
        FitResult fit = sel.best();
        String provenance = String.format(Locale.ROOT, "Fitted by EM to the %d users of MovieLens ml-latest-small "
            + "(GroupLens; research use, see data/movielens/ml-latest-small/README.txt) with the attributes derived as "
            + "in docs/data.md; K = %d chosen by BIC among 1..6; 5 restarts, seed 1, smoothing 1; log-likelihood "
            + "%.3f, BIC %.3f, converged = %s. Rebuild: askwise domain build-movies.", users.size(),
            fit.model().clusters(), fit.logLikelihood(), fit.bic(), fit.converged());
        return Domain.builtIn("movies").withModel(fit.model(), provenance);
    }
}
