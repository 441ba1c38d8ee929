package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClarifyEvalCommandTest {

    @Test
    void comparesPoliciesOnTheShippedAmbigQa(@TempDir Path out) throws Exception {
        CliRunner r = CliRunner.run("clarify-eval", "--data", Path.of("..", "data", "ambigqa", "dev_light.json")
            .toString(), "--cost", "0.3", "--examples", "5", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(Files.readString(out.resolve("results.json")));
        assertThat(results.get("questions").asInt()).isEqualTo(2002);
        assertThat(results.get("ambiguous").asInt()).isEqualTo(1070);
        JsonNode answer = results.get("results").get(0);
        JsonNode engine = results.get("results").get(2);
        assertThat(answer.get("meanTurns").asDouble()).isEqualTo(1.0);
        assertThat(engine.get("policy").asText()).isEqualTo("engine");
        assertThat(engine.get("accuracy").asDouble()).isGreaterThan(answer.get("accuracy").asDouble() + 0.3);
        assertThat(engine.get("meanTurns").asDouble()).isCloseTo(1.518, within(0.001));
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("accuracy-vs-turns.png", "Do you mean &quot;4th&quot;, &quot;3rd&quot; or "
            + "&quot;2nd&quot;?");
        assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(1 + 2 * 3 * 21);
        assertThat(r.out()).contains("engine  accuracy 0.998");
        // beside the idealised option users: realistic users with quality-checked questions, at lower accuracy
        JsonNode beside = results.get("beside");
        assertThat(beside.get("user").asText()).isEqualTo("realistic");
        double realistic = beside.get("results").get(2).get("accuracy").asDouble();
        assertThat(realistic).isLessThan(engine.get("accuracy").asDouble() - 0.05)
            .isGreaterThan(answer.get("accuracy").asDouble());
        assertThat(html).contains("Which of these do you mean: ").contains("realistic users, checked questions");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path out) throws Exception {
        CliRunner cost = CliRunner.run("clarify-eval", "--cost", "1.5", "--out", out.toString());
        assertThat(cost.exitCode()).isEqualTo(2);
        assertThat(cost.err().strip()).isEqualTo("askwise: --cost must be in [0, 1]: 1.5");
        CliRunner user = CliRunner.run("clarify-eval", "--user", "shy", "--out", out.toString());
        assertThat(user.exitCode()).isEqualTo(2);
        assertThat(user.err().strip()).isEqualTo(
            "askwise: unknown user 'shy'; known: option, paraphrase, realistic, llm");
        CliRunner llm = CliRunner.run("clarify-eval", "--user", "llm", "--out", out.toString());
        assertThat(llm.err().strip()).isEqualTo("askwise: the llm user needs --llm-url");
        Path bad = out.resolve("bad.json");
        Files.writeString(bad, "[{\"question\": \"q\"}]");
        CliRunner file = CliRunner.run("clarify-eval", "--data", bad.toString(), "--out", out.resolve("r")
            .toString());
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.err().strip()).isEqualTo("askwise: " + bad + ": entry 0 (id null): 'annotations' must be a "
            + "non-empty array");
    }
}
