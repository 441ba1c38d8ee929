package dev.askwise.cli;

import dev.askwise.data.CodedRows;
import dev.askwise.data.CsvUsers;
import dev.askwise.data.Dataset;
import dev.askwise.data.SyntheticData;
import dev.askwise.fit.ExemplarFitter;
import dev.askwise.fit.FamilySelection;
import dev.askwise.fit.FitListener;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.FitSummary;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.fit.ModelSelection;
import dev.askwise.model.LatentClassModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise fit}: fits a latent-class population model and saves it as JSON. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Fits a population model (latent-class by EM, or exemplar) and saves it as JSON. Latent-class: EM (seeded restarts, Dirichlet smoothing),",
        "saved as format askwise.latent-class, version 1. K is given, or chosen by BIC or held-out log-likelihood.",
        "Non-convergence is reported on stderr, never hidden."},
    footer = {"", "Examples:", "  askwise fit --data movielens --clusters auto --out movies-model.json",
        "  askwise fit --data sushi:~/sushi3-2016 --clusters 6 --restarts 10 --seed 7 --out sushi-model.json",
        "  askwise fit --data movielens --clusters auto --criterion heldout --kmax 6 --out m.json",
        "  askwise fit --data synthetic:1000000,50,4,10 --clusters 10 --restarts 1 --format json --out big.json",
        "  askwise fit --data movielens --clusters 3 --engine spark --master 'local[2]' --out m.json"})
final class FitCommand implements Callable<Integer> {

