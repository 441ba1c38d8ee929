package dev.askwise.cli;

import dev.askwise.dialogue.Domain;
import dev.askwise.server.Refit;
import dev.askwise.server.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise refit}: updates a domain's population model offline from users' feedback. */
@Command(name = "refit", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Refits a domain's population model from the feedback stored by the service (users' corrections",
        "of inferred values), pooled with users sampled from the current model, and writes the new domain file."},
    footer = {"", "Example:", "  askwise refit --domain hotel --tenant local --out hotel-refit.json",
        "  askwise domain validate hotel-refit.json"})
final class RefitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--domain", paramLabel = "NAME", required = true, description = "built-in domain")
    String domain;

    @Option(names = "--tenant", paramLabel = "NAME", defaultValue = "local", description = "whose feedback")
    String tenant;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "2000",
        description = "users sampled from the current model as the prior (default 2000)")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "seed")
    long seed;

    @Mixin

    StoreOptions storeOptions;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "domain file to write")
    Path out;

    @Override
    public Integer call() {
        if (samples < 1 || samples > 1_000_000) {
            throw new IllegalArgumentException("--samples must be in [1, 1000000]: " + samples);
        }
        Domain d = Domain.builtIn(domain);
        try (Store store = storeOptions.open()) {
            Refit.Result r = Refit.run(store, tenant, d, samples, seed);
            try {
                Files.writeString(out, r.domain().toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().printf("wrote %s: %s%n", out, r.domain().provenance());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
