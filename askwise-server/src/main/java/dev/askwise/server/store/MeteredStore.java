package dev.askwise.server.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A {@link Store} that times every call ({@code askwise_store_seconds{op}}); closing it does not close the store. */
public final class MeteredStore implements Store {

    private final Store store;
    private final MeterRegistry registry;
    /** One timer per operation (a fixed set of names), looked up once. */
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers =
        new java.util.concurrent.ConcurrentHashMap<>();

    public MeteredStore(Store store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    private <T> T time(String op, Supplier<T> work) {
        return timers.computeIfAbsent(op, o -> Timer.builder("askwise.store").tag("op", o)
            .publishPercentileHistogram().register(registry)).record(work);
    }

    private void run(String op, Runnable work) {
        time(op, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public void addKey(String keyHash, String tenant) {
        run("addKey", () -> store.addKey(keyHash, tenant));
    }

    @Override
    public Optional<String> tenantOfKey(String keyHash) {
        return time("tenantOfKey", () -> store.tenantOfKey(keyHash));
    }

    @Override
    public void createSession(StoredSession session) {
        run("createSession", () -> store.createSession(session));
    }

    @Override
    public Optional<StoredSession> session(String tenant, String id) {
        return time("session", () -> store.session(tenant, id));
    }

    @Override
    public boolean updateSession(String tenant, String id, String state, int expectedVersion) {
        return time("updateSession", () -> store.updateSession(tenant, id, state, expectedVersion));
    }

    @Override
    public void remember(String tenant, String userId, String domain, Map<String, String> values) {
        run("remember", () -> store.remember(tenant, userId, domain, values));
    }

    @Override
    public Map<String, String> profile(String tenant, String userId, String domain) {
        return time("profile", () -> store.profile(tenant, userId, domain));
    }

    @Override
    public Map<String, Map<String, String>> profile(String tenant, String userId) {
        return time("profile", () -> store.profile(tenant, userId));
    }

    @Override
    public int forget(String tenant, String userId) {
        return time("forget", () -> store.forget(tenant, userId));
    }

    @Override
    public void addFeedback(Feedback feedback) {
        run("addFeedback", () -> store.addFeedback(feedback));
    }

    @Override
    public List<Feedback> feedback(String tenant, String domain) {
        return time("feedback", () -> store.feedback(tenant, domain));
    }

    @Override
    public void ping() {
        run("ping", store::ping);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        // the caller owns the wrapped store
    }
}
