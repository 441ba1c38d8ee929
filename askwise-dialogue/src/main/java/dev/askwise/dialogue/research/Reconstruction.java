package dev.askwise.dialogue.research;

import dev.askwise.dialogue.text.TextMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seed 001's evaluation (Algorithm 2): from an empty profile, each turn the questioner asks, the simulator answers
 * from the target profile (or "No Preference"), and an answer is added to the question's concept; stop after T questions or
 * when the profile equals the target. Scores: BLEU-4 and ROUGE-L of the serialised profiles, slot precision and recall,
 * the share of unanswered questions, per-turn curves, and the weighted rank {@code WR = Σ_i i·p(i)} of each concept
 * (eq. 11: p(i) the share of the concept's occurrences at question position i). A questioner that infers content
 * instead of asking ({@link Questioners.Questioner#inferred}) is scored on the answered profile plus its inferences.
 */
public final class Reconstruction {

    /** The answer of a simulated user who has nothing to say about the question's tag. */
    public static final String NO_PREFERENCE = "No Preference";

    private Reconstruction() {
    }

    /** Aggregate results of one questioner. */
    public record Result(String questioner, int users, int maxQuestions, double bleu, double rouge, double precision,
                         double recall, double unanswered, double meanQuestions, double[] bleuByTurn,
                         double[] rougeByTurn, Map<String, Double> weightedRank, QuestionQuality.Score quality,
                         double[] bleuByUser, double[] rougeByUser) {
        /** The mean overall quality of the questions asked (NaN for none). */
        public double meanQuality() {
            return quality.overall();
        }
    }

    /** A 95% percentile-bootstrap interval. */
    public record Interval(double low, double high) {
    }

    /**
     * The 95% percentile-bootstrap interval of the mean of {@code a − b} over users (paired: the same held-out users),
     * from {@code resamples} resamples drawn with the seed; pass b = null for the mean of a alone.
     *
     * @throws IllegalArgumentException if the arrays differ in length or are empty, or resamples &lt; 100
     */
    public static Interval bootstrap(double[] a, double[] b, int resamples, long seed) {
        if (a.length == 0 || (b != null && b.length != a.length)) {
            throw new IllegalArgumentException("paired scores must be non-empty and of equal length: " + a.length
                + (b == null ? "" : " vs " + b.length));
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be >= 100: " + resamples);
        }
        int n = a.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - (b == null ? 0 : b[i]);
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[rnd.nextInt(n)];
            }
            means[r] = sum / n;
        }
        java.util.Arrays.sort(means);
        return new Interval(means[(int) Math.floor(0.025 * (resamples - 1))],
            means[(int) Math.ceil(0.975 * (resamples - 1))]);
    }

    /** Runs the evaluation with the profile-lookup simulator. */
    public static Result evaluate(Questioners.Questioner questioner, List<TextProfile> test, List<String> order,
                                  int maxQuestions) {
        return evaluate(questioner, Simulators.profileLookup(), test, order, maxQuestions);
    }

    /** Runs the evaluation over the test profiles with T questions at most, scoring questions by their prevalence. */
    public static Result evaluate(Questioners.Questioner questioner, Simulators.Simulator simulator,
                                  List<TextProfile> test, List<String> order, int maxQuestions) {
        return evaluate(questioner, simulator, test, order, maxQuestions, QuestionQuality.from(test));
    }

    /** Runs the evaluation over the test profiles with T questions at most, scoring questions with the given scorer. */
    public static Result evaluate(Questioners.Questioner questioner, Simulators.Simulator simulator,
                                  List<TextProfile> test, List<String> order, int maxQuestions,
                                  QuestionQuality quality) {
        double bleu = 0;
        double rouge = 0;
        double precision = 0;
        double recall = 0;
        long asked = 0;
        long unanswered = 0;
        double[] bleuTurn = new double[maxQuestions + 1];
        double[] rougeTurn = new double[maxQuestions + 1];
        Map<String, double[]> positions = new TreeMap<>();
        List<QuestionQuality.Score> scores = new ArrayList<>();
        double[] bleuByUser = new double[test.size()];
        double[] rougeByUser = new double[test.size()];
        int u = 0;
        for (TextProfile target : test) {
            TextProfile profile = new TextProfile(target.userId(), Map.of());
            List<Funnel.Question> history = new ArrayList<>();
            String ref = target.serialise(order);
            double[] b = new double[maxQuestions + 1];
            double[] r = new double[maxQuestions + 1];
            TextProfile scored = scored(questioner, profile, history);
            b[0] = TextMetrics.bleu4(scored.serialise(order), ref);
            r[0] = TextMetrics.rougeL(scored.serialise(order), ref);
            int t = 0;
            while (t < maxQuestions && !profile.tags().equals(target.tags())) {
                Funnel.Question q = questioner.next(profile, history);
                if (q == null) {
                    break;
                }
                scores.add(quality.score(q, profile, history));
                history.add(q);
                t++;
                if (q.tag() != null) {
                    positions.computeIfAbsent(q.tag(), k -> new double[maxQuestions + 1])[t]++;
                }
                String answer = simulator.answer(q, target);
                asked++;
                if (answer.equals(NO_PREFERENCE) || q.tag() == null) {
                    unanswered++;
                } else {
                    profile = profile.with(q.tag(), answer);
                }
                scored = scored(questioner, profile, history);
                b[t] = TextMetrics.bleu4(scored.serialise(order), ref);
                r[t] = TextMetrics.rougeL(scored.serialise(order), ref);
            }
            for (int i = t + 1; i <= maxQuestions; i++) {
                b[i] = b[t];
                r[i] = r[t];
            }
            for (int i = 0; i <= maxQuestions; i++) {
                bleuTurn[i] += b[i] / test.size();
                rougeTurn[i] += r[i] / test.size();
            }
            bleu += b[maxQuestions] / test.size();
            rouge += r[maxQuestions] / test.size();
            bleuByUser[u] = b[maxQuestions];
            rougeByUser[u++] = r[maxQuestions];
            int correct = 0;
            for (Map.Entry<String, String> e : scored.tags().entrySet()) {
                correct += e.getValue().equals(target.tags().get(e.getKey())) ? 1 : 0;
            }
            precision += (scored.tags().isEmpty() ? 1.0 : (double) correct / scored.tags().size()) / test.size();
            recall += (target.tags().isEmpty() ? 1.0 : (double) correct / target.tags().size()) / test.size();
        }
        Map<String, Double> wr = new LinkedHashMap<>();
        positions.forEach((tag, counts) -> {
            double total = 0;
            double weighted = 0;
            for (int i = 1; i < counts.length; i++) {
                total += counts[i];
                weighted += i * counts[i];
            }
            wr.put(tag, weighted / total);
        });
        return new Result(questioner.name(), test.size(), maxQuestions, bleu, rouge, precision, recall,
            asked == 0 ? 0 : (double) unanswered / asked, (double) asked / test.size(), bleuTurn, rougeTurn, wr,
            QuestionQuality.mean(scores), bleuByUser, rougeByUser);
    }

    private static TextProfile scored(Questioners.Questioner questioner, TextProfile profile,
                                      List<Funnel.Question> history) {
        TextProfile out = profile;
        for (Map.Entry<String, String> e : questioner.inferred(profile, history).entrySet()) {
            if (!out.tags().containsKey(e.getKey())) {
                out = out.with(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
