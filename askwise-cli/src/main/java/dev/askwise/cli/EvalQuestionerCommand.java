package dev.askwise.cli;

import dev.askwise.dialogue.research.Funnel;
import dev.askwise.dialogue.research.MovieLensProfiles;
import dev.askwise.dialogue.research.QuestionerEvaluation;
import dev.askwise.dialogue.research.TextProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise eval-questioner}: seed 001's profile-reconstruction evaluation on held-out MovieLens users. */
@Command(name = "eval-questioner", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Seed 001's evaluation (Algorithm 2): questioners reconstruct held-out MovieLens profiles by",
        "asking up to T questions of a profile-lookup simulator; BLEU-4, ROUGE-L, slot precision and recall,",
        "unanswered share, per-turn curves and weighted ranks of concepts. Also exports the forward-process",
        "training pairs as chat-format JSONL (train.jsonl)."},
    footer = {"", "Examples:", "  askwise eval-questioner --out eval/",
        "  askwise eval-questioner --questioners template-funnel,learned --max-questions 5 --out eval/"})
final class EvalQuestionerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--questioners", paramLabel = "Q[,Q...]", defaultValue = "template-funnel,learned,voi,voi-infer",
        description = "questioners (default: ${DEFAULT-VALUE})")
    String questioners;

    @Option(names = "--simulators", paramLabel = "S[,S...]", defaultValue = "profile-lookup",
        description = "simulators: profile-lookup, llm (default: ${DEFAULT-VALUE})")
    String simulators;

    @Mixin
    LlmOptions llm;

    @Option(names = "--max-questions", paramLabel = "T", defaultValue = "10", description = "T (default 10)")
    int maxQuestions;

    @Option(names = "--cost", paramLabel = "C", defaultValue = "0.3",
        description = "per-question cost of the voi questioners, in [0, 10] (default ${DEFAULT-VALUE})")
    double cost;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "0",
        description = "inequality aversion of the voi questioners, in [0, 100] or inf (default ${DEFAULT-VALUE})")
    String gamma;

    @Option(names = "--funnel-order", paramLabel = "G", defaultValue = "shared-values",
        description = "how the forward process orders tags from general to specific: shared-values (how widely a "
            + "tag's values are shared across users) or prevalence (how many users have the tag) "
            + "(default ${DEFAULT-VALUE})")
    String funnelOrder;

    @Option(names = "--test-share", paramLabel = "F", defaultValue = "0.2",
        description = "share of users held out, the last ones by user id (default 0.2)")
    double testShare;

    @Option(names = "--data", paramLabel = "DIR", description = "MovieLens directory (default: the shipped copy)")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "report directory (created)")
    Path out;

    @Override
    public Integer call() {
        double g = dev.askwise.welfare.WelfareFunction.parseGamma(gamma);
        Funnel.Generality generality = switch (funnelOrder) {
            case "shared-values" -> Funnel.Generality.SHARED_VALUES;
            case "prevalence" -> Funnel.Generality.PREVALENCE;
            default -> throw new IllegalArgumentException("--funnel-order must be shared-values or prevalence: "
                + funnelOrder);
        };
        List<String> names = List.of(questioners.split(","));
        List<String> sims = List.of(simulators.split(","));
        Ranges.distinct("--questioners", names);
        Ranges.distinct("--simulators", sims);
        QuestionerEvaluation.Options check = new QuestionerEvaluation.Options(names, sims, maxQuestions, testShare,
            cost, g, generality, null);
        dev.askwise.dialogue.research.ChatClient client = llm.client(check.needsClient()
            ? "the llm questioner or simulator" : null);
        List<TextProfile> all = MovieLensProfiles.load(data != null ? data : DataSpec.shippedMovieLens());
        QuestionerEvaluation.Result result = QuestionerEvaluation.run(all, MovieLensProfiles.DOMAIN_ORDER,
            MovieLensProfiles.TAGS, new QuestionerEvaluation.Options(names, sims, maxQuestions, testShare, cost, g,
                generality, client));
        EvalQuestionerReport.write(out, all.size(), result, maxQuestions, cost, gamma, funnelOrder,
            spec.commandLine().getOut());
        spec.commandLine().getOut().printf("wrote %s%n", out.resolve("index.html"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
