package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code askwise compare --engine spark}: the held-out simulations in the askwise-spark module's JVM on local[2] give
 * the local command's table and JSON, to the last digit.
 */
class CompareOnSparkTest {

    @Test
    void sparkCompareOnLocal2PrintsTheLocalTable(@TempDir Path tmp) throws Exception {
        Path data = ExperimentCommandsTest.syntheticSushi(Files.createDirectory(tmp.resolve("data")));
        String[] common = {"compare", "--data", "sushi:" + data, "--policies", "engine,voi,infogain-tree,never-ask,"
            + "random", "--gamma", "0,inf", "--folds", "2", "--model", "latent-class", "--clusters", "2"};
        CliRunner local = CliRunner.run(concat(common, "--out", tmp.resolve("local").toString()));
        assertThat(local.exitCode()).as(local.err()).isZero();
        String home = System.getProperty("askwise.home");
        System.setProperty("askwise.home", Path.of("..").toAbsolutePath().normalize().toString());
        CliRunner spark;
        try {
            spark = CliRunner.run(concat(common, "--engine", "spark", "--master", "local[2]", "--out",
                tmp.resolve("spark").toString()));
        } finally {
            if (home == null) {
                System.clearProperty("askwise.home");
            } else {
                System.setProperty("askwise.home", home);
            }
        }
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        String table = local.out().substring(0, local.out().indexOf("wrote "));
        assertThat(table).contains("engine", "random", "inf").hasLineCount(2 + 2 * 5);
        assertThat(spark.out()).startsWith(table);
        assertThat(Files.readString(tmp.resolve("spark").resolve("compare.json")))
            .isEqualTo(Files.readString(tmp.resolve("local").resolve("compare.json")));
        assertThat(tmp.resolve("spark").resolve("index.html")).exists();
    }

    @Test
    void engineAndMasterAreCheckedBeforeAnythingRuns(@TempDir Path tmp) {
        CliRunner engine = CliRunner.run("compare", "--engine", "flink", "--out", tmp.toString());
        assertThat(engine.exitCode()).isEqualTo(2);
        assertThat(engine.err().strip()).isEqualTo("askwise: --engine must be local or spark: 'flink'");
        CliRunner master = CliRunner.run("compare", "--master", "local[2]", "--out", tmp.toString());
        assertThat(master.exitCode()).isEqualTo(2);
        assertThat(master.err().strip()).isEqualTo("askwise: --master needs --engine spark: 'local[2]'");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
