package dev.askwise.server.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable storage of API keys (hashed), sessions, remembered profiles and feedback, scoped by tenant. Implementations
 * are thread-safe; a session is saved with its version and a stale version is refused (no lost updates).
 */
public interface Store extends AutoCloseable {

    /** Stores the hash of a new key for the tenant. */
    void addKey(String keyHash, String tenant);

    /** The tenant of a key hash, if any. */
    Optional<String> tenantOfKey(String keyHash);

    /** A stored session. */
    record StoredSession(String id, String tenant, String domain, String userId, String state, int version) {
    }

    /** Inserts a new session (version 1). */
    void createSession(StoredSession session);

    /** The session of the tenant, if it exists. */
    Optional<StoredSession> session(String tenant, String id);

    /**
     * Replaces a session's state if its stored version is {@code expectedVersion}; the new version is one more.
     *
     * @return false when the stored version differs (a concurrent update won)
     */
    boolean updateSession(String tenant, String id, String state, int expectedVersion);

    /**
     * Remembers stated and answered values of a user in a domain (replacing earlier values of those attributes); an
     * attribute mapped to null is forgotten (its earlier value deleted). One transaction.
     */
    void remember(String tenant, String userId, String domain, Map<String, String> values);

    /** The remembered values of a user in a domain. */
    Map<String, String> profile(String tenant, String userId, String domain);

    /** Every remembered value of a user: domain → attribute → value. */
    Map<String, Map<String, String>> profile(String tenant, String userId);

    /** Forgets a user; returns how many values were deleted. */
    int forget(String tenant, String userId);

    /** A user's correction of an inferred value. */
    record Feedback(String id, String tenant, String sessionId, String domain, String attribute, String value) {
    }

    void addFeedback(Feedback feedback);

    /** All feedback of a tenant's domain (for offline refits). */
    List<Feedback> feedback(String tenant, String domain);

    /** Checks that the database answers; throws when it does not (the readiness probe). */
    void ping();

    /** The database as shown to an operator (kind and location, no credentials). */
    String describe();

    @Override
    void close();
}
