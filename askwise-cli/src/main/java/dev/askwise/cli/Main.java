package dev.askwise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Entry point of the {@code askwise} command. Exit codes: 0 success, 2 bad input (one line on stderr, no stack
 * trace), 1 any other failure (for example an output directory that cannot be written).
 */
public final class Main {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Runs the command line and returns the exit code; output goes to the given writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new AskwiseCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, ignored) -> {
            err.println("askwise: " + firstLine(ex.getMessage()) + " (see --help)");
            err.flush();
            return BAD_INPUT;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            if (cause instanceof IllegalArgumentException) {
                err.println("askwise: " + firstLine(cause.getMessage()));
                err.flush();
                return BAD_INPUT;
            }
            if (cause instanceof UncheckedIOException || cause instanceof IOException) {
                err.println("askwise: " + firstLine(cause.getMessage()));
                err.flush();
                return 1;
            }
            err.println("askwise: internal error: " + cause);
            if (System.getenv("ASKWISE_DEBUG") != null) {
                cause.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message.trim() : message.substring(0, nl).trim();
    }
}
