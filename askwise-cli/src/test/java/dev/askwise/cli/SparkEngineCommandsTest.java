package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine spark} from the command line, in the askwise-spark module's JVM on local[2]: compare's held-out
 * simulations give the local command's table and JSON to the last digit, and an exemplar model the local file.
 */
class SparkEngineCommandsTest {

    @Test
    void sparkCompareOnLocal2PrintsTheLocalTable(@TempDir Path tmp) throws Exception {
        Path data = ExperimentCommandsTest.syntheticSushi(Files.createDirectory(tmp.resolve("data")));
        String[] common = {"compare", "--data", "sushi:" + data, "--policies", "engine,voi,infogain-tree,never-ask,"
            + "random", "--gamma", "0,inf", "--folds", "2", "--model", "latent-class", "--clusters", "2"};
        CliRunner local = CliRunner.run(concat(common, "--out", tmp.resolve("local").toString()));
        assertThat(local.exitCode()).as(local.err()).isZero();
        CliRunner spark = fromRepositoryRoot(concat(common, "--engine", "spark", "--master", "local[2]", "--out",
            tmp.resolve("spark").toString()));
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        String table = local.out().substring(0, local.out().indexOf("wrote "));
        assertThat(table).contains("engine", "random", "inf").hasLineCount(2 + 2 * 5);
        assertThat(spark.out()).startsWith(table);
        assertThat(Files.readString(tmp.resolve("spark").resolve("compare.json")))
            .isEqualTo(Files.readString(tmp.resolve("local").resolve("compare.json")));
        assertThat(tmp.resolve("spark").resolve("index.html")).exists();
    }

    @Test
    void anExemplarModelFittedOnSparkIsTheLocalFile(@TempDir Path tmp) throws Exception {
        String ml = "movielens:" + Path.of("..", "data", "movielens", "ml-latest-small").toAbsolutePath().normalize();
        CliRunner local = CliRunner.run("fit", "--data", ml, "--model", "exemplar", "--out",
            tmp.resolve("local.json").toString());
        assertThat(local.exitCode()).as(local.err()).isZero();
        CliRunner spark = fromRepositoryRoot("fit", "--data", ml, "--model", "exemplar", "--engine", "spark",
            "--master", "local[2]", "--partitions", "3", "--out", tmp.resolve("spark.json").toString());
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        assertThat(Files.readString(tmp.resolve("spark.json"))).isEqualTo(Files.readString(tmp.resolve("local.json")))
            .contains("askwise.exemplar");
        assertThat(spark.out()).contains("610 users, exemplar model with");
        CliRunner auto = CliRunner.run("fit", "--data", ml, "--model", "auto", "--engine", "spark", "--out",
            tmp.resolve("x.json").toString());
        assertThat(auto.exitCode()).isEqualTo(2);
        assertThat(auto.err().strip()).startsWith("askwise: --model auto needs --engine local");
    }

    /** Runs the CLI with askwise.home at the repository root, where the launcher finds askwise-spark/target. */
    private static CliRunner fromRepositoryRoot(String... args) {
        String home = System.getProperty("askwise.home");
        System.setProperty("askwise.home", Path.of("..").toAbsolutePath().normalize().toString());
        try {
            return CliRunner.run(args);
        } finally {
            if (home == null) {
                System.clearProperty("askwise.home");
            } else {
                System.setProperty("askwise.home", home);
            }
        }
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
