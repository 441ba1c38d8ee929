package dev.askwise.cli;

import dev.askwise.audit.AuditReport;
import dev.askwise.data.Dataset;
import dev.askwise.sim.PolicyComparison;
import dev.askwise.welfare.WelfareFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise compare}: query policies on held-out real users, with welfare per γ and worst-group utility. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compares query policies on held-out users (k-fold cross-validation): per fold a population model",
        "(family and size by held-out log-likelihood unless --model/--clusters) and the paper's information-gain tree",
        "are fitted on the training users, and every",
        "policy is simulated on the held-out users for every gamma. Reports EDE_gamma, mean utility, questions asked,",
        "worst-group utility (latent cluster and the data's covariates) and output homogenization; the headline puts",
        "the VOI policy beside the tree at the same mean number of questions."},
    footer = {"", "Examples:", "  askwise compare --data movielens --out compare/",
        "  askwise compare --data sushi:~/sushi3-2016 --policies engine,infogain-tree,never-ask,ask-all --out c/",
        "  askwise compare --data movielens --gamma 0,2 --folds 2 --format json --out c/",
        "", "Policies: engine, voi, voi-2, voi-fast, infogain-tree, never-ask, ask-all, fixed-order, random, oracle."})
final class CompareCommand implements Callable<Integer> {

