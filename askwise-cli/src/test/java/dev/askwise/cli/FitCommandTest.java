package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.model.LatentClassModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {

    private static final String ML = "movielens:" + Path.of("..", "data", "movielens", "ml-latest-small");

    @Test
    void fitsAndSavesALoadableModel(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("m.json");
        CliRunner r = CliRunner.run("fit", "--data", ML, "--clusters", "3", "--seed", "4", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("movielens: 610 users, K=3 (given)").contains("converged=true");
        LatentClassModel m = LatentClassModel.fromJson(Files.readString(out));
        assertThat(m.clusters()).isEqualTo(3);
        assertThat(m.schema().size()).isEqualTo(12);
        // same seed, same model
        Path again = tmp.resolve("again.json");
        CliRunner.run("fit", "--data", ML, "--clusters", "3", "--seed", "4", "--out", again.toString());
        assertThat(Files.readString(again)).isEqualTo(Files.readString(out));
    }

    @Test
    void reportsNonConvergenceAndBadInput(@TempDir Path tmp) {
        CliRunner r = CliRunner.run("fit", "--data", ML, "--clusters", "4", "--max-iterations", "2", "--restarts", "1",
            "--out", tmp.resolve("m.json").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("converged=false");
        assertThat(r.err()).contains("warning: EM did not converge within 2 iterations");
        CliRunner bad = CliRunner.run("fit", "--data", ML, "--clusters", "many", "--out", tmp.resolve("x").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("askwise: --clusters must be a positive integer or auto: 'many'");
        CliRunner zero = CliRunner.run("fit", "--data", ML, "--clusters", "0", "--out", tmp.resolve("x").toString());
        assertThat(zero.err().strip()).isEqualTo("askwise: clusters must be in [1, 1000]: 0");
    }
}
