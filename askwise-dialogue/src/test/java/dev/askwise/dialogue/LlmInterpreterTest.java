package dev.askwise.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.askwise.io.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LLM interpreter against a local stand-in that speaks the OpenAI chat-completions protocol and replies with
 * whatever the test sets (no model): a wiring test of the request (prompt, JSON schema), the validation of replies
 * and the fallback to the in-process pipeline.
 */
class LlmInterpreterTest {

    private HttpServer server;
    private final List<Map<?, ?>> requests = new ArrayList<>();
    private final AtomicReference<String> reply = new AtomicReference<>("{\"readings\": []}");
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private LlmInterpreter llm;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            Map<?, ?> body = (Map<?, ?>) Json.parse(new String(ex.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
            synchronized (requests) {
                requests.add(body);
            }
            String json = status.get() == 200 ? Json.write(Map.of("id", "x", "object", "chat.completion", "choices",
                List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", reply.get()),
                    "finish_reason", "stop")))) : "{\"error\":{\"message\":\"overloaded\"}}";
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status.get(), bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        llm = new LlmInterpreter(InterpretationPipeline.lexical(Domain.builtIn("hotel")),
            "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", null, "stand-in", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void validReplyIsUsedAndTheRequestCarriesTheDomainSchema() {
        reply.set("{\"readings\": [{\"attribute\": \"price\", \"value\": \"mid\", \"confidence\": 0.9},"
            + " {\"attribute\": \"area\", \"value\": \"no-preference\", \"confidence\": 0.7}]}");
        Understanding u = llm.interpret("something sensible, anywhere", "price");
        assertThat(llm.lastFellBack()).isFalse();
        assertThat(u.understood()).containsEntry("price", "mid").containsEntry("area", "no-preference");
        assertThat(u.reading("price").orElseThrow().source()).isEqualTo("llm");
        Map<?, ?> body = requests.get(0);
        assertThat(String.valueOf(body.get("response_format"))).contains("json_schema").contains("downtown")
            .contains("no-preference");
        String system = String.valueOf(((Map<?, ?>) ((List<?>) body.get("messages")).get(0)).get("content"));
        assertThat(system).contains("What is your price range per night?").doesNotContain("accessibility");
    }

    @Test
    void invalidRepliesFallBackToThePipeline() {
        for (String bad : List.of("not json", "{\"readings\": [{\"attribute\": \"price\", \"value\": \"quiet\"}]}",
            "{\"readings\": [{\"attribute\": \"colour\", \"value\": \"red\"}]}",
            "{\"readings\": [{\"attribute\": \"accessibility\", \"value\": \"needed\"}]}",
            "{\"readings\": [{\"attribute\": \"price\", \"value\": \"low\", \"confidence\": 7}]}")) {
            reply.set(bad);
            Understanding u = llm.interpret("cheap please", "price");
            assertThat(llm.lastFellBack()).as(bad).isTrue();
            assertThat(u.understood()).as(bad).containsEntry("price", "low");
            assertThat(u.reading("price").orElseThrow().source()).isNotEqualTo("llm");
        }
    }

    @Test
    void protectedAttributeAllowedWhenItIsThePendingOne() {
        reply.set("{\"readings\": [{\"attribute\": \"accessibility\", \"value\": \"needed\", \"confidence\": 1}]}");
        assertThat(llm.interpret("my wife uses a wheelchair", "accessibility").understood())
            .containsEntry("accessibility", "needed");
        assertThat(llm.lastFellBack()).isFalse();
    }

    @Test
    void httpErrorsFallBack() {
        status.set(503);
        assertThat(llm.interpret("downtown", "area").understood()).containsEntry("area", "downtown");
        assertThat(llm.lastFellBack()).isTrue();
    }

    @Test
    void unreachableEndpointFallsBack() {
        server.stop(0);
        assertThat(llm.interpret("downtown", "area").understood()).containsEntry("area", "downtown");
        assertThat(llm.lastFellBack()).isTrue();
    }

    @Test
    void refusesBadSettings() {
        InterpretationPipeline p = InterpretationPipeline.lexical(Domain.builtIn("hotel"));
        assertThatThrownBy(() -> new LlmInterpreter(p, "ftp://x", null, "m", Duration.ofSeconds(5)))
            .hasMessageContaining("http");
        assertThatThrownBy(() -> new LlmInterpreter(p, "http://x", null, "m", Duration.ofMillis(5)))
            .hasMessageContaining("timeout");
    }
}
