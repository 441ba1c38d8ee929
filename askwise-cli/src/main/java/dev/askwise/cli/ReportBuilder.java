package dev.askwise.cli;

import dev.askwise.analysis.Analysis;
import dev.askwise.analysis.FixedK;
import dev.askwise.analysis.Landscape;
import dev.askwise.analysis.StylizedAnalysis;
import dev.askwise.model.SymmetricMixture;
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
 * Regenerates the analyses of seed 000's Figures 2–6, 11 and 12 under Askwise's conventions (MODEL-NOTES), plus the
 * adaptive-versus-fixed comparison and the minority/majority utilities, as one HTML page with PNG/SVG figures and
 * CSV data beside it.
 */
final class ReportBuilder {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] GAMMAS = {0, 0.5, 1, 2, 5, INF};

    private final HtmlReport report;
    private final Path dir;

    ReportBuilder(Path dir) {
        this.report = new HtmlReport(dir);
        this.dir = report.dir();
    }

    /** Builds everything and returns the report's files, index.html first. */
    List<String> build() {
        figure2();
        figure3();
        figure4();
        figure5();
        figure6();
        figure11();
        figure12();
        adaptive();
        minority();
        return report.write("When to ask a question: the stylized model, exactly", INTRO);
    }

    private static final String INTRO = "<p>This page regenerates the analyses of Figures 2–6, 11 and 12 of <em>When "
        + "to Ask a Question</em> with Askwise's exact solver, and adds the optimal adaptive policy. Conventions "
        + "(docs/model.md): two clusters, cluster 0 (prior p) with base vector 0ⁿ and cluster 1 with 1ⁿ; each bit flips "
        + "with probability ε; utility <code>U = n − m − c·k</code> (m mistakes among the guessed features, k questions "
        + "of cost c); welfare <code>EDE_γ = M_{1−γ}(U + s) − s</code> with s = 1 (γ = 0 utilitarian, 1 Nash, ∞ "
        + "maximin). Ties go to fewer questions and smaller responses. Every number is exact (no sampling); each figure "
        + "links its SVG and CSV.</p>";

    private static Analysis analyze(int n, double p, double eps, double cost, double gamma, boolean adaptive) {
        return StylizedAnalysis.analyze(SymmetricMixture.of(n, p, eps), cost, WelfareFunction.of(gamma), adaptive);
    }

    private static double[] grid(double start, double stop, double step) {
        int count = (int) Math.round((stop - start) / step) + 1;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.round((start + i * step) * 1e9) / 1e9;
        }
        return out;
    }

    private void save(XYChart chart, String base) {
        report.chart(chart, base);
    }

    private void csv(CsvFile csv, String base) {
        report.csv(csv, base);
    }

    private void section(String id, String title, String caption, String... bases) {
        report.section(id, title, caption, bases);
    }

    private void section(String id, String title, String caption, String[] labels, String[] bases) {
        report.section(id, title, caption, labels, bases);
    }

    /** Figure 2 / Lemma 2: E[U] against ε for k = 0..3 at p = ½. */
    private void figure2() {
        int n = 10;
        double[] eps = grid(0, 0.5, 0.005);
        double[][] u = new double[4][eps.length];
        CsvFile csv = new CsvFile("eps", "k0", "k1", "k2", "k3", "kStar");
        for (int i = 0; i < eps.length; i++) {
            Analysis a = analyze(n, 0.5, eps[i], 1, 0, false);
            for (int k = 0; k < 4; k++) {
                u[k][i] = a.forK(k).meanUtility();
            }
            csv.row(eps[i], u[0][i], u[1][i], u[2][i], u[3][i], a.kStar());
        }
        XYChart chart = Figures.lineChart("Expected utility against noise, p = 0.5 (n = 10, c = 1)",
            "eps (flip rate)", "E[U]");
        for (int k = 0; k < 4; k++) {
            chart.addSeries("k = " + k, eps, u[k]).setMarker(SeriesMarkers.NONE);
        }
        save(chart, "fig2-lemma2");
        csv(csv, "fig2-lemma2");
        double threshold = (1 - 1 / Math.sqrt(n - 1)) / 2;
        section("fig2", "Figure 2 — Lemma 2: one question or none",
            String.format(Locale.ROOT, "Lemma 2 (p = ½, γ = 0, c = 1, n = %d): one question beats none exactly when "
                + "ε &lt; (1 − 1/√(n−1))/2 = %.4f, where the k = 1 curve crosses k = 0 (%.1f); above it asking "
                + "nothing is optimal. Several questions never beat one here.", n, threshold, n / 2.0),
            "fig2-lemma2");
    }

    /** Figure 3 / Lemma 3: the gain of the best k &gt; 0 over k = 0 for unequal clusters. */
    private void figure3() {
        int n = 10;
        double[] eps = grid(0, 0.5, 0.005);
        double[] ps = {0.5, 0.7, 0.8, 0.85, 0.9, 0.95};
        double[][] gain = new double[ps.length][eps.length];
        String[] header = new String[ps.length + 1];
        header[0] = "eps";
        for (int j = 0; j < ps.length; j++) {
            header[j + 1] = "gain_p" + Json.number(ps[j]);
        }
        CsvFile csv = new CsvFile(header);
        for (int i = 0; i < eps.length; i++) {
            Object[] row = new Object[ps.length + 1];
            row[0] = eps[i];
            for (int j = 0; j < ps.length; j++) {
                Analysis a = analyze(n, ps[j], eps[i], 1, 0, false);
                double best = Double.NEGATIVE_INFINITY;
                for (int k = 1; k <= n; k++) {
                    best = Math.max(best, a.forK(k).meanUtility());
                }
                gain[j][i] = best - a.forK(0).meanUtility();
                row[j + 1] = gain[j][i];
            }
            csv.row(row);
        }
        XYChart chart = Figures.lineChart("Gain from asking, unequal clusters (n = 10, c = 1, gamma = 0)",
            "eps (flip rate)", "max_k>0 E[U](k) - E[U](0)");
        for (int j = 0; j < ps.length; j++) {
            chart.addSeries("p = " + Json.number(ps[j]), eps, gain[j]).setMarker(SeriesMarkers.NONE);
        }
        double[] zero = new double[eps.length];
        XYSeries z = chart.addSeries("no gain", eps, zero);
        z.setMarker(SeriesMarkers.NONE);
        z.setLineStyle(SeriesLines.DASH_DASH);
        z.setLineColor(java.awt.Color.GRAY);
        save(chart, "fig3-lemma3");
        csv(csv, "fig3-lemma3");
        section("fig3", "Figure 3 — Lemma 3: a strong majority is never asked",
            String.format(Locale.ROOT, "Lemma 3 (c = 1, γ = 0, n = %d): when max(p, 1−p) ≥ 1 − 1/n = %.2f the best "
                + "number of questions gains nothing over guessing for every ε (curves p = 0.9 and 0.95 stay at or "
                + "below 0), so the minority cluster is never asked about its preferences.", n, 1 - 1.0 / n),
            "fig3-lemma3");
    }

    /** Figure 4: the k* landscape over (p, ε) for γ = 0 and γ = 2. */
    private void figure4() {
        int n = 10;
        double[] ps = grid(0, 1, 0.01);
        double[] eps = grid(0, 0.5, 0.005);
        List<String> bases = new ArrayList<>();
        for (double gamma : new double[] {0, 2}) {
            WelfareFunction w = WelfareFunction.of(gamma);
            int[][] k = Landscape.kStar(n, 1, w, ps, eps);
            String base = LandscapeCommand.write(dir, n, 1, w, ps, eps, k);
            report.written(base + ".csv", base + ".png", base + ".svg");
            bases.add(base);
        }
        section("fig4", "Figure 4 — the landscape of k* over (p, ε)",
            "The optimal number of questions over 101 × 101 values of p and ε (n = 10, c = 1), for γ = 0 (first) "
                + "and γ = 2 (second). Ties go to fewer questions. Asking more than one question pays for intermediate"
                + " p and ε (§4.2.2); inequality aversion widens the region where asking pays.",
            new String[] {"(a) γ = 0 (utilitarian).", "(b) γ = 2."}, bases.toArray(new String[0]));
    }

    /** Figure 5: the optimal response g*(r) for several γ at k = 4. */
    private void figure5() {
        int n = 10;
        int k = 4;
        double[] r = grid(0, k, 1);
        XYChart chart = Figures.lineChart("Optimal response g*(r) after k = 4 questions (n = 10, p = 0.5, eps = 0.1)",
            "r (ones among the k answers)", "g*(r): ones among the 6 guessed features");
        String[] header = new String[GAMMAS.length + 1];
        header[0] = "r";
        double[][] g = new double[GAMMAS.length][k + 1];
        for (int j = 0; j < GAMMAS.length; j++) {
            header[j + 1] = "gamma_" + WelfareFunction.formatGamma(GAMMAS[j]);
            int[] resp = analyze(n, 0.5, 0.1, 1, GAMMAS[j], false).forK(k).response();
            for (int i = 0; i <= k; i++) {
                g[j][i] = resp[i];
            }
            chart.addSeries("gamma = " + WelfareFunction.formatGamma(GAMMAS[j]), r, g[j]);
        }
        CsvFile csv = new CsvFile(header);
        for (int i = 0; i <= k; i++) {
            Object[] row = new Object[GAMMAS.length + 1];
            row[0] = i;
            for (int j = 0; j < GAMMAS.length; j++) {
                row[j + 1] = (int) g[j][i];
            }
            csv.row(row);
        }
        save(chart, "fig5-responses");
        csv(csv, "fig5-responses");
        section("fig5", "Figure 5 — Lemmas 1, 5 and Theorem 1: how the response uses the answers",
            "γ = 0 (Lemma 1) puts every guess on the more likely cluster (0 or 6 ones); inequality-averse γ hedge "
                + "with mixed outputs (Lemma 5); at γ = ∞ (Theorem 1) g*(r) = 5 − k + r is distinct for every r: "
                + "the response moves with every answer. n = 10, p = 0.5, ε = 0.1, c = 1, k = 4.",
            "fig5-responses");
    }

    private static final double[] GAMMA_AXIS = grid(0, 10, 0.1);

    /** Figure 6 / Lemma 6: k* against γ for several ε. */
    private void figure6() {
        int n = 10;
        double[] eps = {0.05, 0.1, 0.2, 0.3};
        XYChart chart = Figures.lineChart("Optimal number of questions against inequality aversion (n = 10, p = 0.5)",
            "gamma (inequality aversion)", "k*");
        String[] header = new String[eps.length + 1];
        header[0] = "gamma";
        double[][] k = new double[eps.length][GAMMA_AXIS.length];
        int[] atInf = new int[eps.length];
        for (int j = 0; j < eps.length; j++) {
            header[j + 1] = "kStar_eps" + Json.number(eps[j]);
            for (int i = 0; i < GAMMA_AXIS.length; i++) {
                k[j][i] = StylizedAnalysis.optimalK(SymmetricMixture.of(n, 0.5, eps[j]), 1,
                    WelfareFunction.of(GAMMA_AXIS[i]));
            }
            atInf[j] = StylizedAnalysis.optimalK(SymmetricMixture.of(n, 0.5, eps[j]), 1, WelfareFunction.maximin());
            chart.addSeries("eps = " + Json.number(eps[j]), GAMMA_AXIS, k[j]).setMarker(SeriesMarkers.NONE);
        }
        CsvFile csv = new CsvFile(header);
        for (int i = 0; i < GAMMA_AXIS.length; i++) {
            Object[] row = new Object[eps.length + 1];
            row[0] = GAMMA_AXIS[i];
            for (int j = 0; j < eps.length; j++) {
                row[j + 1] = (int) k[j][i];
            }
            csv.row(row);
        }
        Object[] inf = new Object[eps.length + 1];
        inf[0] = "inf";
        StringBuilder infText = new StringBuilder();
        for (int j = 0; j < eps.length; j++) {
            inf[j + 1] = atInf[j];
            infText.append(j == 0 ? "" : ", ").append("ε = ").append(Json.number(eps[j])).append(": ").append(atInf[j]);
        }
        csv.row(inf);
        save(chart, "fig6-kstar-vs-gamma");
        csv(csv, "fig6-kstar-vs-gamma");
        section("fig6", "Figure 6 — Lemma 6: k* is not monotone in γ",
            "With little noise, more inequality aversion first raises the number of questions and then lowers it: "
                + "for large γ the worst-off user dominates and, with c = 1, answers cannot raise the smallest "
                + "utility. n = 10, p = 0.5, c = 1; γ from 0 to 10 in steps of 0.1. At γ = ∞: " + infText + ".",
            "fig6-kstar-vs-gamma");
    }

    /** Figure 11 / Lemma 5: g*(r) against γ at k = 2. */
    private void figure11() {
        int n = 10;
        int k = 2;
        double[][] g = new double[k + 1][GAMMA_AXIS.length];
        for (int i = 0; i < GAMMA_AXIS.length; i++) {
            int[] resp = analyze(n, 0.5, 0.1, 1, GAMMA_AXIS[i], false).forK(k).response();
            for (int r = 0; r <= k; r++) {
                g[r][i] = resp[r];
            }
        }
        XYChart chart = Figures.lineChart("Optimal response against inequality aversion, k = 2 (n = 10, p = 0.5, "
            + "eps = 0.1)", "gamma (inequality aversion)", "g*(r): ones among the 8 guessed features");
        CsvFile csv = new CsvFile("gamma", "g_r0", "g_r1", "g_r2");
        for (int r = 0; r <= k; r++) {
            chart.addSeries("r = " + r, GAMMA_AXIS, g[r]).setMarker(SeriesMarkers.NONE);
        }
        for (int i = 0; i < GAMMA_AXIS.length; i++) {
            csv.row(GAMMA_AXIS[i], (int) g[0][i], (int) g[1][i], (int) g[2][i]);
        }
        int[] inf = analyze(n, 0.5, 0.1, 1, INF, false).forK(k).response();
        csv.row("inf", inf[0], inf[1], inf[2]);
        save(chart, "fig11-response-vs-gamma");
        csv(csv, "fig11-response-vs-gamma");
        section("fig11", "Figure 11 — Lemma 5: hedging when the answers disagree",
            String.format(Locale.ROOT, "After one 0 and one 1 (r = 1), γ = 0 guesses all zeros (a tie broken to the "
                + "smaller response), while γ > 0 outputs a mix of zeros and ones; as γ grows all three responses "
                + "move towards the maximin response (%d, %d, %d) of Theorem 1. n = 10, p = 0.5, ε = 0.1, c = 1.",
                inf[0], inf[1], inf[2]), "fig11-response-vs-gamma");
    }

    /** Figure 12 / Lemmas 6–7: k* and the output entropy at k* against γ. */
    private void figure12() {
        int n = 10;
        double[] kStar = new double[GAMMA_AXIS.length];
        double[] entropy = new double[GAMMA_AXIS.length];
        CsvFile csv = new CsvFile("gamma", "kStar", "entropyBits");
        for (int i = 0; i < GAMMA_AXIS.length; i++) {
            Analysis a = analyze(n, 0.5, 0.1, 1, GAMMA_AXIS[i], false);
            kStar[i] = a.kStar();
            entropy[i] = a.best().entropyBits();
            csv.row(GAMMA_AXIS[i], a.kStar(), entropy[i]);
        }
        Analysis inf = analyze(n, 0.5, 0.1, 1, INF, false);
        csv.row("inf", inf.kStar(), inf.best().entropyBits());
        XYChart chart = Figures.lineChart("Questions and output diversity against inequality aversion (n = 10, "
            + "p = 0.5, eps = 0.1)", "gamma (inequality aversion)", "k*  /  entropy of outputs (bits)");
        chart.addSeries("k*", GAMMA_AXIS, kStar).setMarker(SeriesMarkers.NONE);
        chart.addSeries("H(g*(R)) at k*, bits", GAMMA_AXIS, entropy).setMarker(SeriesMarkers.NONE);
        save(chart, "fig12-entropy");
        csv(csv, "fig12-entropy");
        section("fig12", "Figure 12 — Lemmas 6 and 7: questions and output entropy",
            "k* rises from 1 (γ = 0) to 2 and falls back to 0, and the entropy of the outputs follows it: 1 bit at "
                + "γ = 0, 1.50 bits at γ = 2, 0 bits at γ = 5 — fairness and output diversity are not monotonically "
                + "related (Lemma 7). n = 10, p = 0.5, ε = 0.1, c = 1.", "fig12-entropy");
    }

    /** Beyond the paper: the optimal adaptive policy against the best fixed number of questions. */
    private void adaptive() {
        int n = 10;
        double[] ps = {0.5, 0.8};
        XYChart ede = Figures.lineChart("Adaptive stopping against the best fixed k (n = 10, eps = 0.1, c = 1)",
            "gamma (inequality aversion)", "EDE_gamma");
        XYChart questions = Figures.lineChart("Expected questions: adaptive policy and best fixed k (n = 10, eps = 0.1)",
            "gamma (inequality aversion)", "questions asked");
        CsvFile csv = new CsvFile("p", "gamma", "fixedKStar", "fixedEde", "adaptiveEde", "adaptiveGain",
            "adaptiveMeanQuestions");
        StringBuilder table = new StringBuilder();
        for (int pi = 0; pi < ps.length; pi++) {
            double p = ps[pi];
            java.awt.Color color = Figures.SERIES_COLORS[pi];
            double[] fixedEde = new double[GAMMA_AXIS.length];
            double[] adaptiveEde = new double[GAMMA_AXIS.length];
            double[] fixedK = new double[GAMMA_AXIS.length];
            double[] adaptiveQ = new double[GAMMA_AXIS.length];
            for (int i = 0; i < GAMMA_AXIS.length; i++) {
                Analysis a = analyze(n, p, 0.1, 1, GAMMA_AXIS[i], true);
                fixedEde[i] = a.best().ede();
                adaptiveEde[i] = a.adaptive().ede();
                fixedK[i] = a.kStar();
                adaptiveQ[i] = a.adaptive().meanQuestions();
                csv.row(p, GAMMA_AXIS[i], a.kStar(), fixedEde[i], adaptiveEde[i], a.adaptive().gainOverBestFixed(),
                    adaptiveQ[i]);
            }
            String suffix = " (p = " + Json.number(p) + ")";
            XYSeries f = ede.addSeries("best fixed k" + suffix, GAMMA_AXIS, fixedEde);
            f.setMarker(SeriesMarkers.NONE);
            f.setLineColor(color);
            XYSeries s = ede.addSeries("adaptive" + suffix, GAMMA_AXIS, adaptiveEde);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setLineColor(color);
            XYSeries fk = questions.addSeries("k*" + suffix, GAMMA_AXIS, fixedK);
            fk.setMarker(SeriesMarkers.NONE);
            fk.setLineColor(color);
            XYSeries q = questions.addSeries("adaptive, mean" + suffix, GAMMA_AXIS, adaptiveQ);
            q.setMarker(SeriesMarkers.NONE);
            q.setLineStyle(SeriesLines.DASH_DASH);
            q.setLineColor(color);
            for (double gamma : GAMMAS) {
                Analysis a = analyze(n, p, 0.1, 1, gamma, true);
                table.append(String.format(Locale.ROOT,
                    "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%+.4f</td>"
                        + "<td>%.3f</td><td>%.4f</td><td>%.3f</td></tr>%n", Json.number(p),
                    WelfareFunction.formatGamma(gamma), a.kStar(), a.best().ede(), a.best().meanUtility(),
                    a.adaptive().ede(), a.adaptive().gainOverBestFixed(), a.adaptive().meanQuestions(),
                    a.best().clusterMeanUtility()[1], a.best().entropyBits()));
                if (gamma == INF) {
                    csv.row(p, "inf", a.kStar(), a.best().ede(), a.adaptive().ede(), a.adaptive().gainOverBestFixed(),
                        a.adaptive().meanQuestions());
                }
            }
        }
        save(ede, "adaptive-ede");
        save(questions, "adaptive-questions");
        csv(csv, "adaptive-ede");
        csv(csv, "adaptive-questions");
        section("adaptive", "Beyond the paper — deciding after each answer",
            "The optimal adaptive policy (exact dynamic program over questions asked and ones seen) against the best "
                + "fixed number of questions: it is never worse, and it gains where the first answers already settle "
                + "the user's cluster (stop early) or leave it open (ask again). n = 10, ε = 0.1, c = 1, p = 0.5 and "
                + "0.8.", new String[] {"(a) Welfare EDE_γ: solid best fixed k, dashed adaptive.",
                    "(b) Questions: solid k*, dashed the adaptive policy's expected number."},
            new String[] {"adaptive-ede", "adaptive-questions"});
        report.raw("<section id=\"summary\"><h2>At a glance</h2>\n<table>\n<tr><th>p</th><th>γ</th><th>k*</th>"
            + "<th>EDE at k*</th><th>E[U] at k*</th><th>adaptive EDE</th><th>gain</th><th>adaptive questions</th>"
            + "<th>E[U | cluster 1] at k*</th><th>output entropy (bits)</th></tr>\n" + table
            + "</table>\n<p>n = 10, ε = 0.1, c = 1, s = 1. Cluster 1 (the all-ones cluster) is the minority when "
            + "p = 0.8.</p></section>\n");
    }

    /** The minority cluster's mean utility next to the majority's, against γ. */
    private void minority() {
        int n = 10;
        double p = 0.8;
        double[] major = new double[GAMMA_AXIS.length];
        double[] minor = new double[GAMMA_AXIS.length];
        double[] adaptiveMinor = new double[GAMMA_AXIS.length];
        CsvFile csv = new CsvFile("gamma", "kStar", "majorityMeanUtility", "minorityMeanUtility",
            "adaptiveMajority", "adaptiveMinority");
        for (int i = 0; i < GAMMA_AXIS.length; i++) {
            Analysis a = analyze(n, p, 0.1, 1, GAMMA_AXIS[i], true);
            FixedK best = a.best();
            major[i] = best.clusterMeanUtility()[0];
            minor[i] = best.clusterMeanUtility()[1];
            adaptiveMinor[i] = a.adaptive().clusterMeanUtility()[1];
            csv.row(GAMMA_AXIS[i], a.kStar(), major[i], minor[i], a.adaptive().clusterMeanUtility()[0],
                adaptiveMinor[i]);
        }
        XYChart chart = Figures.lineChart("Majority and minority utility at k* (n = 10, p = 0.8, eps = 0.1, c = 1)",
            "gamma (inequality aversion)", "mean utility E[U | cluster]");
        chart.addSeries("majority (80%)", GAMMA_AXIS, major).setMarker(SeriesMarkers.NONE);
        chart.addSeries("minority (20%)", GAMMA_AXIS, minor).setMarker(SeriesMarkers.NONE);
        XYSeries s = chart.addSeries("minority, adaptive", GAMMA_AXIS, adaptiveMinor);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setLineColor(Figures.SERIES_COLORS[1]);
        save(chart, "minority");
        csv(csv, "minority");
        section("minority", "Who pays for the majority's guess",
            "Under γ = 0 the assistant asks nothing and serves the 80% majority: the minority's mean utility is "
                + "about 1 of 10. Inequality aversion makes the assistant ask and hedge, and the minority's "
                + "utility rises at a small cost to the majority. n = 10, p = 0.8, ε = 0.1, c = 1.", "minority");
    }

}
