package dev.askwise.cli;

import dev.askwise.dialogue.Domain;
import dev.askwise.dialogue.DomainProblem;
import dev.askwise.dialogue.MoviesDomain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code askwise domain}: validate domain files, list the built-in ones, rebuild the movies domain. */
@Command(name = "domain", mixinStandardHelpOptions = true,
    description = "Domains: attributes, values with descriptions and synonyms, questions, and a population model.",
    subcommands = {DomainCommand.Validate.class, DomainCommand.ListDomains.class, DomainCommand.BuildMovies.class,
        DomainCommand.BuildSushi.class},
    footer = {"", "Examples:", "  askwise domain validate my-domain.json", "  askwise domain list",
        "  askwise domain build-movies --out movies.json"})
final class DomainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "missing subcommand: validate, list or build-movies");
    }

    /** {@code askwise domain validate FILE}: every problem with its location; exit 2 when there are any. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a domain file and reports every problem with its location (exit 2 if any).",
        footer = {"", "Example:", "  askwise domain validate hotel.json"})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "domain JSON file")
        Path file;

        @Override
        public Integer call() {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read domain file " + file + ": " + e.getMessage(), e);
            }
            List<DomainProblem> problems = Domain.validate(text);
            if (problems.isEmpty()) {
                Domain d = Domain.parse(text, file.toString());
                spec.commandLine().getOut().printf("%s: valid domain '%s' with %d attributes and %d clusters%n", file,
                    d.name(), d.attributes().size(), d.model().clusters());
                spec.commandLine().getOut().flush();
                return 0;
            }
            for (DomainProblem p : problems) {
                spec.commandLine().getErr().println(file + ": " + p);
            }
            spec.commandLine().getErr().printf("%s: %d problem%s%n", file, problems.size(),
                problems.size() == 1 ? "" : "s");
            spec.commandLine().getErr().flush();
            return Main.BAD_INPUT;
        }
    }

    /** {@code askwise domain list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the built-in domains.")
    static final class ListDomains implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            for (String name : Domain.BUILT_IN) {
                Domain d = Domain.builtIn(name);
                spec.commandLine().getOut().printf("%-9s %2d attributes, %d clusters  %s%n", name,
                    d.attributes().size(), d.model().clusters(), d.description());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code askwise domain build-sushi}: a sushi domain from the user's copy of the SUSHI data. */
    @Command(name = "build-sushi", mixinStandardHelpOptions = true,
        description = {"Builds a sushi domain (one yes/no attribute per sushi, model fitted by EM) from your copy of",
            "Kamishima's SUSHI data (not redistributable: https://www.kamishima.net/sushi/)."},
        footer = {"", "Example:", "  askwise domain build-sushi --data ~/sushi3-2016 --out sushi.json"})
    static final class BuildSushi implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", required = true, description = "directory of the SUSHI files")
        Path data;

        @Option(names = "--top", paramLabel = "T", defaultValue = "2", description = "items counted as liked")
        int top;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "domain file to write")
        Path out;

        @Override
        public Integer call() {
            Domain d = dev.askwise.dialogue.SushiDomain.build(data, top);
            try {
                Files.writeString(out, d.toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().printf("wrote %s: %s%n", out, d.provenance());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code askwise domain build-movies}: refits the movies domain's model from MovieLens. */
    @Command(name = "build-movies", mixinStandardHelpOptions = true,
        description = "Fits the movies domain's population model to MovieLens and writes the domain file.",
        footer = {"", "Example:", "  askwise domain build-movies --out movies.json"})
    static final class BuildMovies implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR", description = "MovieLens directory (default: the shipped copy)")
        Path data;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "domain file to write")
        Path out;

        @Override
        public Integer call() {
            Domain d = MoviesDomain.build(data != null ? data : DataSpec.shippedMovieLens());
            try {
                Files.writeString(out, d.toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().printf("wrote %s: %s%n", out, d.provenance());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
