package dev.askwise.cli;

import dev.askwise.data.Dataset;
import dev.askwise.sim.SushiExperiment;
import dev.askwise.sim.SushiExperiment.Row;
import dev.askwise.sim.SushiExperiment.Run;
import dev.askwise.sim.TreeCurve.Procedure;
import dev.askwise.welfare.WelfareFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a {@link SushiExperiment.Result}: the HTML report (Figures 7 and 8 for the chosen procedure, k* of both
 * procedures side by side) and the JSON summary. Captions that describe a direction are written from the plotted
 * numbers.
 */
final class SushiReport {

    private SushiReport() {
    }

    static void write(Path out, Dataset d, int top, Procedure chosen, SushiExperiment.Result result) {
        HtmlReport report = new HtmlReport(out);
        Run run = result.run(chosen);
        int n = result.attributes();
        int folds = result.options().folds();
        List<Double> costs = result.options().costs();
        CsvFile csv = new CsvFile("procedure", "cost", "gamma", "k", "meanQuestionsInSample",
            "meanQuestionsCrossValidated", "edeInSample", "edeCrossValidated", "meanUtilityInSample",
            "meanUtilityCrossValidated");
        for (Row r : run.rows()) {
            for (int k = 0; k <= n; k++) {
                csv.row(chosen.label(), r.cost(), r.welfare().gammaLabel(), k, r.meanQuestionsInSample().get(k),
                    r.meanQuestionsCrossValidated().get(k), r.edeInSample().get(k), r.edeCrossValidated().get(k),
                    r.meanUtilityInSample().get(k), r.meanUtilityCrossValidated().get(k));
            }
        }
        report.csv(csv, "sushi-all");
        for (int ci = 0; ci < costs.size(); ci++) {
            double c = costs.get(ci);
            XYChart chart = Figures.lineChart(String.format(Locale.ROOT,
                "SUSHI, %s procedure: welfare against questions (cost %s)", chosen.label(), Json.number(c)),
                "k (questions)", "EDE_gamma");
            CsvFile fig = new CsvFile("gamma", "k", "edeInSample", "edeCrossValidated");
            double[] ks = new double[n + 1];
            for (int k = 0; k <= n; k++) {
                ks[k] = k;
            }
            int gi = 0;
            for (Row r : rowsAt(run, c)) {
                double[] eIn = toArray(r.edeInSample());
                double[] eCv = toArray(r.edeCrossValidated());
                for (int k = 0; k <= n; k++) {
                    fig.row(r.welfare().gammaLabel(), k, eIn[k], eCv[k]);
                }
                java.awt.Color color = Figures.SERIES_COLORS[gi % Figures.SERIES_COLORS.length];
                XYSeries s1 = chart.addSeries("gamma " + r.welfare().gammaLabel() + " in-sample", ks, eIn);
                s1.setLineColor(color);
                s1.setMarkerColor(color);
                s1.setMarker(SeriesMarkers.CIRCLE);
                XYSeries s2 = chart.addSeries("gamma " + r.welfare().gammaLabel() + " cross-val.", ks, eCv);
                s2.setLineColor(color);
                s2.setMarkerColor(color);
                s2.setMarker(SeriesMarkers.DIAMOND);
                s2.setLineStyle(SeriesLines.DASH_DASH);
                gi++;
            }
            String base = "fig7-welfare-cost-" + Json.number(c);
            report.chart(chart, base);
            report.csv(fig, base);
            report.section("fig7-" + ci, String.format(Locale.ROOT, "Figure 7 — welfare against k, cost %s",
                Json.number(c)), figure7Caption(run, c, d.size(), top, folds, chosen), base);
            double[][] t = run.tradeoff(c);
            String base8 = "fig8-tradeoff-cost-" + Json.number(c);
            tradeoffChart(report, t, c, n, chosen, base8);
            report.section("fig8-" + ci, String.format(Locale.ROOT, "Figure 8 — utility against inequality, cost %s",
                Json.number(c)), figure8Caption(t, n), base8);
        }
        report.prepend(kStarTable(result, chosen));
        String intro = String.format(Locale.ROOT, "<p>Kamishima's SUSHI rankings (%d users, 10 sushi), the top %d of "
            + "each ranking as liked (1), the rest 0. Utility <code>U = n − m − c·q</code> (q questions asked); "
            + "welfare EDE_γ with s = 1. Figures: the <b>%s</b> procedure (%s). The in-sample numbers follow the "
            + "paper (tree grown and scored on the same users); the cross-validated ones are what a new user would "
            + "get.</p>", d.size(), top, chosen.label(), describe(chosen));
        report.write("SUSHI: when to ask, " + chosen.label() + " procedure, in-sample and cross-validated", intro);
    }

