package dev.askwise.dialogue.clarify;

import dev.askwise.dialogue.text.TextMetrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Clarify or answer (seed 002) for one question with known readings. The clarifying question is built from the
 * differences between the readings' disambiguated questions: for each, its words that are not in the original
 * question, less the words all of them add (so "What party took control …" and "What leader took control …" become
 * the options "party" and "leader"). A reply resolves to the reading whose option it matches best (ROUGE-L, ties to
 * the first; an empty option — "just as you asked it" — is the fallback). {@link #decide} asks when the expected
 * answer accuracy after asking, each reading's user replying with its option, exceeds answering now by more than the
 * cost. Stateless and thread-safe.
 */
public final class Clarifier {

    private Clarifier() {
    }

    /** A clarifying question and the option text of each reading (in reading order; "" for "as you asked it"). */
    public record Clarification(String text, List<String> options) {
        /** Copies the options. */
        public Clarification {
            options = List.copyOf(options);
        }
    }

    /**
     * The decision for one question.
     *
     * @param ask            true when clarifying is worth its cost
     * @param clarification  the clarifying question and the options
     * @param defaultReading the reading answered if the assistant does not ask
     * @param answerNow      expected accuracy of answering now
     * @param afterAsking    expected accuracy after the clarifying question (each reading's user replying with
     *                       its option)
     */
    public record Decision(boolean ask, Clarification clarification, int defaultReading, double answerNow,
                           double afterAsking) {
        /** Expected accuracy gained by asking, before its cost. */
        public double gain() {
            return afterAsking - answerNow;
        }
    }

    /** The clarifying question for a question and its readings (at least one). */
    public static Clarification clarification(String question, List<Reading> readings) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("at least one reading is needed");
        }
        Set<String> original = new HashSet<>(TextMetrics.tokens(question));
        List<List<String>> extra = new ArrayList<>();
        for (Reading in : readings) {
            List<String> words = new ArrayList<>();
            for (String w : TextMetrics.tokens(in.question())) {
                if (!original.contains(w) && !w.equals("s")) { // "s" of a split possessive
                    words.add(w);
                }
            }
            extra.add(words);
        }
        Set<String> common = new HashSet<>(extra.get(0));
        for (List<String> e : extra) {
            common.retainAll(e);
        }
        List<String> options = new ArrayList<>();
        for (List<String> e : extra) {
            List<String> kept = new ArrayList<>(e);
            kept.removeAll(common);
            options.add(String.join(" ", kept));
        }
        List<String> shown = new ArrayList<>();
        for (String o : options) {
            String label = o.isEmpty() ? "just as you asked it" : "\"" + o + "\"";
            if (!shown.contains(label)) {
                shown.add(label);
            }
        }
        String text;
        if (shown.size() < 2) {
            text = "Could you say more precisely what you mean by \"" + question + "\"?";
        } else {
            text = "Do you mean " + String.join(", ", shown.subList(0, shown.size() - 1)) + " or "
                + shown.get(shown.size() - 1) + "?";
        }
        return new Clarification(text, options);
    }

    /** The reading a reply resolves to: the best ROUGE-L against the options, ties to the first. */
    public static int resolve(Clarification c, String reply) {
        int best = 0;
        double bestScore = -1;
        for (int i = 0; i < c.options().size(); i++) {
            double s = c.options().get(i).isEmpty() ? 0 : TextMetrics.rougeL(reply, c.options().get(i));
            if (s > bestScore) {
                bestScore = s;
                best = i;
            }
        }
        if (bestScore > 0) {
            return best;
        }
        int empty = c.options().indexOf("");
        return empty >= 0 ? empty : 0;
    }

    /** The reading answered without asking: the most probable (ties: the first). */
    public static int defaultReading(double[] weights) {
        int best = 0;
        for (int i = 1; i < weights.length; i++) {
            if (weights[i] > weights[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Expected accuracy of answering at once with the most probable reading, the user holding reading i with
     * probability {@code weights[i]} (normalised).
     */
    public static double directAccuracy(List<Reading> readings, double[] weights) {
        List<String> given = readings.get(defaultReading(weights)).answers();
        double acc = 0;
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += matches(given, readings.get(i).answers()) ? weights[i] : 0;
            total += weights[i];
        }
        return acc / total;
    }

    /**
     * Decides for one question: the user holds reading i with probability proportional to {@code weights[i]}; asks
     * when the expected accuracy after asking (each reading's user replying with its own option) exceeds answering
     * now by more than the cost.
     *
     * @throws IllegalArgumentException for weights that do not match the readings, are negative or sum to 0
     */
    public static Decision decide(String question, List<Reading> readings, double[] weights, double cost) {
        if (weights.length != readings.size()) {
            throw new IllegalArgumentException("weights must have one entry per interpretation ("
                + readings.size() + "): " + weights.length);
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0: " + w);
            }
            total += w;
        }
        if (total == 0) {
            throw new IllegalArgumentException("weights must not all be 0");
        }
        Clarification c = clarification(question, readings);
        double now = directAccuracy(readings, weights);
        double acc = 0;
        for (int held = 0; held < readings.size(); held++) {
            if (weights[held] == 0) {
                continue;
            }
            int resolved = resolve(c, c.options().get(held));
            acc += matches(readings.get(resolved).answers(), readings.get(held).answers()) ? weights[held] : 0;
        }
        double after = acc / total;
        return new Decision(after - cost > now, c, defaultReading(weights), now, after);
    }

    /** SQuAD answer normalisation: lower case, punctuation removed, articles a/an/the removed, single spaces. */
    public static String normalise(String answer) {
        String s = answer.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}‘’“”]", " ");
        s = (" " + s + " ").replaceAll("\\s(a|an|the)(?=\\s)", " ");
        return s.trim().replaceAll("\\s+", " ");
    }

    /** True when the given answers and the acceptable ones share an answer after normalisation. */
    public static boolean matches(List<String> given, List<String> acceptable) {
        for (String g : given) {
            String n = normalise(g);
            for (String a : acceptable) {
                if (n.equals(normalise(a))) {
                    return true;
                }
            }
        }
        return false;
    }
}
