package dev.askwise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the {@code askwise} command. Exit codes: 0 success, 2 bad input (one line on stderr, no stack
 * trace; also an input file that is missing, a directory or not UTF-8), 1 any other failure (for example an output
 * directory that cannot be written).
 */
public final class Main {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.Charset.defaultCharset()),
            true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.Charset.defaultCharset()),
            true);
        // the command runs on a thread of its own with a 64 MB stack: on the launcher's main thread (1 MB by default) a
        // long text (about 4,000 characters) overflowed the stack inside native code and the JVM died with SIGSEGV
        int[] code = {1};
        Thread worker = new Thread(null, () -> code[0] = run(args, out, err), "askwise", 64L << 20);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(code[0]);
    }

    /** Runs the command line and returns the exit code; output goes to the given writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandLine();
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, ignored) -> {
            if (ex instanceof CommandLine.UnmatchedArgumentException u && ex.getCommandLine() == cmd
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                // a mistyped command: say so, and what it may have meant
                String typed = u.getUnmatched().get(0);
                java.util.List<String> near = cmd.getSubcommands().keySet().stream()
                    .filter(c -> editDistance(c, typed) <= Math.max(1, Math.min(2, typed.length() / 3))).toList();
                err.println("askwise: unknown command '" + u.getUnmatched().get(0) + "'"
                    + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?")
                    + " (see askwise --help)");
                err.flush();
                return BAD_INPUT;
            }
            err.println("askwise: " + firstLine(ex.getMessage()) + " (see --help)");
            err.flush();
            return BAD_INPUT;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            if (cause instanceof IllegalArgumentException) {
                err.println("askwise: " + firstLine(plainIoMessage(cause)));
                err.flush();
                return BAD_INPUT;
            }
            if (cause instanceof UncheckedIOException || cause instanceof IOException) {
                String message = plainIoMessage(cause);
                err.println("askwise: " + firstLine(message));
                err.flush();
                return unreadableInput(cause, message) ? BAD_INPUT : 1;
            }
            err.println("askwise: internal error: " + cause);
            if (System.getenv("ASKWISE_DEBUG") != null) {
                cause.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        int code;
        try {
            code = cmd.execute(args);
        } catch (StackOverflowError e) { // picocli hands only Exceptions to the handler above
            err.println("askwise: the input is nested too deeply to read (stack overflow)");
            code = BAD_INPUT;
        } catch (OutOfMemoryError e) {
            err.println("askwise: out of memory (" + e.getMessage() + "); give the JVM more with ASKWISE_JAVA_OPTS=-Xmx..."
                + " or ask for less");
            code = 1;
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command tree, with every description made of whole paragraphs (source lines that continue a sentence are
     * joined, so picocli wraps them at the terminal's width — 80 columns when it cannot tell — without breaking a
     * sentence in the middle) and the top-level description listing every sub-command from the command tree itself.
     */
    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AskwiseCommand());
        cmd.setUsageHelpAutoWidth(true);
        joinParagraphs(cmd);
        java.util.List<String> description = new java.util.ArrayList<>(
            java.util.List.of(cmd.getCommandSpec().usageMessage().description()));
        description.add("Commands: " + String.join(", ", cmd.getSubcommands().keySet()) + ".");
        cmd.getCommandSpec().usageMessage().description(description.toArray(new String[0]));
        cmd.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        inheritVersion(cmd, cmd.getCommandSpec().version());
        return cmd;
    }

    /** Every sub-command's -V/--version prints the program's version (its help lists the option). */
    private static void inheritVersion(CommandLine cmd, String[] version) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().version(version);
            }
            inheritVersion(sub, version);
        }
    }

    /** The command list of the top-level help: each command with the first sentence of its description. */
    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int width = help.commandSpec().usageMessage().width();
        int nameWidth = 2 + subs.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
            new CommandLine.Help.Column(nameWidth, 2, CommandLine.Help.Column.Overflow.SPAN),
            new CommandLine.Help.Column(width - nameWidth, 2, CommandLine.Help.Column.Overflow.WRAP));
        for (Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
            String[] d = e.getValue().commandSpec().usageMessage().description();
            table.addRowValues(e.getKey(), d.length == 0 ? "" : firstSentence(d[0]));
        }
        return table.toString();
    }

    /** Up to and including the first full stop followed by a space (the whole text if there is none). */
    static String firstSentence(String text) {
        for (int i = 0; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '.' && text.charAt(i + 1) == ' ' && i > 0 && Character.isLowerCase(text.charAt(i - 1))) {
                return text.substring(0, i + 1);
            }
        }
        return text;
    }

    /** Joins description lines that do not end a sentence with the line after them, for a command and its tree. */
    static void joinParagraphs(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage().description(paragraphs(cmd.getCommandSpec().usageMessage()
            .description()));
        for (CommandLine sub : cmd.getSubcommands().values()) {
            joinParagraphs(sub);
        }
    }

    /** Lines joined into paragraphs: a line that ends with '.', ':' or is empty closes its paragraph. */
    static String[] paragraphs(String[] lines) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                out.add("");
                continue;
            }
            if (current.length() > 0) {
                current.append(' ');
            }
            current.append(line.strip());
            String t = line.strip();
            if (t.endsWith(".") || t.endsWith(":")) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out.toArray(new String[0]);
    }

    /**
     * The message with the JDK's terse reasons spelled out: a file that is not UTF-8 ("Input length = 1"), a missing
     * file (the JDK repeats only its name) and a refused one.
     */
    static String plainIoMessage(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage();
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String plain = c instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text"
                : c instanceof java.nio.file.NoSuchFileException ? "no such file"
                : c instanceof java.nio.file.AccessDeniedException ? "permission denied" : null;
            if (plain == null) {
                continue;
            }
            String terse = c.getMessage() == null ? "" : c.getMessage();
            if (!terse.isEmpty() && message.endsWith(": " + terse)) {
                return message.substring(0, message.length() - terse.length()) + plain;
            }
            return message.isEmpty() ? plain : message;
        }
        return message;
    }

    /**
     * Whether an I/O failure is the user's input (exit 2): a file to read that is missing, refused, a directory or not
     * UTF-8. Anything else, such as an output that cannot be written, is exit 1.
     */
    static boolean unreadableInput(Throwable t, String message) {
        if (!message.startsWith("cannot read")) {
            return false;
        }
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof java.nio.charset.CharacterCodingException || c instanceof java.nio.file.FileSystemException
                || c instanceof java.io.FileNotFoundException) {
                return true;
            }
            if (c instanceof IOException && String.valueOf(c.getMessage()).endsWith("Is a directory")) {
                return true;
            }
        }
        return false;
    }

    /** Levenshtein distance (small strings: command names). */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1)
                    ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message.trim() : message.substring(0, nl).trim();
    }
}
