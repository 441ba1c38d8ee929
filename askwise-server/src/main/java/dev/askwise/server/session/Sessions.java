package dev.askwise.server.session;

import dev.askwise.server.store.Store;
import java.util.Map;

/**
 * Persistence of sessions: the typed state through {@link SessionStateCodec} into the {@link Store}, one row per
 * session, written with one conditional UPDATE per step (the version in the WHERE clause; a stale version is a 409).
 * Remembered profiles too. Thread-safe (the store is).
 */
final class Sessions {

    /** A session as loaded: its state and the version it was stored with. */
    record Loaded(SessionState state, int version) {
    }

    private final Store store;

    Sessions(Store store) {
        this.store = store;
    }

    Loaded load(String tenant, String id) {
        Store.StoredSession stored = store.session(tenant, id).orElseThrow(() -> ApiException.notFound(
            "unknown session '" + id + "'", "id", id));
        try {
            return new Loaded(SessionStateCodec.decode(stored.state()), stored.version());
        } catch (IllegalArgumentException e) {
            // our own stored data, not the client's input: an internal error (500, logged), never a 400
            throw new IllegalStateException("stored state of session " + id + " is unreadable: " + e.getMessage(), e);
        }
    }

    void create(String tenant, String id, SessionState s) {
        store.createSession(new Store.StoredSession(id, tenant, s.domain(), s.userId(), SessionStateCodec.encode(s),
            1));
    }

    /** Stores the next state if the stored version is still {@code version}; else 409 (another process won). */
    void save(String tenant, String id, SessionState s, int version) {
        if (!store.updateSession(tenant, id, SessionStateCodec.encode(s), version)) {
            throw new ApiException(409, "the session changed meanwhile; retry", "id", id);
        }
    }

    Map<String, String> remembered(String tenant, String userId, String domain) {
        return store.profile(tenant, userId, domain);
    }

    void remember(String tenant, String userId, String domain, Map<String, String> values) {
        store.remember(tenant, userId, domain, values);
    }

    Store store() {
        return store;
    }
}
