package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.AskwiseServer;
import dev.askwise.server.store.JdbcStore;
import dev.askwise.server.LlmSettings;
import dev.askwise.server.ServerOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve --llm-url URL --llm-model NAME}: the service's interpretation goes through the LLM interpreter, against
 * a local stand-in that speaks the OpenAI chat-completions protocol and replies with whatever the test sets (the same
 * stand-in as LlmInterpreterTest's), and falls back to the in-process pipeline when the stand-in fails. A wiring test:
 * no model runs.
 */
class ServeLlmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer standIn;
    private final List<JsonNode> requests = new ArrayList<>();
    private final AtomicReference<String> reply = new AtomicReference<>("{\"readings\": []}");
    private final AtomicInteger status = new AtomicInteger(200);

    @BeforeEach
    void start() throws Exception {
        standIn = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        standIn.createContext("/v1/chat/completions", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody());
            synchronized (requests) {
                requests.add(body);
            }
            byte[] out = (status.get() == 200 ? JSON.writeValueAsString(Map.of("id", "x", "object", "chat.completion",
                "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", reply.get()),
                    "finish_reason", "stop")))) : "{\"error\":{\"message\":\"overloaded\"}}")
                .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status.get(), out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        standIn.start();
    }

    @AfterEach
    void stop() {
        standIn.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + standIn.getAddress().getPort() + "/v1";
    }

    private static ServeCommand parse(String... args) {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    private static JsonNode post(AskwiseServer server, String key, String body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/v1/sessions")).header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    /**
     * The LLM's reading is used ("something in between" settles nothing in process; the stand-in says price = mid),
     * the request names the model and carries the domain's schema; when the stand-in fails, the in-process pipeline
     * reads the request instead.
     */
    @Test
    void sessionsAreInterpretedByTheLlmAndFallBackInProcess(@TempDir Path dir) throws Exception {
        ServeCommand cmd = parse("--llm-url", url(), "--llm-model", "stand-in-7b", "--llm-timeout", "5");
        cmd.applyConfig(Map.of());
        LlmSettings llm = cmd.llm(null);
        try (JdbcStore store = JdbcStore.sqlite(dir)) {
            AskwiseServer server = AskwiseServer.start(store, ServerOptions.defaults().withPort(0), List.of(), llm);
            try {
                String key = ApiKeys.create(store, "t");
                reply.set("{\"readings\": [{\"attribute\": \"price\", \"value\": \"mid\", \"confidence\": 0.9}]}");
                JsonNode viaLlm = post(server, key, "{\"domain\": \"hotel\", \"request\": \"something in between\"}");
                assertThat(viaLlm.get("session").get("stated").get("price").asText()).isEqualTo("mid");
                JsonNode sent = requests.get(requests.size() - 1);
                assertThat(sent.get("model").asText()).isEqualTo("stand-in-7b");
                assertThat(sent.get("response_format").toString()).contains("json_schema").contains("downtown");
                assertThat(sent.get("messages").get(1).get("content").asText()).isEqualTo("something in between");

                status.set(503);
                int before = requests.size();
                JsonNode fallback = post(server, key, "{\"domain\": \"hotel\", \"request\": \"a cheap hotel "
                    + "downtown\"}");
                assertThat(requests.size()).isGreaterThan(before);
                assertThat(fallback.get("session").get("stated").get("price").asText()).isEqualTo("low");
                assertThat(fallback.get("session").get("stated").get("area").asText()).isEqualTo("downtown");
            } finally {
                server.close();
            }
        }
    }

    /** The options come from the environment or the config file like every serve option; bad values are errors. */
    @Test
    void settingsFromEnvironmentAndFileAndTheirErrors(@TempDir Path dir) throws Exception {
        assertThat(parse().llm(null)).isNull();
        ServeCommand env = parse();
        env.applyConfig(Map.of("ASKWISE_LLM_URL", "http://127.0.0.1:9/v1", "ASKWISE_LLM_MODEL", "m"));
        LlmSettings fromEnv = env.llm("secret");
        assertThat(fromEnv.url()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(fromEnv.model()).isEqualTo("m");
        assertThat(fromEnv.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(fromEnv.toString()).doesNotContain("secret");
        Path file = dir.resolve("askwise.properties");
        Files.writeString(file, "llm-url=https://llm.example/v1\nllm-model=big\nllm-timeout=30\n");
        ServeCommand fromFile = parse("--config", file.toString());
        fromFile.applyConfig(Map.of());
        assertThat(fromFile.llm(null)).extracting(LlmSettings::url, LlmSettings::model, LlmSettings::timeout)
            .containsExactly("https://llm.example/v1", "big", Duration.ofSeconds(30));
        assertThatThrownBy(() -> parse("--llm-url", "ftp://x").llm(null)).hasMessage(
            "--llm-url must start with http:// or https://: ftp://x");
        assertThatThrownBy(() -> parse("--llm-url", "http://x", "--llm-timeout", "0").llm(null)).hasMessage(
            "--llm-timeout must be in [1, 300] seconds: 0");
        CliRunner r = CliRunner.run("serve", "--llm-url", "ftp://x", "--data-dir", dir.resolve("db").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--llm-url must start with http:// or https://: ftp://x");
    }
}
