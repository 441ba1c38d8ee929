package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.http.KeyHeaders;
import dev.askwise.server.store.JdbcStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input that issue 10 measured gets a JSON 4xx in the one error shape; the operations routes answer. */
class HardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    AskwiseServer server;
    String key;

    @BeforeEach
    void start() {
        server = AskwiseServer.start(JdbcStore.sqlite(dir), ServerOptions.defaults().withPort(0).withRate(5, 10),
            List.of());
        key = ApiKeys.create(server.store(), "acme");
    }

    @AfterEach
    void stop() {
        server.close();
        server.store().close();
    }

    RawHttp.Reply raw(String method, String target, String body, Map<String, String> extra) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + key);
        headers.put("Content-Type", "application/json");
        headers.putAll(extra);
        headers.values().removeIf(v -> v == null);
        return RawHttp.send(server.port(), RawHttp.request(method, target, headers, body == null ? null
            : body.getBytes(StandardCharsets.UTF_8)), false);
    }

    RawHttp.Reply post(String target, String body) throws Exception {
        return raw("POST", target, body, Map.of());
    }

    /** The error shape: JSON with error, field and value, no stack trace. */
    static JsonNode error(RawHttp.Reply r, int status) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.has("error") && body.has("field") && body.has("value")).as(r.body()).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("jackson")
            .doesNotContain("StreamReadFeature");
        return body;
    }

    String session() throws Exception {
        return JSON.readTree(post("/v1/sessions", "{\"domain\": \"hotel\"}").body()).get("session").get("id")
            .asText();
    }

    @Nested
    class StrictParsing {
        @Test
        void unknownFieldsAreNamed() throws Exception {
            JsonNode e = error(post("/v1/sessions", "{\"domain\":\"hotel\",\"reqest\":\"cheap\"}"), 400);
            assertThat(e.get("field").asText()).isEqualTo("reqest");
            assertThat(error(post("/v1/clarify", "{\"question\": \"q?\", \"interpretations\": [{\"question\": "
                + "\"a?\", \"answers\": [\"x\"], \"wieght\": 2}]}"), 400).get("field").asText())
                .isEqualTo("interpretations[0].wieght");
        }

        @Test
        void textWithValueConflicts() throws Exception {
            JsonNode e = error(post("/v1/sessions/" + session() + "/answers", "{\"text\": \"cheap\", \"value\": "
                + "\"low\"}"), 400);
            assertThat(e.get("error").asText()).contains("exactly one of text, value or skip");
        }

        @Test
        void trailingGarbageDepthNumbersAndDuplicates() throws Exception {
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\"} {}"), 400).get("error").asText())
                .startsWith("malformed JSON at line 1").contains("more content after the JSON value");
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\"} x"), 400).get("error").asText())
                .startsWith("malformed JSON at line 1, column 20: Unrecognized token 'x'");
            assertThat(error(post("/v1/sessions", "[".repeat(2000) + "]".repeat(2000)), 400).get("error").asText())
                .contains("nested deeper than 32 levels");
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\",\"cost\":" + "1".repeat(2000) + "}"), 400)
                .get("error").asText()).contains("a number longer than 64 characters");
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\",\"domain\":\"email\"}"), 400).get("error")
                .asText()).contains("field 'domain' given twice");
            assertThat(error(post("/v1/sessions", "{\"domain\": "), 400).get("error").asText())
                .startsWith("malformed JSON at line 1, column");
        }

        @Test
        void charsetsOtherThanUtf8AreRefused() throws Exception {
            error(raw("POST", "/v1/sessions", "{\"domain\":\"hotel\"}", Map.of("Content-Type",
                "application/json; charset=bogus")), 415);
            byte[] latin1 = "{\"domain\":\"h\u00f6tel\"}".getBytes(StandardCharsets.ISO_8859_1);
            Map<String, String> h = Map.of("Authorization", "Bearer " + key);
            assertThat(error(RawHttp.send(server.port(), RawHttp.request("POST", "/v1/sessions", h, latin1), false),
                400).get("error").asText()).contains("UTF-8");
        }

        @Test
        void aBodyDeclaredAsSomethingOtherThanJsonIs415() throws Exception {
            for (String type : new String[] {"application/xml", "multipart/form-data; boundary=x",
                "application/octet-stream", "text/html; charset=utf-8", "application/json/x+json"}) {
                JsonNode e = error(raw("POST", "/v1/sessions", "{\"domain\":\"hotel\"}", Map.of("Content-Type",
                    type)), 415);
                assertThat(e.get("error").asText()).isEqualTo(
                    "the body must be JSON: send Content-Type: application/json");
                assertThat(e.get("field").asText()).isEqualTo("Content-Type");
                assertThat(e.get("value").asText()).isEqualTo(type.split(";")[0]);
            }
            // JSON under any of its names, and what curl -d and a plain fetch send, are read as JSON
            for (String type : new String[] {"application/json", "Application/JSON; charset=UTF-8",
                "application/vnd.api+json", "text/plain;charset=utf-8", "application/x-www-form-urlencoded"}) {
                RawHttp.Reply r = raw("POST", "/v1/sessions", "{\"domain\":\"hotel\"}",
                    Map.of("Content-Type", type));
                assertThat(r.status()).as(type + ": " + r.body()).isEqualTo(201);
            }
        }

        @Test
        void aTruncatedBodyIsA400NotA500() throws Exception {
            byte[] req = RawHttp.request("POST", "/v1/sessions", Map.of("Authorization", "Bearer " + key,
                "Content-Length", "100"), null);
            byte[] partial = "{\"domain\"".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[req.length + partial.length];
            System.arraycopy(req, 0, all, 0, req.length);
            System.arraycopy(partial, 0, all, req.length, partial.length);
            RawHttp.Reply r = RawHttp.send(server.port(), all, true);
            assertThat(r.status()).as(r.body()).isIn(-1, 400);
            String chunked = "POST /v1/sessions HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                + key + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
            RawHttp.Reply c = RawHttp.send(server.port(), chunked.getBytes(StandardCharsets.ISO_8859_1), false);
            error(c, 400);
        }
    }

    @Nested
    class CoreLimits {
        /** For 0 < gamma < inf every utility + 1 must stay positive: cost below 1 + 1/n (hotel: n = 6). */
        @Test
        void costAboveWhatTheCoreCanComputeNamesCost() throws Exception {
            JsonNode e = error(post("/v1/sessions", "{\"domain\":\"hotel\",\"cost\":1.5,\"gamma\":2}"), 400);
            assertThat(e.get("field").asText()).isEqualTo("cost");
            assertThat(e.get("error").asText()).startsWith("cost must be below 1 + 1/");
            assertThat(post("/v1/sessions", "{\"domain\":\"hotel\",\"cost\":1.5,\"gamma\":0}").status())
                .isEqualTo(201);
            assertThat(post("/v1/sessions", "{\"domain\":\"hotel\",\"cost\":1.5,\"gamma\":\"inf\"}").status())
                .isEqualTo(201);
            String id = session();
            assertThat(error(raw("GET", "/v1/sessions/" + id + "/explain?cost=50&gamma=2", null, Map.of()), 400)
                .get("field").asText()).isEqualTo("cost");
            assertThat(error(raw("GET", "/v1/sessions/" + id + "/explain?cost=abc", null, Map.of()), 400)
                .get("field").asText()).isEqualTo("cost");
        }

        @Test
        void wrongTypesNameTheirField() throws Exception {
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\",\"gamma\":[1]}"), 400).get("field")
                .asText()).isEqualTo("gamma");
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\",\"request\":7}"), 400).get("field")
                .asText()).isEqualTo("request");
            assertThat(error(post("/v1/sessions/" + session() + "/answers", "{\"skip\":\"yes\"}"), 400).get("field")
                .asText()).isEqualTo("skip");
        }
    }

    @Nested
    class JettyErrorsAreJson {
        @Test
        void protocolErrors() throws Exception {
            error(raw("GET", "/v1/sessions/%zz", null, Map.of()), 400);
            error(raw("GET", "/v1/sessions/" + "x".repeat(20_000), null, Map.of()), 414);
            error(raw("GET", "/v1/domains", null, Map.of("X-Big", "y".repeat(20_000))), 431);
            error(raw("POST", "/v1/sessions", "{}", Map.of("Expect", "200-ok")), 417);
            String v = "GET /v1/domains HTTP/1.7\r\nHost: x\r\nConnection: close\r\n\r\n";
            RawHttp.Reply r = RawHttp.send(server.port(), v.getBytes(StandardCharsets.ISO_8859_1), false);
            assertThat(r.status()).isBetween(400, 505);
            if (r.status() != -1) {
                JSON.readTree(r.body());
            }
            error(raw("POST", "/v1/sessions", "x".repeat(70_000), Map.of()), 413);
            RawHttp.Reply patch = raw("PATCH", "/v1/sessions", "{}", Map.of());
            error(patch, 405);
            assertThat(patch.header("Allow")).isEqualTo("POST");
        }
    }

    /** What an adversarial client found (a lone surrogate merging two user ids, HEAD without a key, ...). */
    @Nested
    class Adversarial {
        @Test
        void userIdsThatTheStoreWouldAlterAreRefusedSoTwoIdsNeverShareAProfile() throws Exception {
            JsonNode e = error(post("/v1/sessions", "{\"domain\":\"hotel\",\"userId\":\"\\ud800x\"}"), 400);
            assertThat(e.get("field").asText()).isEqualTo("userId");
            assertThat(e.get("error").asText()).contains("unpaired surrogate U+D800");
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\",\"userId\":\"a\\u0000b\"}"), 400)
                .get("field").asText()).isEqualTo("userId");
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\",\"userId\":\"a\\u0007b\"}"), 400)
                .get("error").asText()).contains("control characters");
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\",\"userId\":\"   \"}"), 400)
                .get("error").asText()).isEqualTo("userId must not be blank");
            assertThat(error(post("/v1/sessions", "{\"domain\":\"hotel\",\"request\":\"cheap \\udc00\"}"), 400)
                .get("field").asText()).isEqualTo("request");
            assertThat(error(raw("GET", "/v1/users/" + "u".repeat(129) + "/profile", null, Map.of()), 400)
                .get("field").asText()).isEqualTo("userId");
            assertThat(post("/v1/sessions", "{\"domain\":\"hotel\",\"userId\":\"?x \\ud83d\\ude00\"}").status())
                .isEqualTo(201); // a paired surrogate (an emoji) is ordinary text
        }

        @Test
        void aMethodARouteDoesNotOfferIs405WithAllowAndHeadNeedsNoLessThanGet() throws Exception {
            String id = session();
            RawHttp.Reply delete = raw("DELETE", "/v1/sessions/" + id, null, Map.of());
            error(delete, 405);
            assertThat(delete.header("Allow")).isEqualTo("GET");
            RawHttp.Reply answers = raw("GET", "/v1/sessions/" + id + "/answers", null, Map.of());
            error(answers, 405);
            assertThat(answers.header("Allow")).isEqualTo("POST");
            Map<String, String> noKey = new LinkedHashMap<>();
            noKey.put("Authorization", null);
            RawHttp.Reply head = raw("HEAD", "/v1/sessions/" + id, null, noKey);
            assertThat(head.status()).isEqualTo(405); // was 200 without a key
            assertThat(raw("GET", "/v1/sessions/" + id, null, noKey).status()).isEqualTo(401);
            error(raw("GET", "/v1/no-such-thing", null, Map.of()), 404);
            assertThat(raw("GET", "/v1/users/alice/profile", null, Map.of()).status()).isEqualTo(200);
        }

        @Test
        void twoKeysInOneRequestAreRefusedAndA401SaysHowToAuthenticate() throws Exception {
            JsonNode e = error(raw("GET", "/v1/domains", null, Map.of("X-API-Key", key)), 400);
            assertThat(e.get("error").asText()).contains("send the API key once");
            Map<String, String> noKey = new LinkedHashMap<>();
            noKey.put("Authorization", null);
            RawHttp.Reply r = raw("GET", "/v1/domains", null, noKey);
            error(r, 401);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void theQueryStringIsReadAsStrictlyAsABody() throws Exception {
            String id = session();
            String explain = "/v1/sessions/" + id + "/explain?";
            assertThat(error(raw("GET", explain + "cost=0.5%ZZ", null, Map.of()), 400).get("error").asText())
                .startsWith("bad percent-encoding in the query");
            assertThat(error(raw("GET", explain + "cost=0.3&cost=0.5", null, Map.of()), 400).get("field").asText())
                .isEqualTo("cost");
            assertThat(error(raw("GET", explain + "cots=0.5", null, Map.of()), 400).get("field").asText())
                .isEqualTo("cots");
            assertThat(error(raw("GET", explain + "cost=0.3%00", null, Map.of()), 400).get("field").asText())
                .isEqualTo("cost");
            RawHttp.Reply ok = raw("GET", explain + "cost=0.5&gamma=2", null, Map.of());
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(JSON.readTree(ok.body()).get("cost").asDouble()).isEqualTo(0.5);
        }

        @Test
        void clarifyWeightsAreRelativeAndUnreadableQuestionsNameTheirField() throws Exception {
            RawHttp.Reply r = post("/v1/clarify", "{\"question\":\"q\",\"interpretations\":[{\"question\":\"a\","
                + "\"answers\":[\"x\"],\"weight\":1e308},{\"question\":\"r\",\"answers\":[\"b\"],"
                + "\"weight\":1e308}]}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode out = JSON.readTree(r.body());
            assertThat(out.get("answerNow").isNumber()).isTrue();
            assertThat(out.get("answerNow").asDouble()).isEqualTo(0.5); // the same as weights 1 and 1
            assertThat(out.get("afterAsking").isNumber()).as(r.body()).isTrue();
            JsonNode e = error(post("/v1/clarify", "{\"question\":\"Who?\",\"interpretations\":[{\"question\":"
                + "\"What party?\",\"answers\":[\"a\"]},{\"question\":\"\\u0001\",\"answers\":[\"b\"]}],"
                + "\"reply\":\"x\"}"), 400);
            assertThat(e.get("field").asText()).isEqualTo("interpretations[1].question");
        }

        @Test
        void oneReadingHasNothingToClarify() throws Exception {
            RawHttp.Reply r = post("/v1/clarify", "{\"question\":\"Who wrote Hamlet?\",\"interpretations\":["
                + "{\"question\":\"Who wrote the play Hamlet?\",\"answers\":[\"William Shakespeare\"]}],"
                + "\"reply\":\"the play\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode out = JSON.readTree(r.body());
            assertThat(out.get("decision").asText()).isEqualTo("answer");
            assertThat(out.has("clarifyingQuestion")).as(r.body()).isFalse();
            assertThat(out.get("options").size()).as("no empty option string").isZero();
            assertThat(out.get("why").asText()).isEqualTo("there is only one reading: nothing to clarify");
            assertThat(out.get("answers").get(0).asText()).isEqualTo("William Shakespeare");
        }
    }

    @Nested
    class Keys {
        @Test
        void keysAreExact() throws Exception {
            assertThat(raw("GET", "/v1/domains", null, Map.of()).status()).isEqualTo(200);
            // whitespace inside the value, other whitespace characters and any other case are refused (whitespace
            // after the key: trailingWhitespaceAfterAKeyIsRefused)
            error(raw("GET", "/v1/domains", null, Map.of("Authorization", "Bearer " + key + " x")), 401);
            error(raw("GET", "/v1/domains", null, Map.of("Authorization", "Bearer " + key + "\u00a0")), 401);
            error(raw("GET", "/v1/domains", null, Map.of("Authorization", "Bearer  " + key)), 401);
            error(raw("GET", "/v1/domains", null, Map.of("Authorization", "Bearer " + key.toUpperCase(
                java.util.Locale.ROOT).replace("AW_", "aw_"))), 401);
            String near = key.substring(0, key.length() - 1) + (key.endsWith("0") ? "1" : "0"); // one digit off
            error(raw("GET", "/v1/domains", null, Map.of("Authorization", "Bearer " + near)), 401);
            assertThat(raw("GET", "/v1/domains", null, Map.of()).status()).isEqualTo(200);
            assertThat(raw("GET", "/v1/domains", null, Map.of("X-API-Key", key + "\u000b")).status()).isIn(400, 401);
        }

        /**
         * Whitespace after a key: HTTP drops it from the value before any handler, so the connection marks it from
         * the raw header bytes (KeyHeaders) and the key check refuses it; a client cannot set the mark itself, and
         * the next request on the same connection is judged on its own.
         */
        @Test
        void trailingWhitespaceAfterAKeyIsRefused() throws Exception {
            RawHttp.Reply space = raw("GET", "/v1/domains", null, Map.of("Authorization", "Bearer " + key + " "));
            error(space, 401);
            assertThat(space.body()).contains("whitespace after the API key");
            error(raw("GET", "/v1/domains", null, Map.of("Authorization", "Bearer " + key + "\t")), 401);
            Map<String, String> apiKey = new LinkedHashMap<>();
            apiKey.put("Authorization", null);
            apiKey.put("X-API-Key", key + "  ");
            error(raw("GET", "/v1/domains", null, apiKey), 401);
            apiKey.put("X-API-Key", key);
            assertThat(raw("GET", "/v1/domains", null, apiKey).status()).isEqualTo(200);
            assertThat(raw("GET", "/v1/domains", null, Map.of(KeyHeaders.MARK, "1")).status())
                .as("the mark from a client is dropped").isEqualTo(200);
            assertThat(raw("GET", "/v1/domains", null, Map.of("X-Other", "x ")).status())
                .as("other headers may end in whitespace").isEqualTo(200);
            String two = "GET /v1/domains HTTP/1.1\r\nHost: x\r\nX-API-Key: " + key + " \r\n\r\n"
                + "GET /v1/domains HTTP/1.1\r\nHost: x\r\nX-API-Key: " + key + "\r\nConnection: close\r\n\r\n";
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port())) {
                socket.setSoTimeout(15_000);
                socket.getOutputStream().write(two.getBytes(StandardCharsets.ISO_8859_1));
                String replies = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                int first = replies.indexOf("HTTP/1.1 401");
                int second = replies.indexOf("HTTP/1.1 200");
                assertThat(first).as(replies).isGreaterThanOrEqualTo(0);
                assertThat(second).as("the keep-alive request after it is judged on its own").isGreaterThan(first);
            }
        }

        @Test
        void eachKeyIsRateLimited() throws Exception {
            int limited = 0;
            String retry = null;
            for (int i = 0; i < 30; i++) {
                RawHttp.Reply r = raw("GET", "/v1/domains", null, Map.of());
                if (r.status() == 429) {
                    limited++;
                    retry = r.header("Retry-After");
                    error(r, 429);
                }
            }
            assertThat(limited).as("burst 10, 5/s").isGreaterThan(10);
            assertThat(Integer.parseInt(retry)).isPositive();
            String other = ApiKeys.create(server.store(), "globex");
            assertThat(raw("GET", "/v1/domains", null, Map.of("Authorization", "Bearer " + other)).status())
                .as("another key has its own bucket").isEqualTo(200);
        }
    }

    @Nested
    class Operations {
        @Test
        void healthReadinessMetricsAndRequestIds() throws Exception {
            Map<String, String> noKey = new LinkedHashMap<>();
            noKey.put("Authorization", null);
            assertThat(raw("GET", "/healthz", null, noKey).status()).isEqualTo(200);
            RawHttp.Reply ready = raw("GET", "/readyz", null, Map.of("X-Request-Id", "req-42"));
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.header("X-Request-Id")).isEqualTo("req-42");
            assertThat(raw("GET", "/healthz", null, Map.of()).header("X-Request-Id")).hasSize(36);
            session();
            RawHttp.Reply metrics = raw("GET", "/metrics", null, noKey);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("askwise_http_requests_seconds_bucket").contains(
                "route=\"/v1/sessions\"").contains("askwise_store_seconds_count").contains("askwise_sessions_active");
        }

        @Test
        void domainDetails() throws Exception {
            RawHttp.Reply r = raw("GET", "/v1/domains/hotel", null, Map.of());
            assertThat(r.status()).isEqualTo(200);
            JsonNode d = JSON.readTree(r.body());
            assertThat(d.get("attributes").get(0).get("question").asText()).endsWith("?");
            assertThat(d.get("attributes").get(0).get("values").get(0).get("description").asText()).isNotBlank();
            error(raw("GET", "/v1/domains/cars", null, Map.of()), 404);
        }

        /** The lock map that grew by 6 KB per unknown id is gone: 10,000 such requests keep the heap flat. */
        @Test
        void unknownIdsDoNotGrowTheHeap() throws Exception {
            server.close();
            server = AskwiseServer.start(server.store(), ServerOptions.defaults().withPort(0).withRate(0, 1),
                List.of());
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            long before = usedAfterGc();
            for (int i = 0; i < 10_000; i++) {
                String id = i + "-" + "u".repeat(6000);
                var resp = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                    + server.port() + "/v1/sessions/" + id + "/answers")).header("Authorization", "Bearer " + key)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"skip\": true}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(resp.statusCode()).isEqualTo(404);
            }
            long growth = usedAfterGc() - before;
            System.out.printf("HardeningTest: heap growth after 10,000 unknown-id requests: %.1f MiB%n",
                growth / 1048576.0);
            assertThat(growth).as("heap growth in bytes").isLessThan(16L << 20);
        }

        private static long usedAfterGc() throws InterruptedException {
            Runtime rt = Runtime.getRuntime();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            return rt.totalMemory() - rt.freeMemory();
        }
    }
}
