package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.JdbcStore;
import dev.askwise.server.store.PostgresStoreTest;
import dev.askwise.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Horizontal scale: two server processes' worth of servers (each with its own pool, locks and caches) on one
 * PostgreSQL serve the same sessions. A session started on one is answered on the other; two answers sent at once
 * to different servers resolve by the stored version — one may get 409, its retry succeeds, and no answer is lost.
 */
class TwoServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, JsonNode body) {
    }

    Reply call(AskwiseServer s, String key, String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .header("Authorization", "Bearer " + key).method(method, body == null ? HttpRequest.BodyPublishers
                .noBody() : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    @Test
    void twoServersOnOnePostgresServeTheSameSessions() throws Exception {
        assumeTrue(PostgresStoreTest.URL != null && !PostgresStoreTest.URL.isBlank(),
            "ASKWISE_TEST_POSTGRES_URL is not set: two-server test skipped");
        String user = System.getenv().getOrDefault("ASKWISE_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("ASKWISE_TEST_POSTGRES_PASSWORD", "");
        ServerOptions options = ServerOptions.defaults().withPort(0).withRate(0, 1);
        try (Store storeA = JdbcStore.postgres(PostgresStoreTest.URL, user, password);
             Store storeB = JdbcStore.postgres(PostgresStoreTest.URL, user, password);
             AskwiseServer a = AskwiseServer.start(storeA, options, List.of());
             AskwiseServer b = AskwiseServer.start(storeB, options, List.of())) {
            String key = ApiKeys.create(storeA, "two");
            JsonNode created = call(a, key, "POST", "/v1/sessions", "{\"domain\": \"movies\", \"cost\": 0}").body();
            String id = created.get("session").get("id").asText();
            Reply onB = call(b, key, "POST", "/v1/sessions/" + id + "/answers", "{\"skip\": true}");
            assertThat(onB.status()).isEqualTo(200);
            assertThat(call(a, key, "GET", "/v1/sessions/" + id, null).body().get("session").get("questions").asInt())
                .as("A sees the answer given on B").isEqualTo(1);

            int applied = 1;
            int conflicts = 0;
            for (int round = 0; round < 4; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Reply> ra = CompletableFuture.supplyAsync(() -> race(start, a, key, id));
                CompletableFuture<Reply> rb = CompletableFuture.supplyAsync(() -> race(start, b, key, id));
                for (Reply r : List.of(ra.get(), rb.get())) {
                    if (r.status() == 409) {
                        conflicts++;
                        assertThat(r.body().get("error").asText()).contains("retry");
                        Reply retry = call(b, key, "POST", "/v1/sessions/" + id + "/answers", "{\"skip\": true}");
                        assertThat(retry.status()).as("the retry succeeds").isEqualTo(200);
                    } else {
                        assertThat(r.status()).isEqualTo(200);
                    }
                    applied++;
                }
            }
            JsonNode session = call(b, key, "GET", "/v1/sessions/" + id, null).body().get("session");
            System.out.printf("TwoServersTest: %d answers over two servers, %d resolved by 409 and a retry%n",
                applied, conflicts);
            assertThat(session.get("questions").asInt()).as("no answer lost").isEqualTo(applied);
            assertThat(session.get("declined").size()).isEqualTo(applied);
        }
    }

    private Reply race(CyclicBarrier start, AskwiseServer s, String key, String id) {
        try {
            start.await();
            return call(s, key, "POST", "/v1/sessions/" + id + "/answers", "{\"skip\": true}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
