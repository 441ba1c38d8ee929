package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askwise.dialogue.Domain;
import dev.askwise.dialogue.InterpretationPipeline;
import dev.askwise.dialogue.Understanding;
import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.JdbcStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reading of an answer below the interpreter's commit threshold ({@link Understanding#CONFIDENT}) is confirmed
 * ("Just to check: mid-range?") instead of being used silently or declined; yes, no, another value, a value or a
 * skip resolve it, and a pending confirmation is stored like any step. In process, on port 0, hotel at cost 0.02
 * (price is asked first).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfirmationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Read by the in-process pipeline as price = mid through the embedding model, below the threshold. */
    private static final String UNSURE_MID = "somewhere decent";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    private AskwiseServer server;
    private String key;

    @BeforeAll
    void start() {
        server = AskwiseServer.start(JdbcStore.sqlite(dir), 0);
        key = ApiKeys.create(server.store(), "acme");
    }

    @AfterAll
    void stop() {
        server.close();
        server.store().close();
    }

    private JsonNode call(String method, String path, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer " + key);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private String hotel() throws Exception {
        JsonNode created = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"cost\": 0.02}", 201);
        assertThat(created.at("/step/attribute").asText()).isEqualTo("price");
        return created.at("/session/id").asText();
    }

    private JsonNode answer(String id, String body) throws Exception {
        return call("POST", "/v1/sessions/" + id + "/answers", body, 200);
    }

    /** Asks price, answers UNSURE_MID, and checks the confirmation step. */
    private String unsure() throws Exception {
        String id = hotel();
        JsonNode r = answer(id, "{\"text\": \"" + UNSURE_MID + "\"}");
        JsonNode step = r.get("step");
        assertThat(step.get("type").asText()).isEqualTo("ask");
        assertThat(step.get("attribute").asText()).isEqualTo("price");
        assertThat(step.get("question").asText()).isEqualTo("Just to check: mid-range?");
        assertThat(step.at("/confirm/value").asText()).isEqualTo("mid");
        assertThat(step.at("/confirm/confidence").asDouble()).isBetween(0.0, Understanding.CONFIDENT);
        assertThat(step.get("options")).hasSize(3);
        assertThat(r.at("/session/answered").has("price")).as("not used before it is confirmed").isFalse();
        assertThat(r.at("/session/declined")).isEmpty();
        assertThat(r.at("/session/questions").asInt()).isZero();
        assertThat(r.at("/understood/price").asText()).isEqualTo("mid");
        return id;
    }

    @Test
    void theExampleIsBelowTheThresholdInTheInterpreterItself() {
        Understanding u = InterpretationPipeline.of(Domain.builtIn("hotel")).interpret(UNSURE_MID, "price");
        assertThat(u.reading("price")).get().satisfies(r -> {
            assertThat(r.value()).isEqualTo("mid");
            assertThat(r.confident()).isFalse();
        });
    }

    @Test
    void yesUsesTheReading() throws Exception {
        String id = unsure();
        JsonNode r = answer(id, "{\"text\": \"Yes!\"}");
        assertThat(r.at("/session/answered/price").asText()).isEqualTo("mid");
        // what the reply says was understood is what the session took (the bare "yes" alone would read as budget)
        assertThat(r.get("understood").toString()).isEqualTo("{\"price\":\"mid\"}");
        assertThat(r.at("/session/questions").asInt()).isEqualTo(1);
        assertThat(r.at("/step/attribute").asText()).isNotEqualTo("price");
        assertThat(r.at("/step").has("confirm")).isFalse();
    }

    @Test
    void noDropsItAndAsksAgain() throws Exception {
        String id = unsure();
        JsonNode r = answer(id, "{\"text\": \"nope\"}");
        assertThat(r.at("/session/answered").has("price")).isFalse();
        assertThat(r.get("understood").toString()).isEqualTo("{}");
        assertThat(r.at("/session/declined")).isEmpty();
        assertThat(r.at("/session/questions").asInt()).isZero();
        assertThat(r.at("/step/attribute").asText()).isEqualTo("price");
        assertThat(r.at("/step/question").asText()).isEqualTo("What is your price range per night?");
        assertThat(r.at("/step").has("confirm")).isFalse();
        assertThat(answer(id, "{\"text\": \"cheap\"}").at("/session/answered/price").asText()).isEqualTo("low");
    }

    @Test
    void anotherValueReplacesIt() throws Exception {
        String id = unsure();
        JsonNode r = answer(id, "{\"text\": \"no, something cheap\"}");
        assertThat(r.at("/session/answered/price").asText()).isEqualTo("low");
        assertThat(r.at("/session/questions").asInt()).isEqualTo(1);
        String id2 = unsure();
        assertThat(answer(id2, "{\"value\": \"high\"}").at("/session/answered/price").asText()).isEqualTo("high");
        String id3 = unsure();
        JsonNode skipped = answer(id3, "{\"skip\": true}");
        assertThat(skipped.at("/session/declined/0").asText()).isEqualTo("price");
        assertThat(skipped.at("/session/questions").asInt()).isEqualTo(1);
    }

    @Test
    void theSameValueAgainConfirmsIt() throws Exception {
        String id = unsure();
        JsonNode r = answer(id, "{\"text\": \"mid-range I guess\"}");
        assertThat(r.at("/session/answered/price").asText()).isEqualTo("mid");
        assertThat(r.at("/session/questions").asInt()).isEqualTo(1);
    }

    @Test
    void aConfidentHedgeIsUsedWithoutAsking() throws Exception {
        String id = hotel();
        JsonNode r = answer(id, "{\"text\": \"probably mid-range\"}"); // hedged phrase: 0.71, above the threshold
        assertThat(r.at("/session/answered/price").asText()).isEqualTo("mid");
        assertThat(r.at("/step").has("confirm")).isFalse();
    }

    @Test
    void aPendingConfirmationIsStoredAndShown() throws Exception {
        String id = unsure();
        JsonNode got = call("GET", "/v1/sessions/" + id, null, 200);
        assertThat(got.at("/step/question").asText()).isEqualTo("Just to check: mid-range?");
        AskwiseServer again = AskwiseServer.start(server.store(), 0); // another process over the same database
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + again.port()
                + "/v1/sessions/" + id)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(r.body()).at("/step/confirm/value").asText()).isEqualTo("mid");
        } finally {
            again.close();
        }
        assertThat(answer(id, "{\"text\": \"correct\"}").at("/session/answered/price").asText()).isEqualTo("mid");
    }

    @Test
    void answeringAnotherAttributeLeavesTheQuestionOpen() throws Exception {
        String id = unsure();
        JsonNode r = answer(id, "{\"attribute\": \"area\", \"value\": \"downtown\"}");
        assertThat(r.at("/session/answered/area").asText()).isEqualTo("downtown");
        assertThat(r.at("/session/answered").has("price")).isFalse();
        assertThat(r.at("/step").has("confirm")).as("the reading is dropped; the engine asks again").isFalse();
    }

    /** "Yes" to "What is your price range per night?" says nothing: asked again in the yes/no form, then it does. */
    @Test
    void aBareYesToAnOpenQuestionIsAskedAgainInTheYesNoForm() throws Exception {
        String id = hotel();
        JsonNode r = answer(id, "{\"text\": \"yes\"}");
        assertThat(r.at("/session/answered").has("price")).as(r.toString()).isFalse();
        assertThat(r.at("/step/attribute").asText()).isEqualTo("price");
        assertThat(r.at("/step/question").asText()).isEqualTo("Sorry, I did not catch that. Are you looking for a "
            + "budget hotel?");
        assertThat(r.get("understood").toString()).isEqualTo("{}");
        JsonNode again = answer(id, "{\"text\": \"yes\"}");
        assertThat(again.at("/session/answered/price").asText()).isEqualTo("low");
    }

    @Test
    void aVolunteeredValueTheSessionDoesNotUseIsNotReportedAsUnderstood() throws Exception {
        JsonNode created = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"request\": \"a cheap hotel\"}", 201);
        String id = created.at("/session/id").asText();
        assertThat(created.at("/session/stated/price").asText()).isEqualTo("low");
        String pending = created.at("/step/attribute").asText();
        assertThat(pending).isNotEqualTo("price");
        JsonNode r = answer(id, "{\"text\": \"luxury\"}");
        assertThat(r.at("/session/stated/price").asText()).isEqualTo("low");
        assertThat(r.get("understood").has("price")).as(r.toString()).isFalse();
    }

    @Test
    void aWithdrawnAnswerIsForgottenFromTheProfile() throws Exception {
        String user = "withdraws-" + System.nanoTime();
        JsonNode first = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"userId\": \"" + user
            + "\", \"request\": \"a cheap hotel downtown\"}", 201);
        finish(first.at("/session/id").asText(), first);
        JsonNode profile = call("GET", "/v1/users/" + user + "/profile", null, 200);
        assertThat(profile.at("/domains/hotel/area").asText()).isEqualTo("downtown");
        JsonNode second = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"userId\": \"" + user + "\"}", 201);
        String id = second.at("/session/id").asText();
        assertThat(second.at("/session/remembered/area").asText()).isEqualTo("downtown");
        JsonNode r = answer(id, "{\"attribute\": \"area\", \"skip\": true}");
        assertThat(r.at("/session/declined").toString()).contains("area");
        finish(id, r);
        profile = call("GET", "/v1/users/" + user + "/profile", null, 200);
        assertThat(profile.at("/domains/hotel").has("area")).as(profile.toString()).isFalse();
        assertThat(profile.at("/domains/hotel/price").asText()).as("what was not withdrawn stays").isEqualTo("low");
    }

    /** Skips every question until the session proceeds. */
    private void finish(String id, JsonNode reply) throws Exception {
        JsonNode r = reply;
        for (int i = 0; i < 10 && !"proceed".equals(r.at("/step/type").asText()); i++) {
            r = answer(id, "{\"skip\": true}");
        }
        assertThat(r.at("/step/type").asText()).isEqualTo("proceed");
    }
}
