package dev.askwise.cli;

import dev.askwise.server.ApiKeys;
import dev.askwise.server.AskwiseServer;
import dev.askwise.server.Store;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise serve}: the HTTP API on the embedded SQLite database (or PostgreSQL). */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Starts the Askwise HTTP API (docs/http.md, OpenAPI at /openapi.json) on the embedded SQLite database",
        "kept in --data-dir, or on PostgreSQL with --postgres-url. Prints the URL and a new API key for tenant 'local'.",
        "Stop with Ctrl-C; sessions and profiles survive restarts."},
    footer = {"", "Examples:", "  askwise serve", "  askwise serve --port 9090 --data-dir /var/lib/askwise",
        "  askwise serve --postgres-url jdbc:postgresql://127.0.0.1:5432/askwise --postgres-user askwise"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "port, 0..65535 (default 8080)")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "interface to listen on (default 127.0.0.1)")
    String host;

    @Mixin

    StoreOptions storeOptions;

    @Option(names = "--domains-dir", paramLabel = "DIR",
        description = "also serve the domain files (*.json) in DIR, e.g. from domain build-sushi or refit")
    Path domainsDir;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be in [0, 65535]: " + port);
        }
        java.util.List<dev.askwise.dialogue.Domain> extra = new java.util.ArrayList<>();
        if (domainsDir != null) {
            try (var files = java.nio.file.Files.list(domainsDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    extra.add(dev.askwise.dialogue.Domain.load(f));
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read --domains-dir " + domainsDir + ": " + e.getMessage(),
                    e);
            }
        }
        Store store = storeOptions.open();
        AskwiseServer server = AskwiseServer.start(store, host, port, extra);
        String key = ApiKeys.create(store, "local");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
            stopped.countDown();
        }, "askwise-serve-stop"));
        spec.commandLine().getOut().printf("Askwise is serving at http://%s:%d/ (OpenAPI: /openapi.json)%n", host,
            server.port());
        spec.commandLine().getOut().printf("API key for tenant 'local' (shown once): %s%n", key);
        spec.commandLine().getOut().printf("Database: %s%n", storeOptions.describe());
        spec.commandLine().getOut().printf("Try: curl -s -H 'Authorization: Bearer %s' -d '{\"domain\":\"hotel\","
            + "\"request\":\"a cheap hotel downtown\"}' http://%s:%d/v1/sessions%n", key, host, server.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
