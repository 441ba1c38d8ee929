package dev.askwise.dialogue.research;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Questioners (what to ask next from a partial profile and the history) and the registry of their names. */
public final class Questioners {

    /** Asks the next question, or null to stop. */
    public interface Questioner {
        String name();

        Funnel.Question next(TextProfile partial, List<Funnel.Question> history);

        /**
         * What the questioner infers instead of asking: concept → content for concepts not in the partial profile.
         * Algorithm 2 scores the partial profile together with these. None by default.
         */
        default Map<String, String> inferred(TextProfile partial, List<Funnel.Question> history) {
            return Map.of();
        }
    }

    /** Every registered name ({@code llm} needs an endpoint: {@link #llm}). */
    public static final List<String> NAMES = List.of("template-funnel", "learned", "voi", "voi-infer", "llm");

    /** Per-question cost of the {@code voi} questioners by default. */
    public static final double DEFAULT_COST = 0.3;

    /**
     * How questioners are built. Immutable; start from {@link #defaults()}.
     *
     * @param cost          per-question cost of the {@code voi} questioners
     * @param gamma         their inequality aversion
     * @param declaredOrder the order {@code template-funnel} asks in (for example
     *                      {@link MovieLensProfiles#DOMAIN_ORDER}); null: the learned order
     * @param generality    how the forward process orders tags from general to specific
     * @param client        the endpoint of the {@code llm} questioner, or null
     * @param model         the {@code voi} questioners' population model, or null to fit one to the training
     *                      profiles ({@link MovieLensConcepts#fit})
     */
    public record Options(double cost, double gamma, List<String> declaredOrder, Funnel.Generality generality,
                          ChatClient client, dev.askwise.model.LatentClassModel model) {
        /** Cost 0.3, γ 0, the learned order, generality by shared values, no LLM, a model fitted when needed. */
        public static Options defaults() {
            return new Options(DEFAULT_COST, 0.0, null, Funnel.Generality.SHARED_VALUES, null, null);
        }

        /** These options with another cost and γ. */
        public Options withObjective(double newCost, double newGamma) {
            return new Options(newCost, newGamma, declaredOrder, generality, client, model);
        }

        /** These options with a declared order for template-funnel. */
        public Options withDeclaredOrder(List<String> order) {
            return new Options(cost, gamma, order == null ? null : List.copyOf(order), generality, client, model);
        }

        /** These options with another generality measure for the forward process. */
        public Options withGenerality(Funnel.Generality g) {
            return new Options(cost, gamma, declaredOrder, g, client, model);
        }

        /** These options with an LLM endpoint. */
        public Options withClient(ChatClient c) {
            return new Options(cost, gamma, declaredOrder, generality, c, model);
        }

        /** These options with a population model already fitted to the same training profiles. */
        public Options withModel(dev.askwise.model.LatentClassModel m) {
            return new Options(cost, gamma, declaredOrder, generality, client, m);
        }
    }

    private Questioners() {
    }

    /** Builds a questioner trained (where it learns) on the training profiles, with {@link Options#defaults()}. */
    public static Questioner create(String name, List<TextProfile> training) {
        return create(name, training, Options.defaults());
    }

    /**
     * Every questioner by name, trained (where it learns) on the training profiles; {@code llm} needs a client (its
     * candidates are ranked by quality from the training profiles and it may ask about the funnel's concepts).
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or llm without a client
     */
    public static Questioner create(String name, List<TextProfile> training, Options options) {
        double cost = options.cost();
        double gamma = options.gamma();
        List<String> declaredOrder = options.declaredOrder();
        ChatClient client = options.client();
        Funnel funnel = Funnel.learn(training, options.generality());
        QuestionQuality quality = QuestionQuality.from(training);
        return switch (name) {
            case "template-funnel" -> new TemplateFunnel(declaredOrder == null ? funnel
                : Funnel.declared(declaredOrder, training), quality);
            case "learned" -> Learned.train(funnel, training, quality);
            case "voi" -> Voi.train(funnel, training, quality, cost, gamma, options.model(), false);
            case "voi-infer" -> Voi.train(funnel, training, quality, cost, gamma, options.model(), true);
            case "llm" -> llm(ChatClient.require(client, "questioner"), funnel.order(), quality);
            default -> throw new IllegalArgumentException("unknown questioner '" + name + "'; known: "
                + String.join(", ", NAMES));
        };
    }

    /** An LLM questioner whose candidate wordings are ranked with every concept equally answerable. */
    public static Questioner llm(ChatClient client, List<String> concepts) {
        Map<String, Double> all = new HashMap<>();
        concepts.forEach(c -> all.put(c, 1.0));
        return llm(client, concepts, new QuestionQuality(all));
    }

