package dev.askwise.cli;

import dev.askwise.data.Dataset;
import dev.askwise.data.SushiLoader;
import dev.askwise.sim.TreeCurve;
import dev.askwise.welfare.UtilityDistribution;
import dev.askwise.welfare.WelfareFunction;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise sushi}: the paper's §7 experiment (Figures 7 and 8), in-sample and cross-validated. */
@Command(name = "sushi", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The paper's SUSHI experiment: an information-gain decision tree asks k questions, the rest is set",
        "to the most common values at the node reached; welfare against k for each gamma and cost (Figure 7), mean",
        "utility against inequality across k (Figure 8), and the optimal k per gamma and cost - in-sample (as the",
        "paper) and k-fold cross-validated (the honest number), side by side.",
        "The SUSHI data may not be redistributed: download sushi3-2016.zip from https://www.kamishima.net/sushi/."},
    footer = {"", "Examples:", "  askwise sushi --data ~/sushi3-2016 --cost 0.1,0.3,0.5 --gamma 0,1,2,5,inf --out sushi/",
        "  askwise sushi --data ~/sushi3-2016 --top 3 --folds 10 --format json --out sushi/"})
final class SushiCommand implements Callable<Integer> {

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
        Dataset d = SushiLoader.loadTopT(data, top);
        if (folds < 2 || folds > d.size()) {
            throw new IllegalArgumentException("--folds must be in [2, " + d.size() + "]: " + folds);
        }
        TreeCurve in = TreeCurve.inSample(d);
        TreeCurve cv = TreeCurve.crossValidated(d, folds, seed);
        HtmlReport report = new HtmlReport(out);
        int n = d.schema().size();
        CsvFile csv = new CsvFile("cost", "gamma", "k", "meanQuestionsInSample", "edeInSample", "edeCrossValidated",
            "meanUtilityInSample", "meanUtilityCrossValidated");
        StringBuilder table = new StringBuilder("<section id=\"kstar\"><h2>Optimal number of questions</h2>\n<table>"
            + "<tr><th>cost</th><th>γ</th><th>k* in-sample</th><th>EDE</th><th>k* cross-validated</th><th>EDE</th>"
            + "</tr>\n");
        Json json = new Json().beginObject().field("users", d.size()).field("top", top).field("folds", folds);
        json.name("results").beginArray();
        for (int ci = 0; ci < cs.length; ci++) {
            double c = cs[ci];
            XYChart chart = Figures.lineChart(String.format(Locale.ROOT,
                "SUSHI: welfare against questions asked (cost %s)", Json.number(c)), "k (questions)", "EDE_gamma");
            for (int gi = 0; gi < ws.length; gi++) {
                WelfareFunction w = ws[gi];
                double[] ks = new double[n + 1];
                double[] eIn = new double[n + 1];
                double[] eCv = new double[n + 1];
                for (int k = 0; k <= n; k++) {
                    ks[k] = k;
                    eIn[k] = in.ede(k, c, w);
                    eCv[k] = cv.ede(k, c, w);
                    csv.row(c, w.gammaLabel(), k, in.meanQuestions(k), eIn[k], eCv[k], in.utilities(k, c).mean(),
                        cv.utilities(k, c).mean());
                }
                java.awt.Color color = Figures.SERIES_COLORS[gi % Figures.SERIES_COLORS.length];
                XYSeries s1 = chart.addSeries("gamma " + w.gammaLabel() + " in-sample", ks, eIn);
                s1.setLineColor(color);
                s1.setMarkerColor(color);
                XYSeries s2 = chart.addSeries("gamma " + w.gammaLabel() + " cross-val.", ks, eCv);
                s2.setLineColor(color);
                s2.setMarkerColor(color);
                s2.setLineStyle(SeriesLines.DASH_DASH);
                int kIn = in.optimalK(c, w);
                int kCv = cv.optimalK(c, w);
                table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.4f</td><td>%d</td>"
                    + "<td>%.4f</td></tr>%n", Json.number(c), w.gammaLabel(), kIn, eIn[kIn], kCv, eCv[kCv]));
                json.beginObject().field("cost", c).name("gamma");
                if (w.isMaximin()) {
                    json.value("inf");
                } else {
                    json.value(w.gamma());
                }
                json.field("kStarInSample", kIn).field("kStarCrossValidated", kCv).array("edeInSample", eIn)
                    .array("edeCrossValidated", eCv).endObject();
            }
            String base = "fig7-welfare-cost-" + Json.number(c);
            report.chart(chart, base);
            report.csv(csv, base);
            report.section("fig7-" + ci, String.format(Locale.ROOT, "Figure 7 — welfare against k, cost %s",
                Json.number(c)), "EDE_γ of the tree procedure after k questions, solid in-sample (tree grown and "
                + "scored on the same users, as the paper), dashed " + folds + "-fold cross-validated. " + d.size()
                + " users, top-" + top + " items liked.", base);
            report.section("fig8-" + ci, String.format(Locale.ROOT, "Figure 8 — utility against inequality, cost %s",
                Json.number(c)), "Mean utility against the Atkinson index (γ = 1) as k goes from 0 to " + n
                + ": few questions favour the majority's taste (higher inequality), many questions cost utility.",
                tradeoff(report, in, cv, c, n));
        }
        json.endArray().endObject();
        report.raw(table.append("</table></section>\n").toString());
        String intro = String.format(Locale.ROOT, "<p>Kamishima's SUSHI rankings (%d users, 10 sushi), the top %d of "
            + "each ranking as liked (1), the rest 0. Utility <code>U = n − m − c·k</code>; welfare EDE_γ with s = 1. "
            + "The in-sample numbers reproduce the paper's procedure; the cross-validated ones are what a new user "
            + "would get.</p>", d.size(), top);
        report.write("SUSHI: when to ask, in-sample and cross-validated", intro);
        if (format.equals("json")) {
            spec.commandLine().getOut().println(json);
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%d users, %d-fold cross-validation)%n",
                out.resolve("index.html"), d.size(), folds);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String tradeoff(HtmlReport report, TreeCurve in, TreeCurve cv, double c, int n) {
        WelfareFunction nash = WelfareFunction.of(1);
        double[] ineqIn = new double[n + 1];
        double[] meanIn = new double[n + 1];
        double[] ineqCv = new double[n + 1];
        double[] meanCv = new double[n + 1];
        CsvFile csv = new CsvFile("k", "atkinsonInSample", "meanUtilityInSample", "atkinsonCrossValidated",
            "meanUtilityCrossValidated");
        for (int k = 0; k <= n; k++) {
            UtilityDistribution a = in.utilities(k, c);
            UtilityDistribution b = cv.utilities(k, c);
            ineqIn[k] = nash.atkinson(a);
            meanIn[k] = a.mean();
            ineqCv[k] = nash.atkinson(b);
            meanCv[k] = b.mean();
            csv.row(k, ineqIn[k], meanIn[k], ineqCv[k], meanCv[k]);
        }
        XYChart chart = Figures.lineChart(String.format(Locale.ROOT, "SUSHI: utility against inequality (cost %s)",
            Json.number(c)), "Atkinson index (gamma = 1) across k", "mean utility");
        chart.addSeries("in-sample, k = 0.." + n, ineqIn, meanIn);
        XYSeries s = chart.addSeries("cross-validated", ineqCv, meanCv);
        s.setLineStyle(SeriesLines.DASH_DASH);
        String base = "fig8-tradeoff-cost-" + Json.number(c);
        report.chart(chart, base);
        report.csv(csv, base);
        return base;
    }

    static WelfareFunction[] welfare(String list) {
        String[] parts = list.split(",", -1);
        WelfareFunction[] ws = new WelfareFunction[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ws[i] = WelfareFunction.of(WelfareFunction.parseGamma(parts[i]));
        }
        return ws;
    }
}
