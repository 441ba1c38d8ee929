package dev.askwise.server;

import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.JdbcStore;
import dev.askwise.server.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal process entry point: {@code ServerMain STORE PORT_FILE KEY_FILE} serves on a free port over STORE (a
 * directory: the default SQLite store in it; a {@code jdbc:postgresql:} URL: PostgreSQL as user
 * {@code ASKWISE_POSTGRES_USER}, default postgres), writes the port and a new API key (tenant {@code local}) to the two
 * files, and runs until killed. Used by the tests that kill a server process mid-session; {@code askwise serve} is
 * the user-facing command.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Store store = args[0].startsWith("jdbc:postgresql:")
            ? JdbcStore.postgres(args[0], System.getenv().getOrDefault("ASKWISE_POSTGRES_USER", "postgres"),
                System.getenv().getOrDefault("ASKWISE_POSTGRES_PASSWORD", ""))
            : JdbcStore.sqlite(Path.of(args[0]));
        AskwiseServer server = AskwiseServer.start(store, ServerOptions.defaults().withPort(0).withRate(0, 1),
            java.util.List.of()); // no rate limit: the crash tests write as fast as they can
        String key = ApiKeys.create(store, "local");
        Files.writeString(Path.of(args[2]), key);
        Files.writeString(Path.of(args[1] + ".tmp"), Integer.toString(server.port()));
        Files.move(Path.of(args[1] + ".tmp"), Path.of(args[1]));
        Thread.currentThread().join();
    }
}