    /**
     * An LLM questioner through any OpenAI-compatible endpoint. The prompt holds the partial profile and the question
     * history (seed 001, eq. 5) and the concepts it may ask about; the reply is up to three candidate lines
     * {@code concept | question}, ranked by {@link QuestionQuality} before the best is asked (a question about an
     * unknown concept is still asked, and a lookup simulator will not answer it).
     */
    public static Questioner llm(ChatClient client, List<String> concepts, QuestionQuality quality) {
        return new Questioner() {
            @Override
            public String name() {
                return "llm";
            }

            @Override
            public Funnel.Question next(TextProfile partial, List<Funnel.Question> history) {
                StringBuilder user = new StringBuilder("Concepts: ").append(String.join(", ", concepts))
                    .append("\nPartial profile: ").append(partial.toJson()).append("\nQuestions asked so far:");
                if (history.isEmpty()) {
                    user.append(" none");
                }
                for (Funnel.Question q : history) {
                    user.append("\n- ").append(q.text());
                }
                user.append("\nReply with up to three candidate lines: <concept> | <question>, or DONE.");
                String reply = client.complete("You ask one clarifying question at a time to learn a user's film "
                    + "preferences, general concepts before specific ones.", user.toString());
                if (reply.trim().equalsIgnoreCase("done")) {
                    return null;
                }
                List<Funnel.Question> candidates = new java.util.ArrayList<>();
                for (String line : reply.split("\\R")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int bar = line.indexOf('|');
                    String concept = bar < 0 ? null
                        : line.substring(0, bar).trim().toLowerCase(java.util.Locale.ROOT);
                    String text = bar < 0 ? line.trim() : line.substring(bar + 1).trim();
                    candidates.add(new Funnel.Question(concepts.contains(concept) ? concept : null, text));
                }
                return candidates.isEmpty() ? null : quality.best(candidates, partial, history);
            }
        };
    }

    /** Asks every tag in a general-to-specific order: declared (domain metadata) or learned. */
    static final class TemplateFunnel implements Questioner {
        private final Funnel funnel;
        private final QuestionQuality quality;

        TemplateFunnel(Funnel funnel, QuestionQuality quality) {
            this.funnel = funnel;
            this.quality = quality;
        }

        @Override
        public String name() {
            return "template-funnel";
        }

        @Override
        public Funnel.Question next(TextProfile partial, List<Funnel.Question> history) {
            for (String tag : funnel.order()) {
                if (!asked(history, tag)) {
                    return quality.best(Funnel.candidates(tag), partial, history);
                }
            }
            return null;
        }
    }

    /**
     * Trained on the reversed corruption data: a Bernoulli naive-Bayes classifier of the next question's tag from which
     * tags the partial profile has, with add-one smoothing; it asks the most probable tag not yet asked. Because a
     * user's funnel only contains the tags they have, it learns to ask first what this user probably has. (Adding
     * {@code tag = content} features changed nothing on MovieLens — the next tag there is the next shared one — so they
     * were left out.)
     */
    static final class Learned implements Questioner {
        private final List<String> tags;
        private final Map<String, double[]> logLikelihood = new HashMap<>(); // tag → log P(feature present | tag)
        private final Map<String, double[]> logAbsent = new HashMap<>();
        private final Map<String, Double> logPrior = new HashMap<>();
        private final QuestionQuality quality;

        private Learned(List<String> tags, QuestionQuality quality) {
            this.tags = tags;
            this.quality = quality;
        }

        static Learned train(Funnel funnel, List<TextProfile> training, QuestionQuality quality) {
            List<String> tags = funnel.order();
            Learned l = new Learned(tags, quality);
            int f = tags.size();
            Map<String, double[]> present = new HashMap<>();
            Map<String, Integer> counts = new HashMap<>();
            int total = 0;
            for (TextProfile p : training) {
                for (Funnel.Pair pair : funnel.pairs(p)) {
                    String y = pair.next().tag();
                    double[] x = features(tags, pair.partial());
                    double[] acc = present.computeIfAbsent(y, k -> new double[f]);
                    for (int i = 0; i < f; i++) {
                        acc[i] += x[i];
                    }
                    counts.merge(y, 1, Integer::sum);
                    total++;
                }
            }
            for (String tag : tags) {
                int n = counts.getOrDefault(tag, 0);
                double[] acc = present.getOrDefault(tag, new double[f]);
                double[] lp = new double[f];
                double[] la = new double[f];
                for (int i = 0; i < f; i++) {
                    double p = (acc[i] + 1) / (n + 2.0);
                    lp[i] = Math.log(p);
                    la[i] = Math.log(1 - p);
                }
                l.logLikelihood.put(tag, lp);
                l.logAbsent.put(tag, la);
                l.logPrior.put(tag, Math.log((n + 1.0) / (total + tags.size())));
            }
            return l;
        }