    static String describe(Procedure p) {
        return p == Procedure.PAPER
            ? "the paper's: a split at every node, so every user is asked exactly k questions and pays c·k"
            : "Askwise's: the tree stops where no split gains information, and a user pays only for the questions "
                + "asked";
    }

    private static List<Row> rowsAt(Run run, double cost) {
        List<Row> out = new ArrayList<>();
        for (Row r : run.rows()) {
            if (r.cost() == cost) {
                out.add(r);
            }
        }
        return out;
    }

    private static String figure7Caption(Run run, double c, int users, int top, int folds, Procedure chosen) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "EDE_γ of the %s procedure after k "
            + "questions: solid lines with circles in-sample (tree grown and scored on the same users, as the paper), "
            + "dashed with diamonds %d-fold cross-validated. %d users, top-%d items liked. k*:", chosen.label(), folds,
            users, top));
        List<Row> rows = rowsAt(run, c);
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(String.format(Locale.ROOT, "%s γ = %s: %d in-sample, %d cross-validated", i == 0 ? "" : ";",
                r.welfare().gammaLabel(), r.kStarInSample(), r.kStarCrossValidated()));
        }
        sb.append('.');
        String overlaps = overlaps(rows);
        if (!overlaps.isEmpty()) {
            sb.append(' ').append(overlaps);
        }
        if (chosen == Procedure.INFORMATIVE) {
            double q = run.inSample().meanQuestions(run.inSample().attributes());
            sb.append(String.format(Locale.ROOT, " With a budget of k = %d the tree asks %s questions on average "
                + "in-sample.", run.inSample().attributes(), fmt(q)));
        }
        return sb.toString();
    }

    /** Names the γ whose in-sample curves coincide (within 1e-6 at every k) with another's, so readers know. */
    private static String overlaps(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                if (same(rows.get(i).edeInSample(), rows.get(j).edeInSample())) {
                    out.add("γ = " + rows.get(i).welfare().gammaLabel() + " and γ = " + rows.get(j).welfare()
                        .gammaLabel());
                }
            }
        }
        return out.isEmpty() ? "" : "The in-sample curves of " + String.join(", ", out) + " coincide (drawn on top "
            + "of each other; the markers and the CSV tell them apart).";
    }

    private static boolean same(List<Double> a, List<Double> b) {
        for (int k = 0; k < a.size(); k++) {
            if (Math.abs(a.get(k) - b.get(k)) > 1e-6) {
                return false;
            }
        }
        return true;
    }

    /** The caption of Figure 8, from the plotted numbers: where inequality and mean utility start, end and peak. */
    static String figure8Caption(double[][] t, int n) {
        int best = 0;
        for (int k = 1; k <= n; k++) {
            if (t[1][k] > t[1][best] + 1e-12) {
                best = k;
            }
        }
        String ineq = t[0][n] < t[0][0] - 1e-9 ? "falls" : t[0][n] > t[0][0] + 1e-9 ? "rises" : "stays";
        return String.format(Locale.ROOT, "Mean utility against the Atkinson index (γ = 1), one point per k = 0..%d, "
            + "solid in-sample, dashed cross-validated. In-sample, from k = 0 to k = %d the Atkinson index %s "
            + "(%s → %s) and mean utility goes from %s to %s, highest at k = %d (%s).", n, n, ineq, fmt(t[0][0]),
            fmt(t[0][n]), fmt(t[1][0]), fmt(t[1][n]), best, fmt(t[1][best]));
    }

    private static void tradeoffChart(HtmlReport report, double[][] t, double c, int n, Procedure p, String base) {
        CsvFile csv = new CsvFile("k", "atkinsonInSample", "meanUtilityInSample", "atkinsonCrossValidated",
            "meanUtilityCrossValidated");
        for (int k = 0; k <= n; k++) {
            csv.row(k, t[0][k], t[1][k], t[2][k], t[3][k]);
        }
        XYChart chart = Figures.lineChart(String.format(Locale.ROOT, "SUSHI, %s procedure: utility against "
            + "inequality (cost %s)", p.label(), Json.number(c)), "Atkinson index (gamma = 1) across k",
            "mean utility");
        XYSeries a = chart.addSeries("in-sample, k = 0.." + n, t[0], t[1]);
        a.setMarker(SeriesMarkers.CIRCLE);
        XYSeries s = chart.addSeries("cross-validated", t[2], t[3]);
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setMarker(SeriesMarkers.DIAMOND);
        report.chart(chart, base);
        report.csv(csv, base);
    }

    private static String kStarTable(SushiExperiment.Result result, Procedure chosen) {
        Run paper = result.run(Procedure.PAPER);
        Run informative = result.run(Procedure.INFORMATIVE);
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < paper.rows().size(); i++) {
            Row a = paper.rows().get(i);
            Row b = informative.rows().get(i);
            rows.add(new String[] {Json.number(a.cost()), a.welfare().gammaLabel(),
                kAt(a.kStarInSample(), a.edeInSample()), kAt(a.kStarCrossValidated(), a.edeCrossValidated()),
                kAt(b.kStarInSample(), b.edeInSample()) + " · " + fmt(b.meanQuestionsInSample().get(b.kStarInSample()))
                    + " asked",
                kAt(b.kStarCrossValidated(), b.edeCrossValidated()) + " · "
                    + fmt(b.meanQuestionsCrossValidated().get(b.kStarCrossValidated())) + " asked"});
        }
        return "<section id=\"kstar\"><h2>Optimal number of questions, both procedures</h2>\n<p>k* (EDE at k*) per "
            + "cost and γ. <b>paper</b>: " + HtmlReport.escape(describe(Procedure.PAPER)) + ". <b>informative</b>: "
            + HtmlReport.escape(describe(Procedure.INFORMATIVE)) + " (its budget k, then the mean number actually "
            + "asked). The figures below show the " + chosen.label() + " procedure. Ties within 1e-9 go to the "
            + "smaller k.</p>\n" + HtmlReport.table(new String[] {"cost", "γ", "paper, in-sample",
                "paper, cross-validated", "informative, in-sample", "informative, cross-validated"}, rows)
            + "</section>\n";
    }

    private static String kAt(int k, List<Double> ede) {
        return k + " (" + fmt(ede.get(k)) + ")";
    }

    static String fmt(double v) {
        return Numbers.fixed(v, 4);
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The JSON summary: the chosen procedure's rows, with {@code procedure} and {@code meanQuestions} per k. */
    static String json(Dataset d, int top, Procedure chosen, SushiExperiment.Result result) {
        Json json = new Json().beginObject().field("users", d.size()).field("top", top)
            .field("folds", result.options().folds()).field("procedure", chosen.label());
        json.name("results").beginArray();
        for (Row r : result.run(chosen).rows()) {
            json.beginObject().field("cost", r.cost()).name("gamma");
            if (r.welfare().isMaximin()) {
                json.value("inf");
            } else {
                json.value(r.welfare().gamma());
            }
            json.field("procedure", chosen.label()).field("kStarInSample", r.kStarInSample())
                .field("kStarCrossValidated", r.kStarCrossValidated())
                .array("edeInSample", toArray(r.edeInSample())).array("edeCrossValidated",
                    toArray(r.edeCrossValidated()))
                .array("meanQuestions", toArray(r.meanQuestionsInSample()))
                .array("meanQuestionsCrossValidated", toArray(r.meanQuestionsCrossValidated()))
                .array("meanUtilityInSample", toArray(r.meanUtilityInSample()))
                .array("meanUtilityCrossValidated", toArray(r.meanUtilityCrossValidated()))
                .endObject();
        }
        return json.endArray().endObject().toString();
    }
}
