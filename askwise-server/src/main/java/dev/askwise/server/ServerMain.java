package dev.askwise.server;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal process entry point: {@code ServerMain DATA_DIR PORT_FILE KEY_FILE} serves on a free port over the H2
 * database in DATA_DIR, writes the port and a new API key (tenant {@code local}) to the two files, and runs until
 * killed. Used by the test that kills a server process mid-session; {@code askwise serve} is the user-facing command.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Store store = JdbcStore.h2(Path.of(args[0]));
        AskwiseServer server = AskwiseServer.start(store, 0);
        String key = ApiKeys.create(store, "local");
        Files.writeString(Path.of(args[2]), key);
        Files.writeString(Path.of(args[1] + ".tmp"), Integer.toString(server.port()));
        Files.move(Path.of(args[1] + ".tmp"), Path.of(args[1]));
        Thread.currentThread().join();
    }
}
