package dev.askwise.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise report}: the paper's analyses as one HTML page with figures and data. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Regenerates the analyses of Figures 2-6, 11 and 12 of 'When to Ask a Question' and the",
        "adaptive-versus-fixed comparison as one HTML page (index.html) with PNG and SVG figures and CSV data."},
    footer = {"", "Example:", "  askwise report --out report/   # then open report/index.html"})
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "report",
        description = "output directory, created if needed (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        List<String> files = new ReportBuilder(out).build();
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d files in %.1f s; open %s%n", files.size(),
            (System.nanoTime() - start) / 1e9, out.resolve("index.html").toAbsolutePath().normalize());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