    /** Phases of the run, on stderr (stdout carries the results). */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FitCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "sushi:DIR|movielens[:DIR]|csv:FILE|synthetic:U,A,V,K",
        defaultValue = "movielens", description = {"users to fit (default: the shipped MovieLens copy); csv:FILE: a "
        + "header of attribute names, a value label per cell, empty for missing; synthetic:USERS,ATTRIBUTES,VALUES,K: "
        + "seeded users drawn from a random K-cluster model (--seed), to size a run; with --engine spark also "
        + "parquet:PATH, and csv: may be a directory or an hdfs:/s3a: URL"})
    String data;

    @Option(names = "--top", paramLabel = "T", defaultValue = "2", description = "SUSHI: items counted as liked")
    int top;

    @Option(names = "--model", paramLabel = "auto|latent-class|exemplar", defaultValue = "latent-class",
        description = {"population-model family (default: ${DEFAULT-VALUE}); auto chooses between latent-class",
            "models (K in --kmin..--kmax) and the exemplar model by held-out log-likelihood on 20%% of the users",
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

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
        description = "summary on stdout: one line, or JSON with logLikelihood, iterations, msPerIteration, converged, "
            + "clusters (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
        description = "local: all cores of this JVM; spark: the askwise-spark module in its own JVM (build it first; "
            + "docs/scale.md) (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "with --engine spark: the Spark master (default "
        + "local[*], bound to 127.0.0.1), for example spark://host:7077")
    String master;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
        description = "with --engine spark: partitions of the users (default: Spark's default parallelism)")
    int partitions;

    @Override
    public Integer call() {
        if (!criterion.equals("bic") && !criterion.equals("heldout")) {
            throw new IllegalArgumentException("--criterion must be bic or heldout: '" + criterion + "'");
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json: '" + format + "'");
        }
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new IllegalArgumentException("--engine must be local or spark: '" + engine + "'");
        }
        if (master != null && !engine.equals("spark")) {
            throw new IllegalArgumentException("--master needs --engine spark: '" + master + "'");
        }
        if (data.startsWith("csv:") && !data.startsWith("csv:hdfs:") && !data.contains("://")
            && !java.nio.file.Files.isRegularFile(Path.of(data.substring(4)))) {
            throw new IllegalArgumentException("--data: no such file: " + data.substring(4)); // before EM starts
        }
        if (kMin < 1 || kMax < kMin || kMax > 1000) { // before any work: a bad K range used to surface after EM ran
            throw new IllegalArgumentException("--kmin and --kmax must satisfy 1 <= kmin <= kmax <= 1000: " + kMin
                + ".." + kMax);
        }
        if (!clusters.equals("auto")) {
            int k = parseClusters();
            if (k < 1 || k > 1000) {
                throw new IllegalArgumentException("--clusters must be in [1, 1000] or auto: " + k);
            }
        }
        FitOptions.Builder b = FitOptions.builder().restarts(restarts).seed(seed).smoothing(smoothing)
            .maxIterations(maxIterations);
        FamilySelection.Family family = FamilySelection.Family.parse(model.equals("latent-class") ? "latent-class"
            : model);
        if (family == FamilySelection.Family.EXEMPLAR && !clusters.equals("auto")) {
            throw new IllegalArgumentException("--clusters " + clusters + " sizes a latent-class model; --model "
                + "exemplar has one component per distinct profile (drop --clusters, or use --model latent-class)");
        }
        if (family == FamilySelection.Family.EXEMPLAR && engine.equals("spark")) {
            return spark(b.build()); // per-partition profile counts, merged: the local model
        }
        if (family != FamilySelection.Family.LATENT_CLASS) {
            if (engine.equals("spark") || data.startsWith("synthetic:")) {
                throw new IllegalArgumentException("--model " + model + " needs --engine local and loaded data: '"
                    + data + "'");
            }
            return fitFamily(data.startsWith("csv:") && data.length() > 4 ? CsvUsers.load(Path.of(data.substring(4)))
                : loadNamed(data, top), family, b);
        }
        if (!clusters.equals("auto")) {
            b.clusters(parseClusters());
        }
        FitOptions checked = b.build();
        if (engine.equals("spark")) {
            return spark(checked);
        }
        long t0 = System.nanoTime();
        int[] iterations = new int[1];
        FitResult fit;
        String how;
        String name;
        long users;
        int declines = Integer.MAX_VALUE; // the most "no preference" answers of a user (generated rows have none)
        int candidates = clusters.equals("auto") ? Math.max(1, kMax - kMin + 1) : 1;
        // the users first: a bad --data is one line, before any progress line
        SyntheticData.Shape shape = data.startsWith("synthetic:")
            ? SyntheticData.Shape.parse(data.substring("synthetic:".length())) : null;
        Dataset loaded = shape != null ? null : data.startsWith("csv:") && data.length() > 4
            ? CsvUsers.load(Path.of(data.substring(4))) : loadNamed(data, top);
        try (Progress progress = new Progress("EM", (long) candidates * restarts * maxIterations)) {
            int[] restartsSeen = new int[1];
            FitListener listener = (r, it, objective) -> {
                iterations[0]++;
                if (it == 1) {
                    restartsSeen[0]++;
                }
                progress.listener().accept((long) (restartsSeen[0] - 1) * maxIterations + it);
            };
            if (data.startsWith("synthetic:")) {
                // byte rows straight from the generator: no int rows, so 10^7 users fit in about 1 GB
                CodedRows rows = SyntheticData.rows(shape, seed);
                name = "synthetic(" + shape + ")";
                users = rows.size();
                if (clusters.equals("auto")) {
                    if (!criterion.equals("bic")) {
                        throw new IllegalArgumentException("synthetic data: --criterion must be bic: '" + criterion
                            + "'");
                    }
                    ModelSelection.Selection sel = ModelSelection.byBic(rows, kMin, kMax, checked, listener);
                    fit = sel.best();
                    how = describe(sel);
                } else {
                    fit = LatentClassFitter.fit(rows, checked, true, listener);
                    how = "given";
                }
            } else {
                Dataset d = java.util.Objects.requireNonNull(loaded, "loaded above");
                name = d.name();
                users = d.size();
                declines = FamilySelection.mostDeclines(d);
                if (clusters.equals("auto")) {
                    ModelSelection.Selection sel = criterion.equals("bic")
                        ? ModelSelection.byBic(CodedRows.of(d), kMin, kMax, checked, listener)
                        : ModelSelection.byHeldOut(d, kMin, kMax, 5, checked);
                    fit = sel.best();
                    how = describe(sel);
                } else {
                    fit = LatentClassFitter.fit(CodedRows.of(d), checked, true, listener);
                    how = "given";
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        LOG.info("fit: writing the model to {}", out);
        LatentClassModel model = fit.model().withTrainingUsers(users);
        write((declines == Integer.MAX_VALUE ? model : model.withMaxDeclines(declines)).toJson());
        FitSummary summary = new FitSummary(name, users, how, fit, iterations[0], seconds, "local", out.toString());
        spec.commandLine().getOut().println(format.equals("json") ? summary.json() : summary.text());
        spec.commandLine().getOut().flush();
        warnIfNotConverged(fit);
        return 0;
    }

    private int parseClusters() {
        try {
            return Integer.parseInt(clusters);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--clusters must be a positive integer or auto: '" + clusters + "'", e);
        }
    }

    private static String describe(ModelSelection.Selection sel) {
        StringBuilder sb = new StringBuilder(sel.criterion());
        for (ModelSelection.Candidate c : sel.candidates()) {
            sb.append(String.format(Locale.ROOT, " K=%d:%.1f", c.clusters(), c.score()));
        }
        return sb.toString();
    }

    /** The same fit in the askwise-spark module's JVM (see {@link SparkEngine}). */
    private int spark(FitOptions checked) {
        if (!criterion.equals("bic")) {
            throw new IllegalArgumentException("--engine spark: --criterion must be bic: '" + criterion + "'");
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be in [0, 1000000]: " + partitions);
        }
        if (data.startsWith("synthetic:")) {
            SyntheticData.Shape.parse(data.substring("synthetic:".length()));
        }
        List<String> args = new ArrayList<>(List.of("fit", "--data", data, "--top", Integer.toString(top),
            "--clusters", clusters, "--kmin", Integer.toString(kMin), "--kmax", Integer.toString(kMax), "--restarts",
            Integer.toString(checked.restarts()), "--smoothing", Double.toString(checked.smoothing()),
            "--max-iterations", Integer.toString(checked.maxIterations()), "--seed", Long.toString(checked.seed()),
            "--out", out.toString(), "--format", format, "--partitions", Integer.toString(partitions), "--model",
            model));
        if (master != null) {
            args.add("--master");
            args.add(master);
        }
        return SparkEngine.run(args, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    private void warnIfNotConverged(FitResult fit) {
        if (!fit.converged()) {
            spec.commandLine().getErr().printf(Locale.ROOT,
                "askwise: warning: EM did not converge within %d iterations (the model is saved; raise "
                    + "--max-iterations)%n", maxIterations);
            spec.commandLine().getErr().flush();
        }
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
        if (family == FamilySelection.Family.EXEMPLAR) {
            LOG.info("fit: {} ({} users), --model exemplar: one component per distinct profile", d.name(), d.size());
        } else {
            LOG.info("fit: {} ({} users), --model {}: family and size chosen by held-out log-likelihood (20% of "
                + "users)", d.name(), d.size(), model);
        }
        FamilySelection.Selection sel = FamilySelection.select(d, o);
        var w = spec.commandLine().getOut();
        if (sel.candidates().size() > 1) {
            w.println(FamilySelection.Candidate.header());
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

    /** sushi:DIR, movielens or movielens:DIR; the message names every form fit accepts. */
    private static Dataset loadNamed(String data, int top) {
        if (!(data.startsWith("sushi:") || data.equals("movielens") || data.startsWith("movielens:"))) {
            throw new IllegalArgumentException("--data must be sushi:DIR, movielens[:DIR], csv:FILE or "
                + "synthetic:USERS,ATTRIBUTES,VALUES,K: '" + data + "'");
        }
        return DataSpec.load(data, top);
    }
}