        private static double[] features(List<String> tags, TextProfile partial) {
            double[] x = new double[tags.size()];
            for (int i = 0; i < tags.size(); i++) {
                x[i] = partial.tags().containsKey(tags.get(i)) ? 1 : 0;
            }
            return x;
        }

        @Override
        public String name() {
            return "learned";
        }

        @Override
        public Funnel.Question next(TextProfile partial, List<Funnel.Question> history) {
            double[] x = features(tags, partial);
            String best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (String tag : tags) {
                if (asked(history, tag)) {
                    continue;
                }
                double s = logPrior.get(tag);
                for (int i = 0; i < x.length; i++) {
                    s += x[i] == 1 ? logLikelihood.get(tag)[i] : logAbsent.get(tag)[i];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = tag;
                }
            }
            return best == null ? null : quality.best(Funnel.candidates(best), partial, history);
        }
    }

    static boolean asked(List<Funnel.Question> history, String tag) {
        for (Funnel.Question q : history) {
            if (tag.equals(q.tag())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The engine's choice, worded: a latent-class model of the concepts the model covers ({@link MovieLensConcepts}),
     * fitted by EM to the training profiles (K in 1..6 by BIC, 5 restarts, seed 1), and the {@code voi} query policy
     * with a per-question cost and γ decide the next question from what the partial profile reveals (a "No
     * Preference" counts as a declined attribute); the wording is the best-scoring candidate. When the engine would
     * stop — no question is worth its cost — the concepts outside the model follow in funnel order. {@code voi-infer}
     * also reports the engine's welfare-optimal response for the model concepts it did not ask as inferred content.
     */
    static final class Voi implements Questioner {
        private final Funnel funnel;
        private final QuestionQuality quality;
        private final dev.askwise.model.LatentClassModel model;
        private final dev.askwise.policy.Objective objective;
        private final dev.askwise.policy.QueryPolicy policy;
        private final boolean infer;

        private Voi(Funnel funnel, QuestionQuality quality, dev.askwise.model.LatentClassModel model,
                    dev.askwise.policy.Objective objective, boolean infer) {
            this.funnel = funnel;
            this.quality = quality;
            this.model = model;
            this.objective = objective;
            this.infer = infer;
            this.policy = dev.askwise.policy.Policies.create("voi", new dev.askwise.policy.Policies.Context(
                model.schema().size(), null, model.schema().size(), 1L, null));
        }

        static Voi train(Funnel funnel, List<TextProfile> training, QuestionQuality quality, double cost,
                         double gamma, dev.askwise.model.LatentClassModel fitted, boolean infer) {
            dev.askwise.model.LatentClassModel model = fitted != null ? fitted : MovieLensConcepts.fit(training);
            return new Voi(funnel, quality, model, dev.askwise.policy.Objective.of(cost,
                dev.askwise.welfare.WelfareFunction.of(gamma), model.schema().size()), infer);
        }

        /** The fitted model. */
        dev.askwise.model.LatentClassModel model() {
            return model;
        }

        @Override
        public String name() {
            return infer ? "voi-infer" : "voi";
        }

        private dev.askwise.policy.ElicitationState state(TextProfile partial, List<Funnel.Question> history) {
            int n = model.schema().size();
            int asked = (int) history.stream().filter(q -> MovieLensConcepts.attribute(q.tag()) >= 0).count();
            return new dev.askwise.policy.ElicitationState(model, objective, MovieLensConcepts.profile(partial), asked,
                new boolean[n], new boolean[n], MovieLensConcepts.declined(partial, history), null);
        }

        @Override
        public Funnel.Question next(TextProfile partial, List<Funnel.Question> history) {
            dev.askwise.policy.Decision d = policy.decide(state(partial, history));
            if (d instanceof dev.askwise.policy.Decision.Ask ask) {
                return quality.best(Funnel.candidates(MovieLensConcepts.concept(ask.attribute())), partial, history);
            }
            for (String tag : funnel.order()) {
                if (MovieLensConcepts.attribute(tag) < 0 && !asked(history, tag)) {
                    return quality.best(Funnel.candidates(tag), partial, history);
                }
            }
            return null;
        }

        @Override
        public Map<String, String> inferred(TextProfile partial, List<Funnel.Question> history) {
            if (!infer) {
                return Map.of();
            }
            dev.askwise.policy.ElicitationState s = state(partial, history);
            int[] response = s.stop().values();
            Map<String, String> out = new java.util.LinkedHashMap<>();
            for (int a = 0; a < response.length; a++) {
                String concept = MovieLensConcepts.concept(a);
                if (!partial.tags().containsKey(concept) && !s.isDeclined(a) && response[a] >= 0) {
                    String text = MovieLensConcepts.text(a, response[a]);
                    if (text != null) {
                        out.put(concept, text);
                    }
                }
            }
            return out;
        }
    }
}
