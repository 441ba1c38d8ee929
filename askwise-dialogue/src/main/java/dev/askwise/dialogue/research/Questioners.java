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
    }

    /** Every registered name ({@code llm} needs an endpoint: {@link #llm}). */
    public static final List<String> NAMES = List.of("template-funnel", "learned", "llm");

    private Questioners() {
    }

    /** Builds a questioner trained (where it learns) on the training profiles. */
    public static Questioner create(String name, List<TextProfile> training) {
        Funnel funnel = Funnel.learn(training);
        return switch (name) {
            case "template-funnel" -> new TemplateFunnel(funnel);
            case "learned" -> Learned.train(funnel, training);
            case "llm" -> throw new IllegalArgumentException("questioner llm needs an endpoint (--llm-url)");
            default -> throw new IllegalArgumentException("unknown questioner '" + name + "'; known: "
                + String.join(", ", NAMES));
        };
    }

    /**
     * An LLM questioner through any OpenAI-compatible endpoint. The prompt holds the partial profile and the question
     * history (seed 001, eq. 5) and the concepts it may ask about; the reply is one line {@code concept | question}
     * (a question about an unknown concept is still asked, and a lookup simulator will not answer it).
     */
    public static Questioner llm(ChatClient client, List<String> concepts) {
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
                user.append("\nReply with one line: <concept> | <question>, or DONE.");
                String reply = client.complete("You ask one clarifying question at a time to learn a user's film "
                    + "preferences, general concepts before specific ones.", user.toString());
                if (reply.trim().equalsIgnoreCase("done")) {
                    return null;
                }
                int bar = reply.indexOf('|');
                String concept = bar < 0 ? null : reply.substring(0, bar).trim().toLowerCase(java.util.Locale.ROOT);
                String text = bar < 0 ? reply.trim() : reply.substring(bar + 1).trim();
                return new Funnel.Question(concepts.contains(concept) ? concept : null, text);
            }
        };
    }

    /** Asks every tag in the funnel's general-to-specific order. */
    static final class TemplateFunnel implements Questioner {
        private final Funnel funnel;

        TemplateFunnel(Funnel funnel) {
            this.funnel = funnel;
        }

        @Override
        public String name() {
            return "template-funnel";
        }

        @Override
        public Funnel.Question next(TextProfile partial, List<Funnel.Question> history) {
            for (String tag : funnel.order()) {
                if (history.stream().noneMatch(q -> q.tag().equals(tag))) {
                    return Funnel.question(tag);
                }
            }
            return null;
        }
    }

    /**
     * Trained on the reversed corruption data: a naive-Bayes classifier of the next question's tag from which tags the
     * partial profile has and which were asked without an answer, with add-one smoothing; it asks the most probable
     * tag not yet asked. Because a user's funnel only contains the tags they have, it learns to ask first what this
     * user probably has.
     */
    static final class Learned implements Questioner {
        private final List<String> tags;
        private final Map<String, double[]> logLikelihood = new HashMap<>(); // tag → log P(feature present | tag)
        private final Map<String, double[]> logAbsent = new HashMap<>();
        private final Map<String, Double> logPrior = new HashMap<>();

        private Learned(List<String> tags) {
            this.tags = tags;
        }

        static Learned train(Funnel funnel, List<TextProfile> training) {
            List<String> tags = funnel.order();
            Learned l = new Learned(tags);
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
                if (history.stream().anyMatch(q -> q.tag().equals(tag))) {
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
            return best == null ? null : Funnel.question(best);
        }
    }
}
