package dev.askwise.cli;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long run: a bar on an interactive terminal; elsewhere (pipes, CI, nohup) a log line on stderr at
 * start, at every tenth of the work with the elapsed time and an estimate of what remains, and at the end. Never
 * on stdout, where commands write their JSON or text results. The listener may be called from several threads.
 */
final class Progress implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final ProgressBar bar;
    private final String task;
    private final long total;
    private final Consumer<String> log;
    private final long start = System.nanoTime();
    private final AtomicInteger tenths = new AtomicInteger();

    Progress(String task, long total) {
        this(task, total, interactive(), LOG::info);
    }

    /**
     * Whether stdout is a terminal: {@code System.console()} says so on Java 17 to 21; from Java 22 it returns a
     * console for pipes too, and {@code Console.isTerminal()} (looked up, as release 17 lacks it) tells.
     */
    @SuppressWarnings("SystemConsoleNull") // the null test is right up to Java 21; isTerminal() covers 22 and later
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 17 to 21: a console is a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** With the terminal decided by the caller and the log lines sent to {@code log} (tests). */
    Progress(String task, long total, boolean terminal, Consumer<String> log) {
        this.task = task;
        this.total = total;
        this.log = log;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build() : null;
        if (bar == null) {
            log.accept(String.format(Locale.ROOT, "%s: started (%d steps)", task, total));
        }
    }

    /** A consumer of "done so far" counts. */
    LongConsumer listener() {
        return done -> {
            if (bar != null) {
                bar.stepTo(done);
                return;
            }
            if (total <= 0) {
                return;
            }
            int reached = (int) Math.min(10, done * 10 / total);
            int seen = tenths.get();
            while (reached > seen && reached < 10) {
                if (tenths.compareAndSet(seen, reached)) {
                    double elapsed = seconds();
                    double left = elapsed * (total - done) / Math.max(1, done);
                    log.accept(String.format(Locale.ROOT, "%s: %d%% (%d of %d) after %.1f s, about %.0f s left",
                        task, reached * 10, done, total, elapsed, left));
                    return;
                }
                seen = tenths.get();
            }
        };
    }

    private double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else {
            log.accept(String.format(Locale.ROOT, "%s: ended after %.1f s", task, seconds()));
        }
    }
}
