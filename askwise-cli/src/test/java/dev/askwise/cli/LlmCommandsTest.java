package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands' LLM back ends end to end (through LangChain4j's OpenAI client) against a local stand-in server that
 * speaks the chat-completions protocol and answers by rule: the questioner asks about rating habits once, then says
 * DONE; the simulated user answers from the profile in the prompt; the AmbigQA user repeats the reading it means.
 */
class LlmCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            calls.incrementAndGet();
            JsonNode body = JSON.readTree(ex.getRequestBody());
            String system = body.get("messages").get(0).get("content").asText();
            String user = body.get("messages").get(1).get("content").asText();
            String reply;
            if (system.startsWith("You asked")) {
                int q = system.indexOf('"');
                reply = "I meant " + system.substring(q + 1, system.indexOf('"', q + 1));
            } else if (system.startsWith("You ask one")) {
                reply = user.contains("- When you rate films") ? "DONE"
                    : "rating habits | When you rate films, are you a tough critic or easy to please?";
            } else {
                String profile = user.lines().filter(l -> l.startsWith("Profile: ")).findFirst().orElseThrow()
                    .substring("Profile: ".length());
                JsonNode habits = JSON.readTree(profile).get("rating habits");
                reply = user.contains("tough critic") && habits != null ? habits.asText() : "No Preference";
            }
            byte[] out = JSON.writeValueAsBytes(Map.of("id", "x", "object", "chat.completion", "choices",
                List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", reply),
                    "finish_reason", "stop"))));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Held-out users: one question each (then DONE), answered from the profile: precision 1, none unanswered. */
    @Test
    void evalQuestionerWithLlmQuestionerAndSimulator(@TempDir Path out) throws Exception {
        CliRunner r = CliRunner.run("eval-questioner", "--data", Path.of("..", "data", "movielens",
            "ml-latest-small").toString(), "--questioners", "llm", "--simulators", "llm", "--llm-url", url(),
            "--max-questions", "3", "--test-share", "0.05", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = JSON.readTree(Files.readString(out.resolve("results.json")));
        assertThat(root.get("test").asInt()).isEqualTo(30);
        JsonNode res = root.get("results").get(0);
        assertThat(res.get("questioner").asText()).isEqualTo("llm");
        assertThat(res.get("simulator").asText()).isEqualTo("llm");
        assertThat(res.get("meanQuestions").asDouble()).isEqualTo(1.0);
        assertThat(res.get("precision").asDouble()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(res.get("unanswered").asDouble()).isZero();
        assertThat(res.get("weightedRank").get("rating habits").asDouble()).isEqualTo(1.0);
        assertThat(calls.get()).as("two questioner calls and one simulator call per user").isEqualTo(3 * 30);
    }

    /** The LLM user names its reading; every clarification succeeds; each reply is simulated once per reading. */
    @Test
    void clarifyEvalWithLlmUser(@TempDir Path out) throws Exception {
        Path data = out.resolve("small.json");
        Files.writeString(data, """
            [{"id": "1", "question": "Who took control of the italian government in 1922?", "annotations": [
              {"type": "multipleQAs", "qaPairs": [
                {"question": "What party took control of the Italian government in 1922?", "answer": ["PNF"]},
                {"question": "What leader took control of the Italian government in 1922?", "answer": ["Mussolini"]}]}]},
             {"id": "2", "question": "Who played the doctor?", "annotations": [
              {"type": "singleAnswer", "answer": ["Tony Goldwyn"]}]}]""", StandardCharsets.UTF_8);
        CliRunner r = CliRunner.run("clarify-eval", "--data", data.toString(), "--user", "llm", "--llm-url", url(),
            "--out", out.resolve("r").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode results = JSON.readTree(Files.readString(out.resolve("r").resolve("results.json")));
        assertThat(results.get("user").asText()).isEqualTo("llm");
        JsonNode ask = results.get("results").get(1);
        assertThat(ask.get("policy").asText()).isEqualTo("ask");
        assertThat(ask.get("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(results.get("results").get(0).get("accuracy").asDouble()).isEqualTo(0.75);
        // one call per reading for the whole sweep (3), and 2 more for the example row of the ambiguous item
        assertThat(calls.get()).isEqualTo(5);
    }
}
