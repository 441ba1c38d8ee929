package dev.askwise.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askwise.server.http.ApiKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link Store} must do; run against H2 and against a real PostgreSQL. */
abstract class StoreContract {

    /** A store over the same database each time it is called (to simulate a restart). */
    abstract Store open();

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    @Test
    void keysMapToTenantsByHashOnly() {
        try (Store s = open()) {
            String hash = ApiKeys.hash("k-" + unique());
            s.addKey(hash, "acme");
            assertThat(s.tenantOfKey(hash)).contains("acme");
            assertThat(s.tenantOfKey(ApiKeys.hash("other"))).isEmpty();
        }
    }

    @Test
    void sessionsAreVersionedAndTenantScoped() {
        try (Store s = open()) {
            String id = unique();
            s.createSession(new Store.StoredSession(id, "acme", "hotel", null, "{\"a\":1}", 1));
            assertThat(s.session("acme", id)).get().extracting(Store.StoredSession::state).isEqualTo("{\"a\":1}");
            assertThat(s.session("globex", id)).isEmpty();
            assertThat(s.updateSession("acme", id, "{\"a\":2}", 1)).isTrue();
            assertThat(s.updateSession("acme", id, "{\"a\":3}", 1)).as("stale version refused").isFalse();
            assertThat(s.session("acme", id).orElseThrow().version()).isEqualTo(2);
            assertThat(s.updateSession("globex", id, "{}", 2)).isFalse();
        }
    }

    @Test
    void aStoreSurvivesARestart() {
        String id = unique();
        String user = "u-" + unique();
        try (Store s = open()) {
            s.createSession(new Store.StoredSession(id, "acme", "email", user, "{\"x\":true}", 1));
            s.remember("acme", user, "email", Map.of("length", "short"));
        }
        try (Store s = open()) {
            assertThat(s.session("acme", id)).isPresent();
            assertThat(s.profile("acme", user, "email")).containsEntry("length", "short");
        }
    }

    @Test
    void profilesAreReplacedPerAttributeAndForgotten() {
        try (Store s = open()) {
            String user = "u-" + unique();
            s.remember("acme", user, "hotel", Map.of("price", "low", "area", "quiet"));
            s.remember("acme", user, "hotel", Map.of("price", "high"));
            s.remember("acme", user, "email", Map.of("length", "long"));
            assertThat(s.profile("acme", user, "hotel")).containsExactlyInAnyOrderEntriesOf(
                Map.of("price", "high", "area", "quiet"));
            assertThat(s.profile("globex", user)).isEmpty();
            assertThat(s.forget("acme", user)).isEqualTo(3);
            assertThat(s.profile("acme", user)).isEmpty();
        }
    }

    @Test
    void anAttributeRememberedAsNullIsForgottenInTheSameWrite() {
        try (Store s = open()) {
            String user = "u-" + unique();
            s.remember("acme", user, "hotel", Map.of("price", "low", "area", "quiet"));
            java.util.Map<String, String> withdrawn = new java.util.LinkedHashMap<>();
            withdrawn.put("price", "mid");
            withdrawn.put("area", null);
            s.remember("acme", user, "hotel", withdrawn);
            assertThat(s.profile("acme", user, "hotel")).containsExactlyInAnyOrderEntriesOf(Map.of("price", "mid"));
        }
    }

    @Test
    void feedbackIsKeptInOrder() {
        try (Store s = open()) {
            String session = unique();
            String domain = "d" + unique().substring(0, 8);
            s.addFeedback(new Store.Feedback(unique(), "acme", session, domain, "chain", "local"));
            s.addFeedback(new Store.Feedback(unique(), "acme", session, domain, "price", "mid"));
            assertThat(s.feedback("acme", domain)).extracting(Store.Feedback::attribute)
                .containsExactlyInAnyOrder("chain", "price");
            assertThat(s.feedback("globex", domain)).isEmpty();
        }
    }

    @Test
    void duplicateSessionIdsAreRefused() {
        try (Store s = open()) {
            String id = unique();
            s.createSession(new Store.StoredSession(id, "acme", "hotel", null, "{}", 1));
            assertThatThrownBy(() -> s.createSession(new Store.StoredSession(id, "acme", "hotel", null, "{}", 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("database error");
            assertThat(s.session("acme", id)).isPresent();
        }
    }

    /**
     * Writes from many threads at once (committed together when the store groups commits): each is committed or
     * refused on its own — a stale version is refused, a duplicate id fails, and neither takes the others with it.
     */
    @Test
    void concurrentWritesSucceedOrFailAlone() throws Exception {
        int n = 48;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (Store s = open()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(unique());
            }
            List<Future<?>> created = new ArrayList<>();
            for (String id : ids) {
                created.add(pool.submit(() -> s.createSession(new Store.StoredSession(id, "acme", "hotel", null,
                    "{\"n\":0}", 1))));
            }
            for (Future<?> f : created) {
                f.get();
            }
            List<Future<Boolean>> fresh = new ArrayList<>();
            List<Future<Boolean>> stale = new ArrayList<>();
            List<Future<?>> duplicates = new ArrayList<>();
            for (String id : ids) {
                fresh.add(pool.submit(() -> s.updateSession("acme", id, "{\"n\":1}", 1)));
                stale.add(pool.submit(() -> s.updateSession("acme", id, "{\"n\":9}", 7)));
                duplicates.add(pool.submit(() -> s.createSession(new Store.StoredSession(id, "acme", "hotel", null,
                    "{\"n\":-1}", 1))));
            }
            for (int i = 0; i < n; i++) {
                assertThat(fresh.get(i).get()).isTrue();
                assertThat(stale.get(i).get()).isFalse();
                Future<?> dup = duplicates.get(i);
                assertThatThrownBy(dup::get).hasCauseInstanceOf(IllegalStateException.class);
            }
            for (String id : ids) {
                Store.StoredSession got = s.session("acme", id).orElseThrow();
                assertThat(got.version()).isEqualTo(2);
                assertThat(got.state()).isEqualTo("{\"n\":1}");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
