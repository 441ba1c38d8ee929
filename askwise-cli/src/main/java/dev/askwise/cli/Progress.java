package dev.askwise.cli;

import java.util.function.LongConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on an interactive terminal, nothing otherwise (pipes, CI, tests). */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    Progress(String task, long total) {
        this.bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
    }

    /** A consumer of "done so far" counts. */
    LongConsumer listener() {
        return done -> {
            if (bar != null) {
                bar.stepTo(done);
            }
        };
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
