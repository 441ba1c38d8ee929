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
        files = Files.list(dir).map(p -> p.getFileName().toString()).toList();
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
}