    /** Phases of the run, on stderr (stdout carries the results). */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CompareCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "sushi:DIR|movielens[:DIR]", defaultValue = "movielens",
        description = "users to evaluate (default: the shipped MovieLens copy)")
    String data;

    @Option(names = "--top", paramLabel = "T", defaultValue = "2", description = "SUSHI: items counted as liked")
    int top;

    @Option(names = "--policies", paramLabel = "P[,P...]", defaultValue = "engine,voi,infogain-tree,never-ask,ask-all,oracle",
        description = "policies (default: ${DEFAULT-VALUE})")
    String policies;

    @Option(names = "--cost", paramLabel = "C", defaultValue = "0.3", description = "cost of a question, in [0, 1)")
    double cost;

    @Option(names = "--gamma", paramLabel = "G[,G...]", defaultValue = "0,1,2,5,inf",
        description = "inequality aversions (default: ${DEFAULT-VALUE})")
    String gammas;

    @Option(names = "--folds", paramLabel = "F", defaultValue = "5", description = "cross-validation folds (>= 2)")
    int folds;

    @Option(names = "--model", paramLabel = "auto|latent-class|exemplar", defaultValue = "auto",
        description = "population-model family; auto chooses by held-out log-likelihood (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--clusters", paramLabel = "K", defaultValue = "0",
        description = "latent-class clusters (implies --model latent-class); 0 = choose family and size by held-out "
            + "log-likelihood")
    int clusters;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of folds, fits and policies")
    long seed;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "stdout: text or json")
    String format;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "report directory (created)")
    Path out;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
        description = "local: all cores of this JVM; spark: the held-out simulations on Spark, in the askwise-spark "
            + "module's own JVM (build it first; docs/scale.md); same table (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "with --engine spark: the Spark master (default "
        + "local[*], bound to 127.0.0.1), for example spark://host:7077")
    String master;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "0",
        description = "with --engine spark: partitions of each fold's held-out users (default: Spark's default "
            + "parallelism)")
    int partitions;

    @Override
    public Integer call() {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json: '" + format + "'");
        }
        if (!engine.equals("local") && !engine.equals("spark")) {
            throw new IllegalArgumentException("--engine must be local or spark: '" + engine + "'");
        }
        if (master != null && !engine.equals("spark")) {
            throw new IllegalArgumentException("--master needs --engine spark: '" + master + "'");
        }
        if (partitions < 0 || partitions > 1_000_000) {
            throw new IllegalArgumentException("--partitions must be in [0, 1000000]: " + partitions);
        }
        WelfareFunction[] ws = SushiCommand.welfare(gammas);
        double[] gs = Arrays.stream(ws).mapToDouble(WelfareFunction::gamma).toArray();
        List<String> names = List.of(policies.split(","));
        Ranges.distinct("--policies", names);
        dev.askwise.fit.FamilySelection.Family family = dev.askwise.fit.FamilySelection.Family.parse(model);
        if (clusters > 0 && family == dev.askwise.fit.FamilySelection.Family.EXEMPLAR) {
            throw new IllegalArgumentException("--clusters " + clusters + " sizes a latent-class model; --model "
                + "exemplar has one component per distinct profile (drop --clusters, or use --model latent-class)");
        }
        if (clusters > 0) {
            family = dev.askwise.fit.FamilySelection.Family.LATENT_CLASS; // K given: a latent-class model of that K
        }
        PolicyComparison.Options options = new PolicyComparison.Options(names, cost, gs, folds, clusters, seed,
            family);
        Dataset d = DataSpec.load(data, top);
        if (d.size() < 2) {
            throw new IllegalArgumentException("compare needs at least 2 users to hold some out; " + data + " has "
                + d.size());
        }
        if (folds > d.size()) {
            throw new IllegalArgumentException("--folds must be in [2, " + d.size() + "]: " + folds);
        }
        long total = (long) d.size() * (d.schema().size() + 1 + (long) gs.length * names.size());
        LOG.info("compare: {} ({} users, {} attributes): {} policies x {} gammas at cost {}, {}-fold", d.name(),
            d.size(), d.schema().size(), names.size(), gs.length, cost, folds);
        PolicyComparison.Result r;
        if (engine.equals("spark")) {
            r = spark();
            if (r == null) {
                return sparkExit;
            }
        } else {
            Interruption interruption = Interruption.install();
            try (Progress progress = new Progress("compare", total)) {
                r = PolicyComparison.run(d, options, progress.listener());
            } finally {
                interruption.close();
            }
        }
        LOG.info("compare: writing the report to {}", out);
        write(d, r, ws, names);
        String json = json(d, r);
        try {
            java.nio.file.Files.writeString(out.resolve("compare.json"), json + System.lineSeparator());
            java.nio.file.Files.writeString(out.resolve("manifest.json"), new Json().beginObject()
                .field("askwise", dev.askwise.sim.RunManifest.VERSION).field("command", "compare")
                .field("data", data).field("dataName", d.name()).field("dataHash", r.dataHash())
                .field("users", r.users()).field("policies", policies).field("cost", cost).field("gammas", gammas)
                .field("folds", folds).field("clusters", r.clusters()).field("model", r.family()).field("seed", seed)
                .name("complete").value(r.complete()).endObject() + System.lineSeparator());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        if (format.equals("json")) {
            spec.commandLine().getOut().println(json);
        } else {
            spec.commandLine().getOut().print(text(r));
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s%s%n", out.resolve("index.html"),
                r.complete() ? "" : " (INTERRUPTED: partial results)");
        }
        spec.commandLine().getOut().flush();
        return r.complete() ? 0 : 130;
    }

    /**
     * The comparison run by {@code askwise-spark compare} in its own JVM (see {@link SparkEngine}), which hands the
     * result back as a file; null when the child failed (its exit code in {@link #sparkExit}, its message already on
     * stderr).
     */
    private int sparkExit;

    private PolicyComparison.Result spark() {
        Path file;
        try {
            file = java.nio.file.Files.createTempFile("askwise-compare", ".result");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a temporary file: " + e.getMessage(), e);
        }
        try {
            List<String> args = new ArrayList<>(List.of("compare", "--data", data, "--top", Integer.toString(top),
                "--policies", policies, "--cost", Double.toString(cost), "--gamma", gammas, "--folds",
                Integer.toString(folds), "--model", model, "--clusters", Integer.toString(clusters), "--seed",
                Long.toString(seed), "--partitions", Integer.toString(partitions), "--result", file.toString()));
            if (master != null) {
                args.add("--master");
                args.add(master);
            }
            // the child's own table would repeat ours: keep its stdout, pass its stderr through
            java.io.StringWriter childOut = new java.io.StringWriter();
            int code = SparkEngine.run(args, new java.io.PrintWriter(childOut), spec.commandLine().getErr());
            if (code != 0) {
                if (code != 2) { // 2: bad input, already said in one line
                    spec.commandLine().getErr().printf(Locale.ROOT, "askwise: the Spark engine failed (exit %d)%n",
                        code);
                    spec.commandLine().getErr().flush();
                }
                sparkExit = code;
                return null;
            }
            return PolicyComparison.Result.read(file);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (java.io.IOException ignored) {
                // a temporary file
            }
        }
    }

    private static List<String> covariates(PolicyComparison.Result r) {
        TreeSet<String> set = new TreeSet<>();
        for (PolicyComparison.Row row : r.rows()) {
            set.addAll(row.report().covariates());
        }
        return new ArrayList<>(set);
    }

    /** Lowest group mean over every covariate's groups of at least 10 users. */
    static double worstGroup(AuditReport report) {
        return PolicyComparison.worstGroup(report);
    }

    private String text(PolicyComparison.Result r) {
        return r.table(cost);
    }

    private String json(Dataset d, PolicyComparison.Result r) {
        Json j = new Json().beginObject().field("data", d.name()).field("users", r.users())
            .field("clusters", r.clusters()).field("cost", cost).field("folds", folds).field("seed", seed)
            .field("dataHash", r.dataHash()).name("complete").value(r.complete());
        j.name("rows").beginArray();
        for (PolicyComparison.Row row : r.rows()) {
            WelfareFunction w = WelfareFunction.of(row.gamma());
            j.beginObject().field("policy", row.policy()).field("gamma", w.gammaLabel())
                .field("ede", row.report().ede(w)).field("meanUtility", row.report().meanUtility())
                .field("meanQuestions", row.report().meanQuestions()).field("worstGroup", worstGroup(row.report()))
                .field("outputEntropyBits", row.report().outputEntropyBits())
                .field("topOutputShare", row.report().topOutputShare()).endObject();
        }
        j.endArray();
        j.name("treeFrontier").beginArray();
        for (PolicyComparison.Row row : r.frontier()) {
            j.beginObject().field("policy", row.policy()).field("meanQuestions", row.report().meanQuestions())
                .field("meanUtility", row.report().meanUtility()).endObject();
        }
        j.endArray();
        j.name("voiFrontier").beginArray();
        for (PolicyComparison.Row row : r.voiFrontier()) {
            WelfareFunction w = WelfareFunction.of(row.gamma());
            j.beginObject().field("policy", row.policy()).field("gamma", w.gammaLabel())
                .field("meanQuestions", row.report().meanQuestions()).field("ede", row.report().ede(w))
                .field("worstGroup", worstGroup(row.report())).endObject();
        }
        return j.endArray().endObject().toString();
    }

    private void write(Dataset d, PolicyComparison.Result r, WelfareFunction[] ws, List<String> names) {
        HtmlReport report = new HtmlReport(out);
        StringBuilder headline = new StringBuilder("<div class=\"headline\"><p><strong>VOI against the paper's tree "
            + "procedure at the same mean number of questions.</strong> Both are run at every budget k = 0..n on "
            + "held-out users (VOI: its own conversation cut after k questions); each row compares them at the same "
            + "mean number of questions q, interpolating each budget frontier.</p>"
            + "<table><tr><th>γ</th><th>q</th><th>VOI EDE</th><th>tree EDE</th><th>Δ EDE</th>"
            + "<th>VOI worst group</th><th>tree worst group</th><th>Δ worst group</th></tr>\n");
        List<String> headlineNotes = new ArrayList<>();
        List<String> covs = covariates(r);
        StringBuilder tables = new StringBuilder();
        CsvFile csv = new CsvFile("policy", "gamma", "ede", "meanUtility", "meanQuestions", "worstGroup",
            "outputEntropyBits", "topOutputShare");
        for (WelfareFunction w : ws) {
            XYChart chart = Figures.lineChart(String.format(Locale.ROOT, "Held-out welfare against questions asked "
                + "(gamma %s, cost %s)", w.gammaLabel(), Json.number(cost)), "mean questions asked", "EDE_gamma");
            double[] fq = r.frontier().stream().mapToDouble(x -> x.report().meanQuestions()).toArray();
            double[] fe = r.frontier().stream().mapToDouble(x -> x.report().ede(w)).toArray();
            if (fq.length > 0) { // an interrupted run may not have reached the tree
                XYSeries tree = chart.addSeries("infogain-tree, k = 0..n", fq, fe);
                tree.setMarker(SeriesMarkers.CIRCLE);
            }
            List<String> pointNames = new ArrayList<>();
            List<double[]> points = new ArrayList<>();
            tables.append("<h3>γ = ").append(w.gammaLabel()).append("</h3>\n<table><tr><th>policy</th><th>EDE</th>"
                + "<th>mean U</th><th>Atkinson</th><th>questions</th><th>worst group</th>");
            for (String cov : covs) {
                tables.append("<th>worst ").append(HtmlReport.escape(cov)).append("</th>");
            }
            tables.append("<th>output entropy (bits)</th><th>top output share</th></tr>\n");
            for (String name : names) {
                java.util.Optional<PolicyComparison.Row> found = r.find(name, w.gamma());
                if (found.isEmpty()) { // an interrupted run stopped before this policy at this γ
                    tables.append("<tr><td>").append(HtmlReport.escape(name)).append("</td><td colspan=\"")
                        .append(7 + covs.size()).append("\">not reached (interrupted)</td></tr>\n");
                    continue;
                }
                AuditReport a = found.get().report();
                double atk = a.meanUtility() + w.shift() > 0 ? a.atkinson(w) : Double.NaN;
                double worst = worstGroup(a);
                tables.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.4f</td><td>%.4f</td><td>%.4f</td>"
                    + "<td>%.3f</td><td>%s</td>", name, a.ede(w), a.meanUtility(), atk, a.meanQuestions(),
                    Double.isNaN(worst) ? "n/a" : String.format(Locale.ROOT, "%.4f", worst)));
                for (String cov : covs) {
                    tables.append(String.format(Locale.ROOT, "<td>%.4f</td>", a.worstGroupUtility(cov, 10)));
                }
                tables.append(String.format(Locale.ROOT, "<td>%.3f</td><td>%.3f</td></tr>%n", a.outputEntropyBits(),
                    a.topOutputShare()));
                csv.row(name, w.gammaLabel(), a.ede(w), a.meanUtility(), a.meanQuestions(), worstGroup(a),
                    a.outputEntropyBits(), a.topOutputShare());
                if (!name.equals("infogain-tree")) {
                    pointNames.add(name);
                    points.add(new double[] {a.meanQuestions(), a.ede(w)});
                }
            }
            List<PolicyComparison.Row> voiFront = r.voiFrontier(w.gamma());
            double[] vq = voiFront.stream().mapToDouble(x -> x.report().meanQuestions()).toArray();
            double[] ve = voiFront.stream().mapToDouble(x -> x.report().ede(w)).toArray();
            if (!voiFront.isEmpty()) {
                XYSeries vs = chart.addSeries("voi, budget k = 0..n", vq, ve);
                vs.setMarker(SeriesMarkers.DIAMOND);
                vs.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            }
            String pointsNote = CompareChart.addPoints(chart, pointNames, points, fq, fe, vq, ve);
            if (!voiFront.isEmpty() && !r.frontier().isEmpty()) {
                double common = Math.min(PolicyComparison.reach(voiFront), PolicyComparison.reach(r.frontier()));
                if (common < 1 - 1e-9) {
                    headlineNotes.add(String.format(Locale.ROOT, "at γ = %s VOI asks %s questions on average at its "
                        + "largest budget and the tree up to %s, so the only common q is 0", w.gammaLabel(),
                        Numbers.fixed(PolicyComparison.reach(voiFront), 3),
                        Numbers.fixed(PolicyComparison.reach(r.frontier()), 3)));
                }
                for (int q = common < 1 - 1e-9 ? 0 : 1; q <= Math.floor(common + 1e-9); q++) {
                    double voiEde = PolicyComparison.interpolate(voiFront, q, x -> x.ede(w));
                    double treeEde = PolicyComparison.interpolate(r.frontier(), q, x -> x.ede(w));
                    double voiWorst = PolicyComparison.interpolate(voiFront, q, CompareCommand::worstGroup);
                    double treeWorst = PolicyComparison.interpolate(r.frontier(), q, CompareCommand::worstGroup);
                    headline.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%d</td><td>%.4f</td><td>%.4f</td>"
                        + "<td>%s</td><td>%.4f</td><td>%.4f</td><td>%s</td></tr>%n", w.gammaLabel(), q, voiEde,
                        treeEde, Numbers.signed(voiEde - treeEde, 4), voiWorst, treeWorst,
                        Numbers.signed(voiWorst - treeWorst, 4)));
                }
            }
            tables.append("</table>\n");
            String base = "compare-gamma-" + w.gammaLabel();
            report.chart(chart, base);
            CsvFile frontier = new CsvFile("budget", "meanQuestions", "ede", "meanUtility", "worstGroup");
            for (PolicyComparison.Row row : r.frontier()) {
                frontier.row(row.policy(), row.report().meanQuestions(), row.report().ede(w),
                    row.report().meanUtility(), worstGroup(row.report()));
            }
            report.csv(frontier, base);
            report.section("chart-" + w.gammaLabel(), "Welfare against questions, γ = " + w.gammaLabel(),
                "Held-out budget frontiers of the tree and of VOI (every budget k = 0..n), and each other policy as a "
                    + "point (drawn on top of the lines, each with its own marker). Higher is better; left is fewer "
                    + "questions. " + pointsNote, base);
        }
        report.csv(csv, "compare");
        String intro = String.format(Locale.ROOT, "<p>%s: %d users, %d-fold cross-validation (seed %d), latent-class "
            + "model with K = %d clusters per fold, question cost %s, utility <code>U = n − m − c·q</code> over each "
            + "user's known attributes. Worst group: the lowest mean utility of any group with at least 10 users, over "
            + "the latent cluster and the data's covariates (%s). Data hash %s.%s</p>", HtmlReport.escape(d.name()),
            r.users(), folds, seed, r.clusters(), Json.number(cost), String.join(", ", covs),
            r.dataHash().substring(0, 12), r.complete() ? "" : " <strong>Interrupted: partial results.</strong>");
        headline.append("</table>");
        if (!headlineNotes.isEmpty()) {
            headline.append("<p>Every γ run has a row: ").append(String.join("; ", headlineNotes)).append(".</p>");
        }
        report.prepend(headline.append("</div>\n").toString());
        report.raw("<section id=\"tables\"><h2>All policies</h2>\n" + tables + "<p>[<a href=\"compare.csv\">CSV</a>]"
            + "</p></section>\n");
        report.write("Askwise: query policies on held-out users", intro);
    }
}
