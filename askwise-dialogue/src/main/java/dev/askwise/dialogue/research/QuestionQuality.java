package dev.askwise.dialogue.research;

import dev.askwise.dialogue.text.TextMetrics;
import java.util.List;
import java.util.Map;

/**
 * Question quality decomposed into attributes (seed 004), each in [0, 1], and their mean:
 * <ul>
 * <li>clarity — one question (a single question mark) of at most 25 words; −0.5 per extra question, −0.25 per 10
 * words beyond 25;</li>
 * <li>focus — it addresses one known concept;</li>
 * <li>answerability — the share of users who have an answer for that concept (its prevalence), halved for a closed
 * (yes/no) question, which cannot carry the answer's content ("Do you enjoy action films?" cannot be answered
 * "neutral"; "Do you have favourite films?" invites "yes");</li>
 * <li>relevance — the concept is still unresolved in the partial profile, times the value of its answer when a
 * {@link Value} is given (for example the chance that a population model's best guess would be wrong,
 * {@link MovieLensConcepts#guessRisk}); 1 for an unresolved concept otherwise;</li>
 * <li>non-redundancy — neither its concept nor a near-identical wording (ROUGE-L ≥ 0.8) was asked before.</li>
 * </ul>
 */
public final class QuestionQuality {

    /** The scores of one question. */
    public record Score(double clarity, double focus, double answerability, double relevance, double nonRedundancy) {
        /** The mean of the five attributes. */
        public double overall() {
            return (clarity + focus + answerability + relevance + nonRedundancy) / 5;
        }
    }

    /** How valuable an answer about a concept would be now, in [0, 1]. */
    public interface Value {
        double of(String concept, TextProfile partial);
    }

    private final Map<String, Double> prevalence;
    private final Value value;

    /** @param prevalence concept → share of users who have it (answerability) */
    public QuestionQuality(Map<String, Double> prevalence) {
        this(prevalence, (concept, partial) -> 1.0);
    }

    private QuestionQuality(Map<String, Double> prevalence, Value value) {
        this.prevalence = Map.copyOf(prevalence);
        this.value = value;
    }

    /** This scorer with relevance weighted by the value of each answer. */
    public QuestionQuality withValue(Value answerValue) {
        return new QuestionQuality(prevalence, answerValue);
    }

    /** Prevalence of each concept among the profiles. */
    public static QuestionQuality from(List<TextProfile> profiles) {
        Map<String, Double> p = new java.util.HashMap<>();
        for (TextProfile t : profiles) {
            t.tags().keySet().forEach(k -> p.merge(k, 1.0 / profiles.size(), Double::sum));
        }
        return new QuestionQuality(p);
    }

    /** Scores a question asked after the history, given the partial profile. */
    public Score score(Funnel.Question q, TextProfile partial, List<Funnel.Question> history) {
        String text = q.text();
        long marks = text.chars().filter(c -> c == '?').count();
        int words = TextMetrics.tokens(text).size();
        double clarity = 1.0;
        if (marks == 0) {
            clarity -= 0.25;
        } else {
            clarity -= 0.5 * (marks - 1);
        }
        if (words > 25) {
            clarity -= 0.25 * Math.ceil((words - 25) / 10.0);
        }
        clarity = Math.max(0, Math.min(1, clarity));
        double focus = q.tag() != null ? 1.0 : 0.0;
        double answerability = q.tag() == null ? 0.0
            : prevalence.getOrDefault(q.tag(), 0.0) * (isClosed(text) ? 0.5 : 1.0);
        double relevance = q.tag() != null && !partial.tags().containsKey(q.tag())
            ? Math.max(0, Math.min(1, value.of(q.tag(), partial))) : 0.0;
        double nonRedundancy = 1.0;
        for (Funnel.Question h : history) {
            if ((q.tag() != null && q.tag().equals(h.tag())) || TextMetrics.rougeL(text, h.text()) >= 0.8) {
                nonRedundancy = 0.0;
            }
        }
        return new Score(clarity, focus, answerability, relevance, nonRedundancy);
    }

    private static final java.util.Set<String> AUXILIARIES = java.util.Set.of("do", "does", "did", "are", "is", "was",
        "were", "would", "will", "have", "has", "had", "can", "could", "should", "shall", "may", "am");

    /**
     * A closed (yes/no) question: it opens with an auxiliary verb and offers no alternatives ("… or …?"). "Do you like
     * comedies or dramas?" is a choice question and counts as open.
     */
    public static boolean isClosed(String text) {
        List<String> tokens = TextMetrics.tokens(text);
        return !tokens.isEmpty() && AUXILIARIES.contains(tokens.get(0)) && !tokens.contains("or");
    }

    /** The mean of scores, attribute by attribute (NaN for none). */
    public static Score mean(List<Score> scores) {
        double[] s = new double[5];
        for (Score x : scores) {
            s[0] += x.clarity();
            s[1] += x.focus();
            s[2] += x.answerability();
            s[3] += x.relevance();
            s[4] += x.nonRedundancy();
        }
        int n = scores.size();
        return new Score(s[0] / n, s[1] / n, s[2] / n, s[3] / n, s[4] / n);
    }

    /** The candidate wording with the best overall score (ties: the first). */
    public Funnel.Question best(List<Funnel.Question> candidates, TextProfile partial, List<Funnel.Question> history) {
        Funnel.Question best = null;
        double bestScore = -1;
        for (Funnel.Question c : candidates) {
            double s = score(c, partial, history).overall();
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }
}
