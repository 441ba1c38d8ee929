package dev.askwise.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code askwise} command and its sub-commands; {@link Main#commandLine()} appends the list of sub-commands to the
 * description from the command tree itself, so it cannot drift.
 */
@Command(name = "askwise", mixinStandardHelpOptions = true, version = "askwise 0.1.0",
    description = {"Decide when an assistant should ask a clarifying question, which one, and what to infer instead,",
        "with an explicit cost per question and an explicit inequality aversion gamma."},
    subcommands = {AnalyzeCommand.class, LandscapeCommand.class, ReportCommand.class, SushiCommand.class,
        CompareCommand.class, FitCommand.class, DomainCommand.class, ServeCommand.class, KeysCommand.class,
        RefitCommand.class, EvalQuestionerCommand.class, InterpretCommand.class,
        ClarifyEvalCommand.class},
    footer = {"", "Examples:", "  askwise analyze --n 10 --p 0.5 --eps 0.1 --gamma 2 --cost 1",
        "  askwise landscape --n 10 --gamma 0 --cost 1 --out out/", "  askwise report --out report/",
        "  askwise sushi --data ~/sushi3-2016 --out sushi/",
        "  askwise compare --data movielens --out compare/", "  askwise fit --data movielens --out model.json",
        "  askwise serve", "  askwise eval-questioner --out eval/", "  askwise clarify-eval --cost 0.3 --out clarify/",
        "", "Exit codes: 0 ok, 2 bad input, 1 other failure. Documentation: docs/cli.md"})
final class AskwiseCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
            "missing command: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
