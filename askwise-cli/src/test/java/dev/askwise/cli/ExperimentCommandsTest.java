package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sushi and compare experiments end to end, on synthetic SUSHI-format files and the shipped MovieLens copy. */
class ExperimentCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 200 users in Kamishima's format whose rankings come from two taste groups. */
    static Path syntheticSushi(Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder order = new StringBuilder("10 1\n");
        StringBuilder users = new StringBuilder();
        for (int u = 0; u < 200; u++) {
            int group = random.nextInt(3) == 0 ? 1 : 0;
            double[] score = new double[10];
            Integer[] items = new Integer[10];
            for (int i = 0; i < 10; i++) {
                score[i] = (group == 0 ? 10 - i : i) + 3 * random.nextGaussian();
                items[i] = i;
            }
            java.util.Arrays.sort(items, (a, b) -> Double.compare(score[b], score[a]));
            order.append("0 10");
            for (int i : items) {
                order.append(' ').append(i);
            }
            order.append('\n');
            users.append(u).append("\t").append(u % 2).append("\t").append(u % 6).append("\t300\t1\t1\t0\t1\t1\t")
                .append(group).append("\t0\n");
        }
        Files.writeString(dir.resolve("sushi3a.5000.10.order"), order);
        Files.writeString(dir.resolve("sushi3.udata"), users);
        return dir;
    }

    @Test
    void sushiWritesFiguresSevenAndEightAndJson(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        syntheticSushi(data);
        Path out = tmp.resolve("out");
        CliRunner r = CliRunner.run("sushi", "--data", data.toString(), "--cost", "0.1,0.5", "--gamma", "0,inf",
            "--folds", "3", "--format", "json", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("users").asInt()).isEqualTo(200);
        assertThat(root.get("results")).hasSize(4);
        JsonNode first = root.get("results").get(0);
        assertThat(first.get("edeInSample")).hasSize(11);
        assertThat(first.get("edeCrossValidated")).hasSize(11);
        // k = 0 asks nothing: everyone gets the same output, in-sample or not (the majority's top 2 differ by fold
        // only through the training users, so just check the range)
        assertThat(first.get("edeInSample").get(0).asDouble()).isBetween(6.0, 10.0);
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("Figure 7").contains("Figure 8").contains("cross-validated");
        assertThat(out.resolve("fig7-welfare-cost-0.1.png")).exists();
        assertThat(out.resolve("fig8-tradeoff-cost-0.5.svg")).exists();
        // the paper procedure: everyone asked k questions, so U = 10 - 0.1 k at k = 10 and meanQuestions = k
        assertThat(root.get("procedure").asText()).isEqualTo("paper");
        assertThat(first.get("procedure").asText()).isEqualTo("paper");
        assertThat(first.get("edeInSample").get(10).asDouble()).isCloseTo(9.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(first.get("meanQuestions")).hasSize(11);
        assertThat(first.get("meanQuestions").get(7).asDouble()).isEqualTo(7.0);
        assertThat(html).contains("both procedures").contains("informative, cross-validated");
    }

    @Test
    void sushiInformativeProcedureChargesOnlyTheQuestionsAsked(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        syntheticSushi(data);
        CliRunner r = CliRunner.run("sushi", "--data", data.toString(), "--cost", "0.1", "--gamma", "0",
            "--procedure", "informative", "--format", "json", "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode first = JSON.readTree(r.out()).get("results").get(0);
        assertThat(first.get("procedure").asText()).isEqualTo("informative");
        assertThat(first.get("meanQuestions").get(10).asDouble()).isLessThanOrEqualTo(10.0);
        CliRunner bad = CliRunner.run("sushi", "--data", data.toString(), "--procedure", "best", "--out",
            tmp.resolve("x").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("askwise: --procedure must be paper or informative: 'best'");
    }

    @Test
    void sushiWithOneUserSaysCrossValidationNeedsTwo(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("data"));
        Files.writeString(data.resolve("sushi3a.5000.10.order"), "10 1\n0 10 4 0 1 2 3 5 6 7 8 9\n");
        CliRunner r = CliRunner.run("sushi", "--data", data.toString(), "--out", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cross-validation needs at least 2 users").contains("has 1")
            .doesNotContain("[2, 1]");
        CliRunner folds = CliRunner.run("sushi", "--data", syntheticSushi(Files.createDirectory(tmp.resolve("d2")))
            .toString(), "--folds", "500", "--out", tmp.resolve("out2").toString());
        assertThat(folds.err().strip()).isEqualTo(
            "askwise: --folds must be between 2 and the number of users (200): 500");
    }

    @Test
    void compareOnMovieLensPutsTheOracleOnTop(@TempDir Path tmp) throws Exception {
        Path ml = Path.of("..", "data", "movielens", "ml-latest-small");
        CliRunner r = CliRunner.run("compare", "--data", "movielens:" + ml, "--policies",
            "voi,infogain-tree,never-ask,oracle", "--gamma", "0,2", "--folds", "2", "--clusters", "2", "--format",
            "json", "--out", tmp.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("users").asInt()).isEqualTo(610);
        assertThat(root.get("rows")).hasSize(8);
        double oracle = 0;
        for (JsonNode row : root.get("rows")) {
            if (row.get("policy").asText().equals("oracle")) {
                oracle = row.get("meanUtility").asDouble();
                assertThat(row.get("meanQuestions").asDouble()).isZero();
            }
            if (row.get("policy").asText().equals("never-ask")) {
                assertThat(row.get("meanQuestions").asDouble()).isZero();
            }
        }
        for (JsonNode row : root.get("rows")) {
            // the oracle makes no mistakes and asks nothing: nobody can beat it, user by user
            assertThat(row.get("meanUtility").asDouble()).isLessThanOrEqualTo(oracle + 1e-9);
        }
        assertThat(root.get("treeFrontier")).hasSize(13);
        assertThat(root.get("voiFrontier")).hasSize(2 * 13);
        // the last budget of VOI is VOI itself
        assertThat(root.get("voiFrontier").get(12).get("ede").asDouble())
            .isEqualTo(root.get("rows").get(0).get("ede").asDouble());
        assertThat(Files.readString(tmp.resolve("index.html"))).contains("at the same mean number of questions");
        JsonNode manifest = JSON.readTree(Files.readString(tmp.resolve("manifest.json")));
        assertThat(manifest.get("dataHash").asText()).hasSize(64).isEqualTo(root.get("dataHash").asText());
        assertThat(manifest.get("seed").asLong()).isEqualTo(1);
        assertThat(JSON.readTree(Files.readString(tmp.resolve("compare.json")))).isEqualTo(root);
    }

    @Test
    void badExperimentInputIsOneLine(@TempDir Path tmp) {
        CliRunner p = CliRunner.run("compare", "--policies", "voi,magic", "--out", tmp.toString());
        assertThat(p.exitCode()).isEqualTo(2);
        assertThat(p.err().strip()).startsWith("askwise: unknown policy 'magic'; known: engine, voi, voi-2");
        CliRunner d = CliRunner.run("compare", "--data", "netflix", "--out", tmp.toString());
        assertThat(d.err().strip()).isEqualTo("askwise: --data must be sushi:DIR, movielens or movielens:DIR: 'netflix'");
        CliRunner c = CliRunner.run("compare", "--cost", "1.5", "--out", tmp.toString());
        assertThat(c.err().strip()).isEqualTo("askwise: cost must be in [0, 1): 1.5");
        CliRunner s = CliRunner.run("sushi", "--data", tmp.resolve("none").toString(), "--out", tmp.toString());
        assertThat(s.exitCode()).isEqualTo(2);
        assertThat(s.err()).contains("SUSHI file not found").contains("kamishima.net");
    }

    /** Interrupted before any policy ran (as Ctrl-C early on): still a report, marked partial, and exit 130. */
    @Test
    void anInterruptedCompareStillWritesItsReport(@TempDir Path tmp) throws Exception {
        Path ml = Path.of("..", "data", "movielens", "ml-latest-small");
        CliRunner[] result = new CliRunner[1];
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            result[0] = CliRunner.run("compare", "--data", "movielens:" + ml, "--policies", "engine,never-ask",
                "--gamma", "0,2", "--folds", "2", "--out", tmp.toString());
        });
        t.start();
        t.join();
        CliRunner r = result[0];
        assertThat(r.exitCode()).as(r.err()).isEqualTo(130);
        assertThat(r.err()).doesNotContain("no row for");
        assertThat(r.out()).contains("(INTERRUPTED: partial results)");
        assertThat(Files.readString(tmp.resolve("index.html"))).contains("Interrupted: partial results.")
            .contains("not reached (interrupted)");
        assertThat(JSON.readTree(Files.readString(tmp.resolve("manifest.json"))).get("complete").isBoolean()).isTrue();
        assertThat(JSON.readTree(Files.readString(tmp.resolve("compare.json"))).get("complete").asBoolean()).isFalse();
    }
}
