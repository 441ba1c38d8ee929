package dev.askwise.dialogue.research;

import dev.askwise.model.LatentClassModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seed 001's evaluation as one call: split the profiles by user id (the last {@code testShare} held out), learn the
 * forward process on the training users (its chat-format training pairs and simulator data), fit one population model
 * for the voi questioners and the relevance score, and run every questioner against every simulator with
 * {@link Reconstruction#evaluate}, with percentile-bootstrap intervals of ROUGE-L and of its paired difference from
 * the first run. The command renders the result.
 */
public final class QuestionerEvaluation {

    private QuestionerEvaluation() {
    }

    /**
     * What to run.
     *
     * @param questioners  questioner names ({@link Questioners#NAMES})
     * @param simulators   simulator names ({@link Simulators#NAMES})
     * @param maxQuestions T, in [1, 100]
     * @param testShare    share of users held out, in (0, 1)
     * @param cost         the voi questioners' cost per question, in [0, 10]
     * @param gamma        their inequality aversion
     * @param generality   the forward process's general-to-specific order
     * @param client       the LLM client (null unless a questioner or simulator is {@code llm})
     */
    public record Options(List<String> questioners, List<String> simulators, int maxQuestions, double testShare,
        double cost, double gamma, Funnel.Generality generality, ChatClient client) {
        /** Validates; the messages name the command-line options. */
        public Options {
            questioners = List.copyOf(questioners);
            simulators = List.copyOf(simulators);
            if (maxQuestions < 1 || maxQuestions > 100) {
                throw new IllegalArgumentException("--max-questions must be in [1, 100]: " + maxQuestions);
            }
            if (!(testShare > 0 && testShare < 1)) {
                throw new IllegalArgumentException("--test-share must be in (0, 1): " + testShare);
            }
            if (!(cost >= 0 && cost <= 10)) {
                throw new IllegalArgumentException("--cost must be in [0, 10]: " + cost);
            }
            int attributes = MovieLensConcepts.SCHEMA.size();
            double maxCost = 1 + 1.0 / attributes; // U + 1 > 0 for every outcome (shift 1), for 0 < gamma < inf
            if (gamma > 0 && !Double.isInfinite(gamma) && !(cost < maxCost)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "--cost must be below %.4f when 0 < "
                    + "--gamma < inf (every utility must stay above -1 with %d attributes): %s", maxCost, attributes,
                    WelfareFunction.formatGamma(cost)));
            }
            for (String n : questioners) {
                if (!Questioners.NAMES.contains(n)) {
                    throw new IllegalArgumentException("unknown questioner '" + n + "'; known: "
                        + String.join(", ", Questioners.NAMES));
                }
            }
            for (String n : simulators) {
                if (!Simulators.NAMES.contains(n)) {
                    throw new IllegalArgumentException("unknown simulator '" + n + "'; known: "
                        + String.join(", ", Simulators.NAMES));
                }
            }
        }

        /** True when a questioner or simulator needs the LLM client. */
        public boolean needsClient() {
            return questioners.contains("llm") || simulators.contains("llm");
        }
    }

    /** Training and held-out users. */
    public record Split(List<TextProfile> train, List<TextProfile> test) {
        /** Copies. */
        public Split {
            train = List.copyOf(train);
            test = List.copyOf(test);
        }
    }

    /**
     * One questioner against one simulator.
     *
     * @param rougeDifference the paired bootstrap interval of ROUGE-L minus the first run's (the first run: 0)
     */
    public record Run(String questioner, String simulator, Reconstruction.Result result,
        Reconstruction.Interval rougeInterval, Reconstruction.Interval rougeDifference) {
        /** "questioner / simulator". */
        public String label() {
            return questioner + " / " + simulator;
        }
    }

    /** Everything the report shows. */
    public record Result(Split split, Funnel funnel, List<String> trainingLines, List<String> simulatorLines,
        List<Run> runs) {
        /** Copies. */
        public Result {
            trainingLines = List.copyOf(trainingLines);
            simulatorLines = List.copyOf(simulatorLines);
            runs = List.copyOf(runs);
        }
    }

    /** The last {@code round(size · testShare)} profiles (by user id, as loaded) held out. */
    public static Split split(List<TextProfile> all, double testShare) {
        int cut = (int) Math.round(all.size() * (1 - testShare));
        if (cut < 1 || cut >= all.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--test-share %s leaves no training or no "
                + "held-out user among %d", WelfareFunction.formatGamma(testShare), all.size()));
        }
        return new Split(all.subList(0, cut), all.subList(cut, all.size()));
    }

    /** Runs the evaluation. */
    public static Result run(List<TextProfile> all, List<String> declaredOrder, List<String> tags, Options o) {
        Split split = split(all, o.testShare());
        List<TextProfile> train = split.train();
        List<TextProfile> test = split.test();
        Funnel funnel = Funnel.learn(train, o.generality());
        // one population model of the training profiles serves the voi questioners and the relevance score
        LatentClassModel model = MovieLensConcepts.fit(train);
        // questions are scored with the held-out prevalence (answerability) and, for relevance, the chance that the
        // model would guess the concept wrong
        QuestionQuality scorer = QuestionQuality.from(test).withValue(MovieLensConcepts.guessRisk(model));
        List<String> lines = new ArrayList<>();
        List<String> simLines = new ArrayList<>();
        for (TextProfile p : train) {
            for (Funnel.Pair pair : funnel.pairs(p)) {
                lines.add(Funnel.chatLine(pair));
            }
        }
        for (TextProfile p : train) {
            for (Funnel.SimulatorExample ex : funnel.simulatorData(p)) {
                simLines.add(Funnel.simulatorLine(ex));
            }
        }
        List<String[]> names = new ArrayList<>();
        List<Reconstruction.Result> results = new ArrayList<>();
        for (String qname : o.questioners()) {
            Questioners.Questioner questioner = Questioners.create(qname, train, Questioners.Options.defaults()
                .withObjective(o.cost(), o.gamma()).withDeclaredOrder(declaredOrder).withGenerality(o.generality())
                .withClient(o.client()).withModel(model));
            for (String sname : o.simulators()) {
                names.add(new String[] {qname, sname});
                results.add(Reconstruction.evaluate(questioner, Simulators.create(sname, o.client()), test, tags,
                    o.maxQuestions(), scorer));
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            Reconstruction.Result r = results.get(k);
            // paired percentile bootstrap over the same held-out users (2,000 resamples, seed 1)
            Reconstruction.Interval ci = Reconstruction.bootstrap(r.rougeByUser(), null, 2000, 1);
            Reconstruction.Interval diff = Reconstruction.bootstrap(r.rougeByUser(), results.get(0).rougeByUser(),
                2000, 1);
            runs.add(new Run(names.get(k)[0], names.get(k)[1], r, ci, diff));
        }
        return new Result(split, funnel, lines, simLines, runs);
    }
}
