package dev.askwise.server.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;

/**
 * The store contract on a real PostgreSQL. {@code .ci/run} starts a throwaway cluster and sets
 * {@code ASKWISE_TEST_POSTGRES_URL} (and optionally {@code _USER}, {@code _PASSWORD}); without it the tests are
 * skipped, and say so.
 */
public class PostgresStoreTest extends StoreContract {

    public static final String URL = System.getenv("ASKWISE_TEST_POSTGRES_URL");

    @BeforeEach
    void requirePostgres() {
        assumeTrue(URL != null && !URL.isBlank(), "ASKWISE_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped");
    }

    @Override
    Store open() {
        String user = System.getenv().getOrDefault("ASKWISE_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("ASKWISE_TEST_POSTGRES_PASSWORD", "");
        return JdbcStore.postgres(URL, user, password);
    }
}
