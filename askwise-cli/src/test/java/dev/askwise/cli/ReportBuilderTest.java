package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {

    @TempDir
    static Path dir;
    static List<String> files;
    static String html;

    @BeforeAll
    static void build() throws Exception {
        CliRunner r = CliRunner.run("report", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (var list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString()).toList();
        }
        html = Files.readString(dir.resolve("index.html"));
    }

    @Test
    void everyReferencedFileExistsAndEveryFigureHasSvgAndCsv() {
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int refs = 0;
        while (m.find()) {
            assertThat(files).contains(m.group(1));
            refs++;
        }
        assertThat(refs).isGreaterThanOrEqualTo(30);
        for (String f : files) {
            if (f.endsWith(".png")) {
                String base = f.substring(0, f.length() - 4);
                assertThat(files).contains(base + ".svg", base + ".csv");
            }
        }
    }

    @Test
    void coversThePapersFiguresWithCaptionsNamingTheLemmas() {
        for (String id : new String[] {"fig2", "fig3", "fig4", "fig5", "fig6", "fig11", "fig12", "adaptive",
            "minority", "summary"}) {
            assertThat(html).contains("<section id=\"" + id + "\">");
        }
        assertThat(html).contains("Lemma 2").contains("Lemma 3").contains("Lemma 5").contains("Lemma 6")
            .contains("Lemma 7").contains("Theorem 1").contains("n = 10");
    }

    /** The CSV data carry the exact values: k*(γ) at ε = 0.1 is 1, 2, 0 for γ = 0, 2, 5 (Lemma 6). */
    @Test
    void csvDataMatchTheExactAnalysis() throws Exception {
        List<String> rows = Files.readAllLines(dir.resolve("fig6-kstar-vs-gamma.csv"));
        assertThat(rows.get(0)).isEqualTo("gamma,kStar_eps0.05,kStar_eps0.1,kStar_eps0.2,kStar_eps0.3");
        assertThat(rows.get(1).split(",")[2]).isEqualTo("1");
        assertThat(rows.get(21).split(",")[0]).isEqualTo("2");
        assertThat(rows.get(21).split(",")[2]).isEqualTo("2");
        assertThat(rows.get(51).split(",")[2]).isEqualTo("0");
        assertThat(rows.get(rows.size() - 1)).startsWith("inf,");
        List<String> entropy = Files.readAllLines(dir.resolve("fig12-entropy.csv"));
        assertThat(entropy.get(1)).isEqualTo("0,1,1");
        assertThat(entropy.get(51)).isEqualTo("5,0,0");
    }

    private static List<double[]> columns(String file) throws Exception {
        List<String> rows = Files.readAllLines(dir.resolve(file));
        int cols = rows.get(0).split(",").length;
        List<double[]> out = new java.util.ArrayList<>();
        for (int c = 0; c < cols; c++) {
            out.add(new double[0]);
        }
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            if (cells[0].equals("inf")) {
                continue;
            }
            for (int c = 0; c < cols; c++) {
                double[] a = java.util.Arrays.copyOf(out.get(c), out.get(c).length + 1);
                a[a.length - 1] = Double.parseDouble(cells[c]);
                out.set(c, a);
            }
        }
        return out;
    }

    private static String caption(String section) {
        int at = html.indexOf("<section id=\"" + section + "\">");
        int end = html.indexOf("</section>", at);
        return html.substring(at, end);
    }

    /** The minority caption's claims, checked against the CSV beside the figure (not against the caption code). */
    @Test
    void minorityCaptionMatchesItsCsv() throws Exception {
        List<double[]> c = columns("minority.csv");
        double[] major = c.get(2);
        double[] minor = c.get(3);
        String text = caption("minority");
        assertThat(text).doesNotContain("small cost").doesNotContain("utility rises at");
        double majorLoss = major[0] - major[major.length - 1];
        assertThat(majorLoss).isPositive();
        assertThat(text).contains("the majority loses " + Captions.num(majorLoss));
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 1; i < minor.length; i++) {
            lowest = Math.min(lowest, minor[i]);
        }
        assertThat(text).contains("minority is lowest at " + Captions.num(lowest));
        assertThat(text).contains("majority " + Captions.num(major[0]) + ", minority " + Captions.num(minor[0]));
    }

    /** Figure 5: the γ columns of the CSV that are equal are the ones the caption says coincide. */
    @Test
    void figureFiveSaysWhichLinesCoincide() throws Exception {
        List<double[]> c = columns("fig5-responses.csv");
        assertThat(c.get(2)).containsExactly(c.get(3));
        assertThat(c.get(3)).containsExactly(c.get(4));
        assertThat(caption("fig5")).contains("The lines of γ = 0.5, γ = 1 and γ = 2 coincide")
            .contains("shifted sideways");
        // Figure 12's entropy at γ = 0, 2 and 5 as the caption states them
        List<double[]> e = columns("fig12-entropy.csv");
        assertThat(caption("fig12")).contains("in bits " + Captions.num(e.get(2)[0]) + " at γ = 0, "
            + Captions.num(e.get(2)[20]) + " at γ = 2");
    }
}
