package dev.askwise.cli;

import dev.askwise.data.Dataset;
import dev.askwise.data.SushiLoader;
import dev.askwise.sim.SushiExperiment;
import dev.askwise.sim.TreeCurve.Procedure;
import dev.askwise.welfare.WelfareFunction;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise sushi}: the paper's §7 experiment (Figures 7 and 8), in-sample and cross-validated. */
@Command(name = "sushi", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The paper's SUSHI experiment (section 7). An information-gain decision tree asks k questions "
        + "along each user's path and sets the other items to their most common values at the node reached. For "
        + "each gamma and cost it reports welfare against k (Figure 7), mean utility against inequality across k "
        + "(Figure 8) and the optimal k, in-sample (as the paper) and k-fold cross-validated (the honest number), "
        + "side by side; --procedure chooses the paper's procedure or Askwise's informative tree.",
        "The SUSHI data may not be redistributed: download sushi3-2016.zip from https://www.kamishima.net/sushi/."},
    footer = {"", "Examples:", "  askwise sushi --data ~/sushi3-2016 --cost 0.1,0.3,0.5 --gamma 0,1,2,5,inf --out sushi/",
        "  askwise sushi --data ~/sushi3-2016 --top 3 --folds 10 --format json --out sushi/"})
final class SushiCommand implements Callable<Integer> {

    /** Phases of the run, on stderr (stdout carries the results). */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SushiCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", required = true, description = "directory with sushi3a.5000.10.order")
    Path data;

    @Option(names = "--top", paramLabel = "T", defaultValue = "2", description = "items counted as liked (default 2)")
    int top;

    @Option(names = "--cost", paramLabel = "C[,C...]", defaultValue = "0.1,0.3,0.5",
        description = "costs of a question (default: ${DEFAULT-VALUE})")
    String costs;

    @Option(names = "--gamma", paramLabel = "G[,G...]", defaultValue = "0,1,2,5,inf",
        description = "inequality aversions (default: ${DEFAULT-VALUE})")
    String gammas;

    @Option(names = "--folds", paramLabel = "F", defaultValue = "5", description = "cross-validation folds (>= 2)")
    int folds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed of the fold assignment")
    long seed;

    @Option(names = "--procedure", paramLabel = "P", defaultValue = "paper",
        description = "paper: the paper's procedure exactly (every user asked k questions, U = n - m - c*k); "
            + "informative: ask only while a split gains information, pay for the questions asked (default: "
            + "${DEFAULT-VALUE}; the report shows both procedures' k* side by side)")
    String procedure;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "summary on stdout: text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "report directory (created)")
    Path out;

    @Override
    public Integer call() {
        double[] cs = Ranges.parse("--cost", costs);
        for (double c : cs) {
            if (!(c >= 0 && c < 1)) {
                throw new IllegalArgumentException("--cost values must be in [0, 1): " + c);
            }
        }
        WelfareFunction[] ws = welfare(gammas);
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json: '" + format + "'");
        }
        Procedure chosen = Procedure.parse(procedure);
        Dataset d = SushiLoader.loadTopT(data, top);
        if (d.size() < 2) {
            throw new IllegalArgumentException("--folds: cross-validation needs at least 2 users, and "
                + data.resolve(SushiLoader.ORDER_A) + " has " + d.size());
        }
        if (folds < 2 || folds > d.size()) {
            throw new IllegalArgumentException("--folds must be between 2 and the number of users (" + d.size()
                + "): " + folds);
        }
        List<Double> costList = Arrays.stream(cs).boxed().toList();
        LOG.info("sushi: {} users, top {}: {} costs x {} gammas, {}-fold cross-validation", d.size(), top,
            cs.length, ws.length, folds);
        long t0 = System.nanoTime();
        SushiExperiment.Result result = SushiExperiment.run(d, new SushiExperiment.Options(costList,
            List.of(ws), folds, seed));
        LOG.info(String.format(Locale.ROOT, "sushi: cross-validation done in %.1f s; writing the report to %s",
            (System.nanoTime() - t0) / 1e9, out));
        SushiReport.write(out, d, top, chosen, result);
        if (format.equals("json")) {
            spec.commandLine().getOut().println(SushiReport.json(d, top, chosen, result));
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%s procedure, %d users, %d-fold "
                + "cross-validation)%n", out.resolve("index.html"), chosen.label(), d.size(), folds);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    static WelfareFunction[] welfare(String list) {
        String[] parts = list.split(",", -1);
        WelfareFunction[] ws = new WelfareFunction[parts.length];
        List<Double> gammas = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            ws[i] = WelfareFunction.of(WelfareFunction.parseGamma(parts[i]));
            gammas.add(ws[i].gamma());
        }
        Ranges.distinct("--gamma", gammas);
        return ws;
    }
}
