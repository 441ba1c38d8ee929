package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.JdbcStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API in-process on port 0 over the default embedded SQLite database in a temporary directory. */
class ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private AskwiseServer server;
    private String key;

    @BeforeEach
    void start() {
        server = AskwiseServer.start(JdbcStore.sqlite(dir), 0);
        key = ApiKeys.create(server.store(), "acme");
    }

    @AfterEach
    void stop() {
        server.close();
        server.store().close();
    }

    record Reply(int status, JsonNode body) {
    }

    Reply call(String method, String path, String body, String apiKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()));
    }

    Reply call(String method, String path, String body) throws Exception {
        return call(method, path, body, key);
    }

    /** Seed 002's hotel example: the request states price and area; the engine asks the rest or infers it. */
    @Test
    void sessionAsksAnswersAndProceeds() throws Exception {
        Reply created = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"request\": \"a cheap hotel downtown\","
            + " \"cost\": 0.05, \"gamma\": 2}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode session = created.body().get("session");
        assertThat(session.get("stated").get("price").asText()).isEqualTo("low");
        assertThat(session.get("stated").get("area").asText()).isEqualTo("downtown");
        String id = session.get("id").asText();
        JsonNode step = created.body().get("step");
        Set<String> asked = new HashSet<>();
        int guard = 0;
        while (step.get("type").asText().equals("ask") && guard++ < 10) {
            String attribute = step.get("attribute").asText();
            assertThat(attribute).isNotIn("price", "area"); // stated in the request: never asked
            assertThat(step.get("question").asText()).endsWith("?");
            assertThat(step.get("why").asText()).isNotBlank();
            assertThat(asked.add(attribute)).as("asked twice: %s", attribute).isTrue();
            Reply r = call("POST", "/v1/sessions/" + id + "/answers", "{\"text\": \"I don't mind\"}");
            assertThat(r.status()).isEqualTo(200);
            step = r.body().get("step");
        }
        assertThat(step.get("type").asText()).isEqualTo("proceed");
        List<String> sources = new ArrayList<>();
        for (JsonNode a : step.get("assignments")) {
            sources.add(a.get("attribute").asText() + "=" + a.get("source").asText());
        }
        assertThat(sources).contains("price=stated", "area=stated");
        // accessibility is never inferred: withheld unless the user answers it (here: no preference, declined)
        assertThat(sources).containsAnyOf("accessibility=withheld", "accessibility=declined");
        assertThat(step.get("prompt").asText()).contains("low budget");
        Reply again = call("GET", "/v1/sessions/" + id, null);
        assertThat(again.body().get("session").get("done").asBoolean()).isTrue();
    }

    /** Issue 11: one answer fills several attributes, volunteered ones without a question; the reply says so. */
    @Test
    void oneAnswerFillsSeveralAttributes() throws Exception {
        JsonNode created = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"request\": \"a hotel, no "
            + "preference on the chain\", \"cost\": 0.01}").body();
        assertThat(created.get("understood").get("chain").asText()).isEqualTo("no-preference");
        assertThat(created.get("session").get("declined").toString()).contains("chain");
        String id = created.get("session").get("id").asText();
        String pending = created.get("step").get("attribute").asText();
        String text = pending.equals("price") ? "Mid-range and downtown is great." : pending.equals("area")
            ? "downtown, and mid-range please" : "mid-range and downtown is great";
        Reply r = call("POST", "/v1/sessions/" + id + "/answers", "{\"attribute\": \"" + pending + "\", "
            + "\"text\": \"" + text + "\"}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode understood = r.body().get("understood");
        assertThat(understood.get("price").asText()).isEqualTo("mid");
        assertThat(understood.get("area").asText()).isEqualTo("downtown");
        JsonNode session = r.body().get("session");
        String known = session.get("answered").toString() + session.get("stated");
        assertThat(known).contains("\"price\":\"mid\"").contains("\"area\":\"downtown\"");
        JsonNode step = r.body().get("step");
        if (step.get("type").asText().equals("ask")) {
            assertThat(step.get("attribute").asText()).isNotIn("price", "area", "chain");
        }
    }

    @Test
    void answersByValueTextRephraseAndCorrection() throws Exception {
        JsonNode created = call("POST", "/v1/sessions", "{\"domain\": \"email\", \"cost\": 0.01}").body();
        String id = created.get("session").get("id").asText();
        String first = created.get("step").get("attribute").asText();
        Reply unclear = call("POST", "/v1/sessions/" + id + "/answers", "{\"text\": \"what's the weather?\"}");
        assertThat(unclear.body().get("step").get("rephrased").asBoolean()).isTrue();
        assertThat(unclear.body().get("step").get("attribute").asText()).isEqualTo(first);
        // the stored session is at that step too: GET shows the same rephrased question, not the first wording
        Reply again = call("GET", "/v1/sessions/" + id, null);
        assertThat(again.body().get("step")).isEqualTo(unclear.body().get("step"));
        String value = created.get("step").get("options").get(0).get("value").asText();
        Reply answered = call("POST", "/v1/sessions/" + id + "/answers", "{\"value\": \"" + value + "\"}");
        assertThat(answered.body().get("session").get("answered").get(first).asText()).isEqualTo(value);
        assertThat(answered.body().get("session").get("questions").asInt()).isEqualTo(1);
        String other = created.get("step").get("options").get(1).get("value").asText();
        Reply corrected = call("POST", "/v1/sessions/" + id + "/answers", "{\"attribute\": \"" + first
            + "\", \"value\": \"" + other + "\"}");
        assertThat(corrected.body().get("session").get("answered").get(first).asText()).isEqualTo(other);
        assertThat(corrected.body().get("session").get("questions").asInt()).isEqualTo(1);
    }

    /** Remembered across sessions: stated and answered values only, never inferred ones; deletable. */
    @Test
    void profilesAreRememberedAndForgotten() throws Exception {
        JsonNode s1 = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"userId\": \"u1\", \"request\": "
            + "\"cheap hotel downtown\", \"cost\": 5}").body();
        assertThat(s1.get("step").get("type").asText()).isEqualTo("proceed");
        JsonNode profile = call("GET", "/v1/users/u1/profile", null).body();
        assertThat(profile.get("domains").get("hotel").get("price").asText()).isEqualTo("low");
        assertThat(profile.get("domains").get("hotel").has("chain")).isFalse(); // inferred, not remembered
        JsonNode s2 = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"userId\": \"u1\", \"cost\": 5}").body();
        assertThat(s2.get("session").get("remembered").get("price").asText()).isEqualTo("low");
        Reply deleted = call("DELETE", "/v1/users/u1/profile", null);
        assertThat(deleted.body().get("deleted").asInt()).isEqualTo(2);
        assertThat(call("GET", "/v1/users/u1/profile", null).body().get("domains").size()).isZero();
    }

    @Test
    void errorsAreStructuredAndTenantsIsolated() throws Exception {
        Reply noKey = call("POST", "/v1/sessions", "{\"domain\": \"hotel\"}", null);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.body().get("field").asText()).isEqualTo("Authorization");
        assertThat(call("GET", "/v1/domains", null, "aw_wrong").status()).isEqualTo(401);
        Reply badJson = call("POST", "/v1/sessions", "{\"domain\": ");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.body().get("error").asText()).startsWith("malformed JSON at line 1");
        Reply unknown = call("POST", "/v1/sessions", "{\"domain\": \"cars\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("field").asText()).isEqualTo("domain");
        assertThat(unknown.body().get("value").asText()).isEqualTo("cars");
        Reply badGamma = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"gamma\": -1}");
        assertThat(badGamma.body().get("error").asText()).isEqualTo("gamma must be in [0, 100] or inf: -1");
        String id = call("POST", "/v1/sessions", "{\"domain\": \"hotel\"}").body().get("session").get("id").asText();
        Reply badValue = call("POST", "/v1/sessions/" + id + "/answers", "{\"attribute\": \"price\", \"value\": "
            + "\"free\"}");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.body().get("field").asText()).isEqualTo("value");
        String otherKey = ApiKeys.create(server.store(), "globex");
        assertThat(call("GET", "/v1/sessions/" + id, null, otherKey).status()).isEqualTo(404);
        assertThat(call("GET", "/v1/sessions/nope", null).status()).isEqualTo(404);
        Reply big = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"request\": \"" + "x".repeat(70_000)
            + "\"}");
        assertThat(big.status()).isEqualTo(413);
        Reply route = call("GET", "/v1/nothing", null);
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.body().get("error").asText()).contains("no such route");
    }

    /** Kill the server mid-session (stop without any handover), start another on the same database, continue. */
    @Test
    void aRestartedServerLosesNothing() throws Exception {
        JsonNode created = call("POST", "/v1/sessions", "{\"domain\": \"vacation\", \"cost\": 0.01, \"userId\": "
            + "\"u9\"}").body();
        String id = created.get("session").get("id").asText();
        JsonNode after = call("POST", "/v1/sessions/" + id + "/answers", "{\"text\": \"yes\"}").body();
        server.close();
        server.store().close();
        server = AskwiseServer.start(JdbcStore.sqlite(dir), 0);
        Reply resumed = call("GET", "/v1/sessions/" + id, null);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body().get("session").get("answered")).isEqualTo(after.get("session").get("answered"));
        assertThat(resumed.body().get("step")).isEqualTo(after.get("step"));
    }

    /** Concurrent answers to one session are serialised: each is applied once, none is lost. */
    @Test
    void concurrentAnswersAreSerialised() throws Exception {
        String id = call("POST", "/v1/sessions", "{\"domain\": \"image\", \"cost\": 0.0}").body().get("session")
            .get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(pool.submit(() -> call("POST", "/v1/sessions/" + id + "/answers", "{\"skip\": true}")));
        }
        for (Future<Reply> f : replies) {
            assertThat(f.get().status()).isEqualTo(200);
        }
        pool.shutdown();
        JsonNode s = call("GET", "/v1/sessions/" + id, null).body().get("session");
        assertThat(s.get("questions").asInt()).isEqualTo(4);
        assertThat(s.get("declined").size()).isEqualTo(4);
    }

    /** Every route in the OpenAPI document answers (not 404 from the router), and every route is documented. */
    /**
     * Every error an operation can be made to return is among its documented responses: no key (401), the key twice
     * (400), for bodies XML (415), 65 KiB (413) and broken JSON (400), an unknown id (404 where the route has one);
     * and every /v1 operation documents 429, every body 408.
     */
    @Test
    void everyErrorAnOperationReturnsIsDocumented() throws Exception {
        JsonNode doc = call("GET", "/openapi.json", null, null).body();
        Iterator<String> paths = doc.get("paths").fieldNames();
        int provoked = 0;
        while (paths.hasNext()) {
            String path = paths.next();
            if (!path.startsWith("/v1")) {
                continue;
            }
            Iterator<String> methods = doc.get("paths").get(path).fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                JsonNode op = doc.get("paths").get(path).get(method);
                Set<String> documented = new HashSet<>();
                op.get("responses").fieldNames().forEachRemaining(documented::add);
                boolean body = op.has("requestBody");
                String target = path.replace("{id}", "no-such-id").replace("{name}", "hotel");
                String verb = method.toUpperCase(java.util.Locale.ROOT);
                List<HttpRequest.Builder> tries = new ArrayList<>();
                tries.add(request(verb, target, body ? "{}" : null, "application/json", 0)); // no key
                tries.add(request(verb, target, body ? "{}" : null, "application/json", 2)); // the key twice
                if (body) {
                    tries.add(request(verb, target, "<a/>", "application/xml", 1));
                    tries.add(request(verb, target, "{\"x\": \"" + "y".repeat(65 * 1024) + "\"}", "application/json",
                        1));
                    tries.add(request(verb, target, "{\"domain\": ", "application/json", 1));
                } else {
                    tries.add(request(verb, target, null, null, 1)); // the unknown id, if the path has one
                }
                for (HttpRequest.Builder t : tries) {
                    HttpResponse<String> r = http.send(t.build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() >= 400) {
                        provoked++;
                        assertThat(documented).as("%s %s answered %d: %s", verb, path, r.statusCode(), r.body())
                            .contains(Integer.toString(r.statusCode()));
                    }
                }
                assertThat(documented).as(verb + " " + path).contains("400", "401", "429");
                if (body) {
                    assertThat(documented).as(verb + " " + path).contains("408", "413", "415");
                }
            }
        }
        assertThat(provoked).isGreaterThanOrEqualTo(30);
    }

    private HttpRequest.Builder request(String method, String target, String body, String type, int keys) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target));
        if (keys > 0) {
            b.header("Authorization", "Bearer " + key);
        }
        if (keys > 1) {
            b.header("X-API-Key", key);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void openApiMatchesTheRoutes() throws Exception {
        Reply doc = call("GET", "/openapi.json", null, null);
        assertThat(doc.status()).isEqualTo(200);
        Iterator<String> paths = doc.body().get("paths").fieldNames();
        Set<String> documented = new HashSet<>();
        while (paths.hasNext()) {
            String path = paths.next();
            Iterator<String> methods = doc.body().get("paths").get(path).fieldNames();
            while (methods.hasNext()) {
                String method = methods.next().toUpperCase(java.util.Locale.ROOT);
                documented.add(method + " " + path);
                String concrete = path.replace("{id}", "x").replace("{name}", "hotel");
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.port() + concrete)).header("Authorization", "Bearer " + key).method(method,
                    method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).as(method + " " + path).doesNotContain("no such route");
            }
        }
        // the table behind 405 and Allow offers exactly the documented methods of each /v1 path
        java.util.Map<String, Set<String>> byPath = new java.util.TreeMap<>();
        for (String route : documented) {
            String[] mp = route.split(" ", 2);
            if (mp[1].startsWith("/v1")) {
                byPath.computeIfAbsent(mp[1], k -> new java.util.TreeSet<>()).add(mp[0]);
            }
        }
        byPath.forEach((path, methods) -> {
            String concrete = path.replace("{id}", "x").replace("{name}", "hotel");
            assertThat(new java.util.TreeSet<>(List.of(AskwiseServer.allowed(concrete).split(", ")))).as(path)
                .isEqualTo(methods);
        });
        assertThat(AskwiseServer.allowed("/v1/nope")).isNull();
        assertThat(documented).containsExactlyInAnyOrder("GET /openapi.json", "GET /", "GET /v1/domains",
            "GET /v1/domains/{name}", "GET /healthz", "GET /readyz", "GET /metrics",
            "GET /v1/sessions/{id}/explain",
            "POST /v1/sessions", "GET /v1/sessions/{id}", "POST /v1/sessions/{id}/answers",
            "POST /v1/sessions/{id}/feedback", "GET /v1/users/{id}/profile", "DELETE /v1/users/{id}/profile",
            "POST /v1/clarify");
    }

    /** The reasoning panel's data: a posterior that sums to 1 and candidate gains that react to the cost slider. */
    @Test
    void explainsThePosteriorAndTheCandidates() throws Exception {
        String id = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"request\": \"downtown\", \"cost\": "
            + "0.05}").body().get("session").get("id").asText();
        JsonNode e = call("GET", "/v1/sessions/" + id + "/explain", null).body();
        double total = 0;
        for (JsonNode p : e.get("posterior")) {
            total += p.get("probability").asDouble();
        }
        assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(e.get("posterior").get(1).get("cluster").asText()).isEqualTo("business travellers");
        double gain = e.get("candidates").get(0).get("gain").asDouble();
        JsonNode dearer = call("GET", "/v1/sessions/" + id + "/explain?cost=0.5", null).body();
        assertThat(dearer.get("candidates").get(0).get("gain").asDouble()).isCloseTo(gain - 0.45,
            org.assertj.core.api.Assertions.within(1e-9));
        assertThat(call("GET", "/v1/sessions/" + id + "/explain?gamma=-2", null).status()).isEqualTo(400);
    }

    /** A domain file served beside the built-in ones (here: email under another name). */
    @Test
    void servesDomainFiles() throws Exception {
        server.close();
        String json = dev.askwise.dialogue.Domain.builtIn("email").toJson().replace("\"name\":\"email\"",
            "\"name\":\"memo\"");
        server = AskwiseServer.start(server.store(), "127.0.0.1", 0, java.util.List.of(
            dev.askwise.dialogue.Domain.parse(json, "memo")));
        JsonNode domains = call("GET", "/v1/domains", null).body().get("domains");
        assertThat(domains.toString()).contains("\"memo\"").contains("\"hotel\"");
        assertThat(call("POST", "/v1/sessions", "{\"domain\": \"memo\"}").status()).isEqualTo(201);
    }

    @Test
    void feedbackIsStored() throws Exception {
        String id = call("POST", "/v1/sessions", "{\"domain\": \"hotel\", \"cost\": 5}").body().get("session")
            .get("id").asText();
        Reply fb = call("POST", "/v1/sessions/" + id + "/feedback", "{\"attribute\": \"chain\", \"value\": "
            + "\"local\"}");
        assertThat(fb.status()).isEqualTo(201);
        assertThat(server.store().feedback("acme", "hotel")).hasSize(1);
        assertThat(server.store().feedback("acme", "hotel").get(0).value()).isEqualTo("local");
    }

    private static final String ITALY = "{\"question\": \"Who took control of the italian government in 1922?\", "
        + "\"interpretations\": [{\"question\": \"What party took control of the Italian government in 1922?\", "
        + "\"answers\": [\"National Fascist Party\"]%s}, {\"question\": \"What leader took control of the Italian "
        + "government in 1922?\", \"answers\": [\"Benito Mussolini\"]}]%s}";

    /**
     * Clarify or answer by hand: two readings, equally likely: answering now is right half the time, asking always
     * (gain 0.5) — so the engine asks at cost 0.3 and answers at cost 0.6; with weights 9:1 answering now is right 0.9
     * of the time and the gain 0.1 is below 0.3. A reply resolves to its reading.
     */
    @Test
    void clarifyOrAnswer() throws Exception {
        Reply ask = call("POST", "/v1/clarify", String.format(ITALY, "", ""));
        assertThat(ask.status()).isEqualTo(200);
        assertThat(ask.body().get("decision").asText()).isEqualTo("ask");
        assertThat(ask.body().get("clarifyingQuestion").asText()).isEqualTo("Do you mean \"party\" or \"leader\"?");
        assertThat(ask.body().get("answerNow").asDouble()).isEqualTo(0.5);
        assertThat(ask.body().get("afterAsking").asDouble()).isEqualTo(1.0);
        assertThat(call("POST", "/v1/clarify", String.format(ITALY, "", ", \"cost\": 0.6")).body().get("decision")
            .asText()).isEqualTo("answer");
        Reply weighted = call("POST", "/v1/clarify", String.format(ITALY, ", \"weight\": 9", ""));
        assertThat(weighted.body().get("decision").asText()).isEqualTo("answer");
        assertThat(weighted.body().get("answerNow").asDouble()).isCloseTo(0.9, org.assertj.core.api.Assertions
            .within(1e-12));
        assertThat(weighted.body().get("defaultReading").asInt()).isZero();
        Reply resolved = call("POST", "/v1/clarify", String.format(ITALY, "", ", \"reply\": \"the leader\""));
        assertThat(resolved.body().get("understood").asBoolean()).isTrue();
        assertThat(resolved.body().get("resolvedReading").asInt()).isEqualTo(1);
        assertThat(resolved.body().get("answers").get(0).asText()).isEqualTo("Benito Mussolini");
        assertThat(resolved.body().has("askAgain")).isFalse();
        Reply second = call("POST", "/v1/clarify", String.format(ITALY, "", ", \"reply\": \"the second one\""));
        assertThat(second.body().get("resolvedReading").asInt()).isEqualTo(1);
        assertThat(second.body().get("resolvedBy").asText()).isEqualTo("ordinal");
        // not understood: no reading chosen (not the default 0), the question asked again
        Reply nonsense = call("POST", "/v1/clarify", String.format(ITALY, "", ", \"reply\": \"xyzzy\""));
        assertThat(nonsense.status()).isEqualTo(200);
        assertThat(nonsense.body().get("understood").asBoolean()).isFalse();
        assertThat(nonsense.body().has("resolvedReading")).isFalse();
        assertThat(nonsense.body().has("answers")).isFalse();
        assertThat(nonsense.body().get("askAgain").asText()).isEqualTo("Sorry, I did not understand that. Do you "
            + "mean \"party\" or \"leader\"?");
        assertThat(nonsense.body().get("remainingReadings").toString()).isEqualTo("[0,1]");
        Reply guy = call("POST", "/v1/clarify", String.format(ITALY, "", ", \"reply\": \"the guy, not the "
            + "party\""));
        assertThat(guy.body().get("understood").asBoolean()).isFalse();
        assertThat(guy.body().has("resolvedReading")).isFalse();
        assertThat(guy.body().get("askAgain").asText()).isEqualTo("Just to check: do you mean \"leader\"?");
        assertThat(guy.body().get("remainingReadings").toString()).isEqualTo("[1]");

        Reply badCost = call("POST", "/v1/clarify", String.format(ITALY, "", ", \"cost\": 2"));
        assertThat(badCost.status()).isEqualTo(400);
        assertThat(badCost.body().get("error").asText()).isEqualTo("cost must be a number in [0, 1]: 2");
        assertThat(badCost.body().get("field").asText()).isEqualTo("cost");
        Reply badWeight = call("POST", "/v1/clarify", String.format(ITALY, ", \"weight\": -1", ""));
        assertThat(badWeight.body().get("field").asText()).isEqualTo("interpretations[0].weight");
        Reply none = call("POST", "/v1/clarify", "{\"question\": \"q?\", \"interpretations\": []}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().get("error").asText()).isEqualTo("interpretations must be an array of 1 to 50 "
            + "readings");
        Reply noAnswers = call("POST", "/v1/clarify", "{\"question\": \"q?\", \"interpretations\": "
            + "[{\"question\": \"q1?\"}]}");
        assertThat(noAnswers.body().get("field").asText()).isEqualTo("interpretations[0].answers");
        assertThat(call("POST", "/v1/clarify", String.format(ITALY, "", ""), null).status()).isEqualTo(401);
    }
}
