package dev.askwise.cli;

import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise keys create}: a new API key for a tenant (only its hash is stored). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "API keys.",
    subcommands = {KeysCommand.Create.class},
    footer = {"", "Example:", "  askwise keys create --tenant acme"})
final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: create");
    }

    /** Creates a key. */
    @Command(name = "create", mixinStandardHelpOptions = true,
        description = "Creates an API key for a tenant and prints it once; the database keeps only its SHA-256.",
        footer = {"", "Example:", "  askwise keys create --tenant acme --data-dir askwise-data"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--tenant", paramLabel = "NAME", defaultValue = "local",
            description = "tenant, [a-z0-9][a-z0-9_-]{0,63} (default: local)")
        String tenant;

        @Mixin

        StoreOptions storeOptions;

        @Override
        public Integer call() {
            try (Store store = storeOptions.open()) {
                String key = ApiKeys.create(store, tenant);
                spec.commandLine().getOut().println(key);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
