package dev.askwise.cli;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import picocli.CommandLine.Option;

/** Options shared by the commands that analyse one stylized model. */
final class ModelOptions {

    @Option(names = "--n", paramLabel = "N", defaultValue = "10",
        description = "number of binary features, 1..2000 (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--p", paramLabel = "P", defaultValue = "0.5",
        description = "share of the all-zeros cluster, in [0, 1] (default: ${DEFAULT-VALUE})")
    double p;

    @Option(names = "--eps", paramLabel = "EPS", defaultValue = "0.1",
        description = "probability that a bit differs from its cluster, in [0, 0.5] (default: ${DEFAULT-VALUE})")
    double eps;

    @Option(names = "--gamma", paramLabel = "GAMMA", defaultValue = "0",
        description = "inequality aversion: 0 utilitarian, 1 Nash, larger is more averse, up to 100, or inf "
            + "(maximin) (default: ${DEFAULT-VALUE})")
    String gamma;

    @Option(names = "--cost", paramLabel = "C", defaultValue = "1",
        description = "utility cost of one question, >= 0; 1 is the paper's eq. 1 (default: ${DEFAULT-VALUE})")
    double cost;

    @Option(names = "--shift", paramLabel = "S", defaultValue = "1",
        description = "shift s > 0 added to utilities in the power mean (default: ${DEFAULT-VALUE})")
    double shift;

    SymmetricMixture model() {
        return SymmetricMixture.of(n, p, eps);
    }

    WelfareFunction welfare() {
        return WelfareFunction.of(WelfareFunction.parseGamma(gamma), shift);
    }
}
