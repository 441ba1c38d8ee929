package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.analysis.Landscape;
import dev.askwise.welfare.WelfareFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandscapeCommandTest {

    @Test
    void writesCsvAndHeatmapsPerGamma(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("landscape", "--n", "10", "--gamma", "0,inf", "--cost", "1", "--p", "0:1:0.25",
            "--eps", "0:0.5:0.1", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("gamma=0: 5 x 6 grid").contains("gamma=inf: 5 x 6 grid");
        List<String> lines = Files.readAllLines(dir.resolve("kstar-gamma-0.csv"));
        assertThat(lines.get(0)).isEqualTo("p,eps,kStar");
        assertThat(lines).hasSize(1 + 5 * 6);
        int[][] expected = Landscape.kStar(10, 1, WelfareFunction.utilitarian(), new double[] {0, 0.25, 0.5, 0.75, 1},
            new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5});
        // row for p = 0.5, eps = 0.1 (index 2*6 + 1) and every other row
        assertThat(lines.get(1 + 2 * 6 + 1)).isEqualTo("0.5,0.1,1");
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 6; j++) {
                assertThat(lines.get(1 + i * 6 + j)).endsWith("," + expected[i][j]);
            }
        }
        byte[] png = Files.readAllBytes(dir.resolve("kstar-gamma-0.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(dir.resolve("kstar-gamma-inf.svg"))).contains("<svg").contains("k* = 0");
    }

    @Test
    void malformedRangeIsBadInput(@TempDir Path dir) {
        CliRunner r = CliRunner.run("landscape", "--eps", "0:0.5", "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("askwise: --eps must be START:STOP:STEP with STEP > 0 and START <= "
            + "STOP, a comma list or a number: '0:0.5'");
        CliRunner missing = CliRunner.run("landscape");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--out=DIR'");
        CliRunner p = CliRunner.run("landscape", "--p", "0:2:0.5", "--out", dir.toString());
        assertThat(p.err().strip()).isEqualTo("askwise: p must be in [0, 1]: 1.5");
    }
}
