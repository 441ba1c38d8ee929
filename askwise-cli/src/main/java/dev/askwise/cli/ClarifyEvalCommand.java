package dev.askwise.cli;

import dev.askwise.dialogue.research.AmbigQa;
import dev.askwise.dialogue.research.ClarifyOrAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise clarify-eval}: seed 002's clarify-or-answer comparison on AmbigQA. */
@Command(name = "clarify-eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Clarify or answer (seed 002) on AmbigQA: answering at once, always asking one clarifying",
        "question, and the engine's decision (simulated future turns against a per-question cost); the simulated",
        "user holds one interpretation. Reports answer-set accuracy against assistant turns."},
    footer = {"", "Examples:", "  askwise clarify-eval --out clarify/",
        "  askwise clarify-eval --cost 0.5 --data dev_light.json --out clarify/"})
final class ClarifyEvalCommand implements Callable<Integer> {

    /** Phases of the run, on stderr (stdout carries the results). */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClarifyEvalCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--cost", paramLabel = "C", defaultValue = "0.3",
        description = "per-question cost in accuracy units, in [0, 1] (default ${DEFAULT-VALUE}); the report also "
            + "sweeps 0 to 1")
    double cost;

    @Option(names = "--user", paramLabel = "U", defaultValue = "option",
        description = "simulated user: option (replies with its option), paraphrase (its whole disambiguated "
            + "question), realistic (own words; 10%% about another reading, 10%% no answer; low-quality clarifying "
            + "questions replaced), llm (needs --llm-url) (default ${DEFAULT-VALUE}; the report always shows the "
            + "realistic users, or the option users, beside the chosen ones)")
    String user;

    @Mixin
    LlmOptions llm;

    @Option(names = "--data", paramLabel = "FILE", description = "AmbigQA file in the dev_light.json format "
        + "(default: the shipped copy)")
    Path data;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "25",
        description = "ambiguous questions shown with their clarifying questions, in [0, 1000] (default 25)")
    int examples;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "report directory (created)")
    Path out;

    @Override
    public Integer call() {
        if (!(cost >= 0 && cost <= 1)) {
            throw new IllegalArgumentException("--cost must be in [0, 1]: " + cost);
        }
        if (examples < 0 || examples > 1000) {
            throw new IllegalArgumentException("--examples must be in [0, 1000]: " + examples);
        }
        if (!ClarifyOrAnswer.USERS.contains(user)) {
            throw new IllegalArgumentException("unknown user '" + user + "'; known: "
                + String.join(", ", ClarifyOrAnswer.USERS));
        }
        ClarifyOrAnswer.User simulated = ClarifyOrAnswer.user(user,
            llm.client(user.equals("llm") ? "the llm user" : null));
        List<AmbigQa.Item> items = AmbigQa.load(data != null ? data : DataSpec.shippedAmbigQa());
        double[] costs = ClarifyOrAnswer.costGrid(cost);
        boolean realistic = user.equals("realistic");
        // the chosen user, and beside it the other setting: realistic users with quality-checked questions, or
        // (when realistic users were chosen) today's idealised option users
        LOG.info("clarify-eval: {} items x {} costs with the {} user", items.size(), costs.length, user);
        Map<String, List<ClarifyOrAnswer.Result>> sweep = ClarifyOrAnswer.sweep(items, costs, simulated, realistic);
        ClarifyEvalReport.Setting main = new ClarifyEvalReport.Setting(user, realistic, simulated, sweep);
        ClarifyOrAnswer.User otherUser = realistic ? ClarifyOrAnswer.OPTION_USER : ClarifyOrAnswer.user("realistic",
            null);
        LOG.info("clarify-eval: the same items with the {} user beside it", otherUser.name());
        ClarifyEvalReport.Setting beside = new ClarifyEvalReport.Setting(otherUser.name(), !realistic, otherUser,
            ClarifyOrAnswer.sweep(items, costs, otherUser, !realistic));
        LOG.info("clarify-eval: writing the report to {}", out);
        String json = ClarifyEvalReport.write(out, items, main, beside, costs, cost, examples);
        int at = java.util.Arrays.binarySearch(costs, cost);
        for (String p : ClarifyOrAnswer.POLICIES) {
            ClarifyOrAnswer.Result r = sweep.get(p).get(at);
            spec.commandLine().getOut().printf(Locale.ROOT, "%-7s accuracy %.3f (ambiguous %.3f)  turns %.3f  asks "
                + "%.3f  net %s%n", p, r.accuracy(), r.ambiguousAccuracy(), r.meanTurns(), r.askRate(),
                Numbers.fixed(r.netUtility(), 3));
        }
        try {
            Files.writeString(out.resolve("results.json"), json + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results.json: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("wrote %s%n", out.resolve("index.html"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
