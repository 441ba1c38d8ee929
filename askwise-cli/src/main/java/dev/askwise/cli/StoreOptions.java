package dev.askwise.cli;

import dev.askwise.server.store.JdbcStore;
import dev.askwise.server.store.Store;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the service's data lives: the directory of the embedded SQLite database, or PostgreSQL. Shared by serve, refit
 * and keys.
 */
final class StoreOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "askwise-data",
        description = "directory of the embedded database (default: ./askwise-data)")
    Path dataDir;

    @Option(names = "--postgres-url", paramLabel = "JDBC-URL",
        description = "use PostgreSQL instead of the embedded SQLite database")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", defaultValue = "postgres", description = "PostgreSQL user")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD", defaultValue = "",
        description = "PostgreSQL password (or set ASKWISE_POSTGRES_PASSWORD)")
    String postgresPassword;

    /** Opens the configured store; the caller closes it. */
    Store open() {
        if (postgresUrl != null) {
            String env = System.getenv("ASKWISE_POSTGRES_PASSWORD");
            String pw = postgresPassword.isEmpty() && env != null ? env : postgresPassword;
            if (!postgresUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("--postgres-url must be a JDBC URL such as "
                    + "jdbc:postgresql://HOST:5432/DB: '" + postgresUrl + "'");
            }
            try {
                return JdbcStore.postgres(postgresUrl, postgresUser, pw);
            } catch (RuntimeException e) { // the pool's exception: say what failed in one line, not its class name
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                throw new IllegalArgumentException("cannot open PostgreSQL at " + postgresUrl + ": "
                    + String.valueOf(root.getMessage()).lines().findFirst().orElse(""), e);
            }
        }
        return JdbcStore.sqlite(CsvFile.prepareDirectory(dataDir));
    }

    /** The database as shown to the user. */
    String describe() {
        return postgresUrl != null ? postgresUrl : dataDir.toAbsolutePath().normalize().toString();
    }
}
