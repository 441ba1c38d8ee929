package dev.askwise.cli;

import dev.askwise.data.Dataset;
import dev.askwise.fit.ExemplarFitter;
import dev.askwise.fit.FamilySelection;
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
    description = {"Fits a population model (latent-class by EM, or exemplar) and saves it as JSON. Latent-class: EM (seeded restarts, Dirichlet smoothing) and saves it as",
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

    @Option(names = "--model", paramLabel = "auto|latent-class|exemplar", defaultValue = "latent-class",
        description = {"population-model family (default: ${DEFAULT-VALUE}); auto chooses between latent-class",
            "models (K in --kmin..--kmax) and the exemplar model by held-out log-likelihood on 20% of the users",
            "and prints the table of candidates"})
    String model;

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
        FamilySelection.Family family = FamilySelection.Family.parse(model.equals("latent-class") ? "latent-class"
            : model);
        Dataset d = DataSpec.load(data, top);
        if (family != FamilySelection.Family.LATENT_CLASS) {
            return fitFamily(d, family, b);
        }
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
        write(fit.model().withTrainingUsers(d.size()).toJson());
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

    /** --model auto|exemplar: family selection by held-out log-likelihood, and its table. */
    private Integer fitFamily(Dataset d, FamilySelection.Family family, FitOptions.Builder b) {
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("--kmin and --kmax must satisfy 1 <= kmin <= kmax: " + kMin + ".."
                + kMax);
        }
        int fixed = clusters.equals("auto") ? 0 : Integer.parseInt(clusters);
        FamilySelection.Options o = new FamilySelection.Options(family, kMax, fixed, 0.2, b.clusters(1).build(),
            ExemplarFitter.Options.defaults());
        FamilySelection.Selection sel = FamilySelection.select(d, o);
        var w = spec.commandLine().getOut();
        if (sel.candidates().size() > 1) {
            w.println("family       size  held-out LL/user");
            for (FamilySelection.Candidate c : sel.candidates()) {
                if (c.family().equals("exemplar") || c.size() >= kMin) {
                    w.println(c.describe());
                }
            }
        }
        write(sel.model().toJson());
        w.printf(Locale.ROOT, "%s: %d users, %s model with %d components -> %s%n", d.name(), d.size(),
            sel.model().family(), sel.model().components(), out);
        w.flush();
        return 0;
    }

    private void write(String json) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
