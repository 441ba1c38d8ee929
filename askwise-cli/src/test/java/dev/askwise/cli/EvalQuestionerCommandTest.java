package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalQuestionerCommandTest {

    @Test
    void writesResultsCurvesAndTrainingPairs(@TempDir Path out) throws Exception {
        CliRunner r = CliRunner.run("eval-questioner", "--data", Path.of("..", "data", "movielens",
            "ml-latest-small").toString(), "--questioners", "template-funnel,voi-infer", "--max-questions", "3", "--out",
            out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(Files.readString(out.resolve("results.json")));
        assertThat(results.get("test").asInt()).isEqualTo(122);
        assertThat(results.get("results")).hasSize(2);
        JsonNode first = results.get("results").get(0);
        assertThat(first.get("rougeByTurn")).hasSize(4);
        assertThat(first.get("rouge").asDouble()).as("T = 3 of up to 16 tags").isCloseTo(0.387, within(0.001));
        assertThat(first.get("weightedRank").get("rating habits").asDouble()).isEqualTo(1.0);
        List<String> lines = Files.readAllLines(out.resolve("train.jsonl"));
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(new ObjectMapper().readTree(l).get("messages"))
            .hasSize(3));
        JsonNode voi = results.get("results").get(1);
        assertThat(voi.get("questioner").asText()).isEqualTo("voi-infer");
        assertThat(voi.get("rougeByTurn").get(0).asDouble()).as("inferred before any question").isGreaterThan(0.3);
        assertThat(voi.get("recall").asDouble()).isGreaterThan(first.get("recall").asDouble());
        assertThat(voi.get("quality").get("answerability").asDouble()).isBetween(0.5, 1.0);
        assertThat(Files.readString(out.resolve("index.html"))).contains("rouge-by-turn.png", "weighted-rank.png",
            "Question quality");
        assertThat(out.resolve("quality.csv")).exists();
        JsonNode sim = new ObjectMapper().readTree(Files.readAllLines(out.resolve("simulator.jsonl")).get(0));
        JsonNode reply = new ObjectMapper().readTree(sim.get("messages").get(2).get("content").asText());
        // the funnel's most general concept (the most widely shared values) comes first
        assertThat(reply.get("tags").get(0).asText()).isEqualTo("comedy");
        assertThat(reply.get("answer").asText()).isIn("likes", "neutral", "dislikes");
        CliRunner bad = CliRunner.run("eval-questioner", "--questioners", "oracle", "--out", out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("askwise: unknown questioner 'oracle'; known: template-funnel, learned, "
            + "voi, voi-infer, llm");
        CliRunner cost = CliRunner.run("eval-questioner", "--cost", "-1", "--out", out.toString());
        assertThat(cost.exitCode()).isEqualTo(2);
        assertThat(cost.err().strip()).isEqualTo("askwise: --cost must be in [0, 10]: -1.0");
        CliRunner order = CliRunner.run("eval-questioner", "--funnel-order", "random", "--out", out.toString());
        assertThat(order.err().strip()).isEqualTo("askwise: --funnel-order must be shared-values or prevalence: "
            + "random");
        CliRunner hedged = CliRunner.run("eval-questioner", "--cost", "2", "--gamma", "5", "--out", out.toString());
        assertThat(hedged.exitCode()).isEqualTo(2);
        assertThat(hedged.err().strip()).isEqualTo("askwise: --cost must be below 1.0833 when 0 < --gamma < inf "
            + "(every utility must stay above -1 with 12 attributes): 2");
        CliRunner llm = CliRunner.run("eval-questioner", "--questioners", "llm", "--out", out.toString());
        assertThat(llm.err().strip()).isEqualTo("askwise: the llm questioner or simulator needs --llm-url");
    }
}
