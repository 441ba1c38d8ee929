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
        double lastAbove = Double.NaN;
        double moreOverOne = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < eps.length; i++) {
            if (u[1][i] > u[0][i] + 1e-12) {
                lastAbove = eps[i];
            }
            moreOverOne = Math.max(moreOverOne, Math.max(u[2][i], u[3][i]) - u[1][i]);
        }
        String several = moreOverOne <= 1e-12 ? "k = 2 and 3 never beat k = 1 on this grid"
            : "k = 2 or 3 beats k = 1 somewhere on this grid (by up to " + Captions.num(moreOverOne) + ")";
        section("fig2", "Figure 2 — Lemma 2: one question or none",
            String.format(Locale.ROOT, "Lemma 2 (p = ½, γ = 0, c = 1, n = %d): one question beats none exactly when "
                + "ε &lt; (1 − 1/√(n−1))/2 = %.4f; on the plotted grid the k = 1 curve is above k = 0 (flat at %s) "
                + "up to ε = %s and not above it from there on, where asking nothing is optimal; %s.", n, threshold,
                Captions.num(u[0][0]), Captions.num(lastAbove), several),
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
        List<String> never = new ArrayList<>();
        List<String> sometimes = new ArrayList<>();
        for (int j = 0; j < ps.length; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : gain[j]) {
                max = Math.max(max, v);
            }
            (max <= 1e-12 ? never : sometimes).add("p = " + Json.number(ps[j]));
        }
        section("fig3", "Figure 3 — Lemma 3: a strong majority is never asked",
            String.format(Locale.ROOT, "Lemma 3 (c = 1, γ = 0, n = %d): when max(p, 1−p) ≥ 1 − 1/n = %.2f the best "
                + "number of questions gains nothing over guessing for every ε, so the minority cluster is never "
                + "asked about its preferences. On the plotted grid the curves of %s stay at or below 0%s.", n,
                1 - 1.0 / n, never.isEmpty() ? "no p" : Captions.join(never),
                sometimes.isEmpty() ? "" : "; those of " + Captions.join(sometimes) + " rise above 0 for some ε"),
            "fig3-lemma3");
    }

    /** Figure 4: the k* landscape over (p, ε) for γ = 0 and γ = 2. */
    private void figure4() {
        int n = 10;
        double[] ps = grid(0, 1, 0.01);
        double[] eps = grid(0, 0.5, 0.005);
        List<String> bases = new ArrayList<>();
        double[] asking = new double[2];
        double[] several = new double[2];
        int gi = 0;
        for (double gamma : new double[] {0, 2}) {
            WelfareFunction w = WelfareFunction.of(gamma);
            int[][] k = Landscape.kStar(n, 1, w, ps, eps);
            for (int[] row : k) {
                for (int v : row) {
                    asking[gi] += v > 0 ? 1 : 0;
                    several[gi] += v > 1 ? 1 : 0;
                }
            }
            asking[gi] /= ps.length * eps.length;
            several[gi] /= ps.length * eps.length;
            gi++;
            String base = LandscapeCommand.write(dir, n, 1, w, ps, eps, k);
            report.written(base + ".csv", base + ".png", base + ".svg");
            bases.add(base);
        }
        section("fig4", "Figure 4 — the landscape of k* over (p, ε)",
            "The optimal number of questions over 101 × 101 values of p and ε (n = 10, c = 1), for γ = 0 (first) "
                + "and γ = 2 (second). Ties go to fewer questions. " + String.format(Locale.ROOT, "Asking pays (k* ≥ 1) "
                + "in %.1f%% of the grid at γ = 0 and %.1f%% at γ = 2 (inequality aversion %s the region); more than "
                + "one question (k* ≥ 2) in %.1f%% and %.1f%%.", 100 * asking[0], 100 * asking[1],
                asking[1] > asking[0] ? "widens" : asking[1] < asking[0] ? "narrows" : "leaves unchanged",
                100 * several[0], 100 * several[1]),
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
        }
        String[] names = new String[GAMMAS.length];
        for (int j = 0; j < GAMMAS.length; j++) {
            names[j] = "γ = " + WelfareFunction.formatGamma(GAMMAS[j]);
        }
        // series that coincide are shifted sideways around r so that each stays visible
        double[] shift = new double[GAMMAS.length];
        boolean[] grouped = new boolean[GAMMAS.length];
        for (int j = 0; j < GAMMAS.length; j++) {
            if (grouped[j]) {
                continue;
            }
            List<Integer> group = new ArrayList<>(List.of(j));
            for (int m = j + 1; m < GAMMAS.length; m++) {
                if (!grouped[m] && Captions.same(g[j], g[m])) {
                    group.add(m);
                    grouped[m] = true;
                }
            }
            for (int i = 0; i < group.size(); i++) {
                shift[group.get(i)] = (i - (group.size() - 1) / 2.0) * 0.08;
            }
        }
        for (int j = 0; j < GAMMAS.length; j++) {
            double[] x = new double[k + 1];
            for (int i = 0; i <= k; i++) {
                x[i] = r[i] + shift[j];
            }
            chart.addSeries("gamma = " + WelfareFunction.formatGamma(GAMMAS[j]), x, g[j]);
        }
        Figures.distinguish(chart);
        boolean allOrNothing = true;
        for (double v : g[0]) {
            allOrNothing &= v == 0 || v == n - k;
        }
        boolean maximinDistinct = true;
        for (int i = 0; i <= k; i++) {
            maximinDistinct &= g[GAMMAS.length - 1][i] == Math.max(0, Math.min(n - k, 5 - k + i));
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
            (allOrNothing ? "γ = 0 (Lemma 1) puts every guess on the more likely cluster (0 or " + (n - k) + " ones); "
                : "γ = 0 does not put every guess on one cluster here; ")
                + "inequality-averse γ hedge with mixed outputs (Lemma 5); "
                + (maximinDistinct ? "at γ = ∞ (Theorem 1) g*(r) = 5 − k + r is distinct for every r: the response "
                    + "moves with every answer. " : "at γ = ∞ the response differs from Theorem 1's 5 − k + r. ")
                + Captions.coinciding(names, g) + " Coinciding lines are shifted sideways by 0.08 around each r. "
                + "n = 10, p = 0.5, ε = 0.1, c = 1, k = 4.",
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
        StringBuilder moves = new StringBuilder();
        for (int j = 0; j < eps.length; j++) {
            int hi = Captions.argExtreme(k[j], true);
            moves.append(j == 0 ? "" : "; ").append("ε = ").append(Json.number(eps[j])).append(": k* ")
                .append(Captions.direction(k[j])).append(", ").append(Captions.num(k[j][0])).append(" at γ = 0, ")
                .append("at most ").append(Captions.num(k[j][hi])).append(" (first at γ = ")
                .append(Captions.num(GAMMA_AXIS[hi])).append("), ").append(Captions.num(k[j][GAMMA_AXIS.length - 1]))
                .append(" at γ = 10");
        }
        section("fig6", "Figure 6 — Lemma 6: k* is not monotone in γ",
            "How k* moves with inequality aversion, from the plotted values: " + moves + ". Where it rises and then "
                + "falls, the worst-off user dominates at large γ and, with c = 1, answers cannot raise the smallest "
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
        int last = GAMMA_AXIS.length - 1;
        int mixedFrom = -1;
        for (int i = 1; i < GAMMA_AXIS.length && mixedFrom < 0; i++) {
            if (g[1][i] > 0 && g[1][i] < n - k) {
                mixedFrom = i;
            }
        }
        section("fig11", "Figure 11 — Lemma 5: hedging when the answers disagree",
            String.format(Locale.ROOT, "After one 0 and one 1 (r = 1), γ = 0 guesses %s ones among the %d guessed "
                + "features%s; %s. At γ = 10 the responses are (%s, %s, %s) for r = 0, 1, 2, and at γ = ∞ (Theorem 1) "
                + "(%d, %d, %d). n = 10, p = 0.5, ε = 0.1, c = 1.", Captions.num(g[1][0]), n - k,
                g[1][0] == 0 ? " (all zeros: a tie broken to the smaller response)" : "",
                mixedFrom < 0 ? "no γ in (0, 10] gives a mixed response" : "from γ = "
                    + Captions.num(GAMMA_AXIS[mixedFrom]) + " the response mixes zeros and ones",
                Captions.num(g[0][last]), Captions.num(g[1][last]), Captions.num(g[2][last]), inf[0], inf[1],
                inf[2]), "fig11-response-vs-gamma");
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
        int hi = Captions.argExtreme(kStar, true);
        section("fig12", "Figure 12 — Lemmas 6 and 7: questions and output entropy",
            String.format(Locale.ROOT, "From the plotted values: k* %s, %s at γ = 0, at most %s (first at γ = %s), "
                + "%s at γ = 10; the entropy of the outputs at k* %s, in bits %s at γ = 0, %s at γ = 2, %s at γ = 5 "
                + "and %s at γ = 10 — fairness and output diversity are %s related (Lemma 7). n = 10, p = 0.5, ε = 0.1, "
                + "c = 1.", Captions.direction(kStar), Captions.num(kStar[0]), Captions.num(kStar[hi]),
                Captions.num(GAMMA_AXIS[hi]), Captions.num(kStar[kStar.length - 1]), Captions.direction(entropy),
                Captions.num(entropy[0]), Captions.num(entropy[20]), Captions.num(entropy[50]),
                Captions.num(entropy[entropy.length - 1]),
                Captions.direction(entropy).contains(",") || Captions.direction(entropy).contains("and")
                    ? "not monotonically" : "monotonically"),
            "fig12-entropy");
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
        double minGain = Double.POSITIVE_INFINITY;
        double maxGain = Double.NEGATIVE_INFINITY;
        String maxAt = "";
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
                double gain = a.adaptive().gainOverBestFixed();
                minGain = Math.min(minGain, gain);
                if (gain > maxGain) {
                    maxGain = gain;
                    maxAt = "p = " + Json.number(p) + ", γ = " + Captions.num(GAMMA_AXIS[i]);
                }
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
                    "<tr><td>%s</td><td>%s</td><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%s</td>"
                        + "<td>%.3f</td><td>%.4f</td><td>%.3f</td></tr>%n", Json.number(p),
                    WelfareFunction.formatGamma(gamma), a.kStar(), a.best().ede(), a.best().meanUtility(),
                    a.adaptive().ede(), Numbers.signed(a.adaptive().gainOverBestFixed(), 4),
                    a.adaptive().meanQuestions(),
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
                + "fixed number of questions. On the plotted γ its gain in EDE ranges from " + Captions.num(minGain)
                + " to " + Captions.num(maxGain) + " (at " + maxAt + ")" + (minGain >= -1e-9 ? ": never worse" : "")
                + "; it gains where the first answers already settle the user's cluster (stop early) or leave it "
                + "open (ask again). n = 10, ε = 0.1, c = 1, p = 0.5 and 0.8.", new String[] {"(a) Welfare EDE_γ: solid best fixed k, dashed adaptive.",
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
        Figures.distinguish(chart);
        save(chart, "minority");
        csv(csv, "minority");
        section("minority", "Who pays for the majority's guess", minorityCaption(GAMMA_AXIS, major, minor,
            adaptiveMinor, analyze(n, p, 0.1, 1, 0, false).kStar()), "minority");
    }

    /**
     * The minority figure's caption, every claim computed from the plotted series: where each group starts, how it
     * moves, and what the majority gives up against what the minority gains.
     */
    static String minorityCaption(double[] gamma, double[] major, double[] minor, double[] adaptiveMinor, int kAtZero) {
        int last = gamma.length - 1;
        double majorChange = major[last] - major[0];
        double minorChange = minor[last] - minor[0];
        int lowMinor = 1 + Captions.argExtreme(java.util.Arrays.copyOfRange(minor, 1, minor.length), false);
        return String.format(Locale.ROOT, "At γ = 0 the assistant asks %s and serves the 80%% majority: majority "
            + "%s, minority %s (of 10). Over γ from 0 to 10 the majority's mean utility %s and the minority's %s; "
            + "for γ > 0 the minority is lowest at %s (γ = %s). From γ = 0 to γ = 10 the majority %s %s and the "
            + "minority %s %s. Dashed: the minority under the adaptive policy, which %s. n = 10, p = 0.8, ε = 0.1, "
            + "c = 1.", kAtZero == 0 ? "nothing" : kAtZero + " question" + (kAtZero == 1 ? "" : "s"),
            Captions.num(major[0]), Captions.num(minor[0]), Captions.trend("γ", gamma, major),
            Captions.trend("γ", gamma, minor), Captions.num(minor[lowMinor]), Captions.num(gamma[lowMinor]),
            majorChange < 0 ? "loses" : "gains", Captions.num(Math.abs(majorChange)),
            minorChange < 0 ? "loses" : "gains", Captions.num(Math.abs(minorChange)),
            Captions.trend("γ", gamma, adaptiveMinor));
    }
}
