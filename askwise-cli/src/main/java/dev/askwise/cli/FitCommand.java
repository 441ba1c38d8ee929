package dev.askwise.cli;

import dev.askwise.data.Dataset;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.fit.ModelSelection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise fit}: fits a latent-class population model and saves it as JSON. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fits a latent-class population model by EM (seeded restarts, Dirichlet smoothing) and saves it as",
        "JSON (format askwise.latent-class, version 1). K is given, or chosen by BIC or held-out log-likelihood.",
        "Non-convergence is reported on stderr, never hidden."},
    footer = {"", "Examples:", "  askwise fit --data movielens --clusters auto --out movies-model.json",
        "  askwise fit --data sushi:~/sushi3-2016 --clusters 6 --restarts 10 --seed 7 --out sushi-model.json",
        "  askwise fit --data movielens --clusters auto --criterion heldout --kmax 6 --out m.json"})
final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "sushi:DIR|movielens[:DIR]", defaultValue = "movielens",
        description = "users to fit (default: the shipped MovieLens copy)")
    String data;

    @Option(names = "--top", paramLabel = "T", defaultValue = "2", description = "SUSHI: items counted as liked")
    int top;

    @Option(names = "--clusters", paramLabel = "K|auto", defaultValue = "auto",
        description = "number of clusters, or auto (default: ${DEFAULT-VALUE})")
    String clusters;

    @Option(names = "--criterion", paramLabel = "bic|heldout", defaultValue = "bic",
        description = "how auto chooses K (default: ${DEFAULT-VALUE})")
    String criterion;

    @Option(names = "--kmin", paramLabel = "K", defaultValue = "1", description = "smallest K tried by auto")
    int kMin;

    @Option(names = "--kmax", paramLabel = "K", defaultValue = "8", description = "largest K tried by auto")
    int kMax;

    @Option(names = "--restarts", paramLabel = "R", defaultValue = "5", description = "EM restarts")
    int restarts;

    @Option(names = "--smoothing", paramLabel = "A", defaultValue = "1", description = "Dirichlet pseudo-count > 0")
    double smoothing;

    @Option(names = "--max-iterations", paramLabel = "N", defaultValue = "500", description = "iteration cap")
    int maxIterations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed (same seed, same model)")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "model JSON to write")
    Path out;

    @Override
    public Integer call() {
        if (!criterion.equals("bic") && !criterion.equals("heldout")) {
            throw new IllegalArgumentException("--criterion must be bic or heldout: '" + criterion + "'");
        }
        FitOptions.Builder b = FitOptions.builder().restarts(restarts).seed(seed).smoothing(smoothing)
            .maxIterations(maxIterations);
        Dataset d = DataSpec.load(data, top);
        FitResult fit;
        String how;
        if (clusters.equals("auto")) {
            FitOptions options = b.build();
            ModelSelection.Selection sel = criterion.equals("bic") ? ModelSelection.byBic(d, kMin, kMax, options)
                : ModelSelection.byHeldOut(d, kMin, kMax, 5, options);
            fit = sel.best();
            StringBuilder sb = new StringBuilder();
            for (ModelSelection.Candidate c : sel.candidates()) {
                sb.append(String.format(Locale.ROOT, " K=%d:%.1f", c.clusters(), c.score()));
            }
            how = criterion + sb;
        } else {
            int k;
            try {
                k = Integer.parseInt(clusters);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--clusters must be a positive integer or auto: '" + clusters + "'",
                    e);
            }
            fit = LatentClassFitter.fit(d, b.clusters(k).build());
            how = "given";
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, fit.model().toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf(Locale.ROOT,
            "%s: %d users, K=%d (%s), log-likelihood %.3f, BIC %.3f, %d iterations, converged=%s -> %s%n", d.name(),
            d.size(), fit.model().clusters(), how, fit.logLikelihood(), fit.bic(), fit.iterations(), fit.converged(),
            out);
        spec.commandLine().getOut().flush();
        if (!fit.converged()) {
            spec.commandLine().getErr().printf(Locale.ROOT,
                "askwise: warning: EM did not converge within %d iterations (the model is saved; raise "
                    + "--max-iterations)%n", maxIterations);
            spec.commandLine().getErr().flush();
        }
        return 0;
    }
}
