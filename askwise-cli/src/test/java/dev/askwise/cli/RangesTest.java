package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void inclusiveDecimalGrid() {
        double[] v = Ranges.parse("--p", "0:1:0.01");
        assertThat(v).hasSize(101);
        assertThat(v[57]).isEqualTo(0.57);
        assertThat(v[100]).isEqualTo(1.0);
        assertThat(Ranges.parse("--eps", "0:0.5:0.005")).hasSize(101);
        assertThat(Ranges.parse("--eps", "0:0.5:0.3")).containsExactly(0, 0.3);
    }

    @Test
    void listsAndSingleValues() {
        assertThat(Ranges.parse("--p", "0.1, 0.2,0.5")).containsExactly(0.1, 0.2, 0.5);
        assertThat(Ranges.parse("--p", "0.5")).containsExactly(0.5);
    }

    @Test
    void rejectsMalformed() {
        for (String bad : new String[] {"1:0:0.1", "0:1:0", "0:1:-0.1", "a:b:c", "0:1", "", "0,,1"}) {
            assertThatThrownBy(() -> Ranges.parse("--p", bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--p must be START:STOP:STEP");
        }
        assertThatThrownBy(() -> Ranges.parse("--p", "0:1:0.000001")).hasMessageContaining("more than 100001 points");
    }

    /** A repeated item fails before any work, as one line naming the option (it used to fail at the end of a run). */
    @Test
    void repeatedItemsAreRefusedBeforeTheRun() {
        assertThatThrownBy(() -> Ranges.parse("--cost", "0.1,0.1")).hasMessage("--cost lists 0.1 twice");
        for (String[] args : new String[][] {
            {"compare", "--data", "movielens", "--gamma", "2,2", "--out", "unused"},
            {"compare", "--data", "movielens", "--gamma", "inf,INF", "--out", "unused"},
            {"compare", "--data", "movielens", "--policies", "engine,engine", "--out", "unused"},
            {"sushi", "--data", "unused", "--gamma", "0,1,0", "--out", "unused"},
            {"landscape", "--gamma", "5,5", "--out", "unused"}}) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip()).as(String.join(" ", args)).matches("askwise: --(gamma|policies) lists \\S+ twice");
        }
        assertThat(new java.io.File("unused")).doesNotExist();
    }

    /** --clusters sizes a latent-class model; with --model exemplar it is a contradiction, not silently dropped. */
    @Test
    void clustersWithTheExemplarModelIsRefused() {
        for (String cmd : new String[] {"compare", "fit"}) {
            CliRunner r = CliRunner.run(cmd, "--data", "movielens", "--clusters", "3", "--model", "exemplar", "--out",
                "unused");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().strip()).startsWith("askwise: --clusters 3 sizes a latent-class model");
        }
    }

    /** One user cannot be split into folds: say so, not "--folds must be in [2, 1]". */
    @Test
    void compareOnOneUserSaysWhy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("sushi3a.5000.10.order"), "10 1\n0 10 5 0 3 4 6 9 8 1 7 2\n");
        CliRunner r = CliRunner.run("compare", "--data", "sushi:" + dir, "--out", dir.resolve("c").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("askwise: compare needs at least 2 users to hold some out; sushi:" + dir
            + " has 1");
    }
}
