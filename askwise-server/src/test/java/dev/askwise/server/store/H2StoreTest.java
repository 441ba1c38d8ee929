package dev.askwise.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database. */
class H2StoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    Store open() {
        return JdbcStore.h2(dir);
    }
}
