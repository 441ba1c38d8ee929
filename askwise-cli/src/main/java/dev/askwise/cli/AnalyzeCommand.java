package dev.askwise.cli;

import dev.askwise.analysis.Analysis;
import dev.askwise.analysis.StylizedAnalysis;
import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise analyze}: the exact analysis of one stylized model. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Exact analysis of the two-cluster model of 'When to Ask a Question': for every number of",
        "questions k, the welfare-optimal response g*(r), EDE_gamma, E[U], the Atkinson index, the output",
        "entropy and each cluster's mean utility; the optimal k* (ties go to fewer questions); and the optimal",
        "adaptive policy that decides after each answer whether to ask again. U = n - mistakes - cost*k."},
    footer = {"", "Examples:", "  askwise analyze --n 10 --p 0.5 --eps 0.1 --gamma 2 --cost 1",
        "  askwise analyze --n 1000 --p 0.8 --eps 0.05 --gamma inf --format json",
        "  askwise analyze --n 20 --p 0.9 --eps 0.1 --gamma 1 --cost 0.3 --format csv > k.csv",
        "", "The JSON form is stable and documented in docs/cli.md."})
final class AnalyzeCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions options;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
        description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--no-adaptive", description = "skip the adaptive policy")
    boolean noAdaptive;

    @Override
    public Integer call() {
        SymmetricMixture model = options.model();
        WelfareFunction welfare = options.welfare();
        Analysis a = StylizedAnalysis.analyze(model, options.cost, welfare, !noAdaptive);
        String text = switch (format) {
            case json -> AnalysisFormats.json(a) + System.lineSeparator();
            case csv -> AnalysisFormats.csv(a);
            case table -> AnalysisFormats.table(a);
        };
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
