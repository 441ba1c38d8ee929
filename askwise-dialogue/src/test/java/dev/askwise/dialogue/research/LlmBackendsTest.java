package dev.askwise.dialogue.research;

import dev.askwise.dialogue.clarify.Clarifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.askwise.io.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LLM questioner and simulator against a local stand-in that speaks the OpenAI chat-completions protocol (no model:
 * it answers by rule from the prompt), so the requests, prompts and reply parsing are tested end to end.
 */
class LlmBackendsTest {

    private HttpServer server;
    private final List<Map<?, ?>> requests = new ArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            Map<?, ?> body = (Map<?, ?>) Json.parse(new String(ex.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
            synchronized (requests) {
                requests.add(body);
            }
            if (failNext.getAndSet(0) > 0) {
                byte[] err = "{\"error\":{\"message\":\"overloaded\"}}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(503, err.length);
                ex.getResponseBody().write(err);
                ex.close();
                return;
            }
            List<?> messages = (List<?>) body.get("messages");
            String system = String.valueOf(((Map<?, ?>) messages.get(0)).get("content"));
            String user = String.valueOf(((Map<?, ?>) messages.get(1)).get("content"));
            String reply = system.startsWith("You asked") ? "I meant " + system.substring(system.indexOf('"') + 1,
                system.indexOf('"', system.indexOf('"') + 1))
                : system.startsWith("You ask") ? askNext(user) : answer(user);
            String json = Json.write(Map.of("id", "x", "object", "chat.completion", "choices", List.of(Map.of(
                "index", 0, "message", Map.of("role", "assistant", "content", reply), "finish_reason", "stop"))));
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    /** The stand-in questioner: the first concept neither in the profile nor asked. */
    private static String askNext(String user) {
        Map<?, ?> partial = (Map<?, ?>) Json.parse(line(user, "Partial profile: "));
        for (String concept : line(user, "Concepts: ").split(", ")) {
            if (!partial.containsKey(concept) && !user.contains("- What about " + concept + "?")) {
                // a double-barrelled and a redundant candidate first: the questioner must rank them below
                return concept + " | What about " + concept + "? And why?\n"
                    + (user.contains("- ") ? "habits | What about habits?\n" : "")
                    + concept + " | What about " + concept + "?";
            }
        }
        return "DONE";
    }

    /** The stand-in user: the profile's content for the concept the question names. */
    private static String answer(String user) {
        Map<?, ?> profile = (Map<?, ?>) Json.parse(line(user, "Profile: "));
        String question = line(user, "Question: ");
        for (Map.Entry<?, ?> e : profile.entrySet()) {
            if (question.contains(String.valueOf(e.getKey()))) {
                return String.valueOf(e.getValue());
            }
        }
        return "No Preference";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Test
    void llmQuestionerAndSimulatorReconstructProfiles() {
        ChatClient client = new ChatClient(base(), "sk-test", "stand-in");
        List<String> order = Funnel.learn(ReconstructionTest.TOY).order();
        Reconstruction.Result r = Reconstruction.evaluate(Questioners.llm(client, order), Simulators.llm(client),
            ReconstructionTest.TOY, order, 5);
        assertThat(r.recall()).isCloseTo(1.0, within(1e-12));
        assertThat(r.rouge()).isCloseTo(1.0, within(1e-12));
        assertThat(r.questioner()).isEqualTo("llm");
        Map<?, ?> first = requests.get(0);
        assertThat(first.get("model")).isEqualTo("stand-in");
        assertThat(((Number) first.get("temperature")).doubleValue()).isZero();
        String prompt = String.valueOf(((Map<?, ?>) ((List<?>) first.get("messages")).get(1)).get("content"));
        assertThat(prompt).contains("Partial profile: {}").contains("Questions asked so far: none");
        // every question asked was the clear, new candidate (the stand-in's answer rule would not match the others)
        String later = String.valueOf(((Map<?, ?>) ((List<?>) requests.get(2).get("messages")).get(1)).get("content"));
        assertThat(later).contains("- What about habits?").doesNotContain("And why?");
    }

    @Test
    void endpointErrorsAreReportedClearly() {
        ChatClient client = new ChatClient(base(), null, "stand-in");
        failNext.set(1);
        assertThatThrownBy(() -> client.complete("s", "u")).isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("LLM endpoint answered 503");
        assertThatThrownBy(() -> new ChatClient("ftp://x", null, "m")).hasMessageStartingWith(
            "LLM base URL must start with http:// or https://");
        assertThatThrownBy(() -> new ChatClient("http://127.0.0.1:1/v1", null, "m").complete("s", "u"))
            .hasMessageContaining("unreachable");
        assertThatThrownBy(() -> Questioners.create("llm", ReconstructionTest.TOY))
            .hasMessage("the llm questioner needs an endpoint (--llm-url)");
        assertThatThrownBy(() -> Simulators.create("llm", null))
            .hasMessage("the llm simulator needs an endpoint (--llm-url)");
        assertThatThrownBy(() -> Simulators.create("oracle", null))
            .hasMessage("unknown simulator 'oracle'; known: profile-lookup, llm");
        assertThat(Questioners.create("llm", ReconstructionTest.TOY,
            Questioners.Options.defaults().withClient(client)).name()).isEqualTo("llm");
    }

    /** The LLM user of clarify-or-answer, told which reading it means, is resolved to that reading. */
    @Test
    void llmUserOfClarifyOrAnswer() {
        ChatClient client = new ChatClient(base(), null, "stand-in");
        AmbigQa.Item item = new AmbigQa.Item("1", "Who took control of the italian government in 1922?", List.of(
            new AmbigQa.Interpretation("What party took control of the Italian government in 1922?",
                List.of("National Fascist Party")),
            new AmbigQa.Interpretation("What leader took control of the Italian government in 1922?",
                List.of("Benito Mussolini"))));
        Clarifier.Clarification c = ClarifyOrAnswer.clarification(item);
        ClarifyOrAnswer.User llm = ClarifyOrAnswer.user("llm", client);
        assertThat(llm.reply(item, c, 1)).isEqualTo("I meant What leader took control of the Italian government in "
            + "1922?");
        assertThat(ClarifyOrAnswer.clarifiedAccuracy(item, c, llm)).isEqualTo(1.0);
        String prompt = String.valueOf(((Map<?, ?>) ((List<?>) requests.get(0).get("messages")).get(1))
            .get("content"));
        assertThat(prompt).isEqualTo("Your question: Who took control of the italian government in 1922?\n"
            + "Assistant: Do you mean \"party\" or \"leader\"?");
        assertThatThrownBy(() -> ClarifyOrAnswer.user("llm", null)).hasMessage(
            "the llm user needs an endpoint (--llm-url)");
    }
}
