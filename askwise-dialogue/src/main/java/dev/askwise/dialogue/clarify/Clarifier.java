package dev.askwise.dialogue.clarify;

import dev.askwise.dialogue.ChoiceResolver;
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
 * the options "party" and "leader"). A reply is resolved to a reading by the interpretation pipeline and the
 * in-process embedding model ({@link #resolver}, {@link ChoiceResolver}), which says when it did not understand.
 * {@link #decide} asks when the expected answer accuracy after asking, each reading's user replying with its option,
 * exceeds answering now by more than the cost. Stateless and thread-safe.
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

    /** Phrases that pick the reading whose option is empty ("just as you asked it"). */
    static final List<String> AS_ASKED = List.of("just as you asked it", "as i asked it", "as i asked", "as asked",
        "as it is", "as is", "what i asked", "what i said", "as i said", "the original", "the question as asked");

    /** The reply a simulated user holding a reading gives: its option, or "just as you asked it" when empty. */
    public static String optionReply(Clarification c, int reading) {
        String o = c.options().get(reading);
        return o.isEmpty() ? AS_ASKED.get(0) : o;
    }

    /**
     * The choices a reply is resolved against: per reading, its disambiguated question (for the embedding model),
     * the option shown and each word that sets it apart from the original question and from every other reading
     * (or, for an empty option, the "as you asked it" phrases).
     */
    static List<ChoiceResolver.Choice> choices(String question, List<Reading> readings, Clarification c) {
        List<String> differences = clarification(question, readings).options();
        List<ChoiceResolver.Choice> out = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            List<String> phrases = new ArrayList<>();
            String option = c.options().get(i);
            if (option.isEmpty() || differences.get(i).isEmpty()) {
                phrases.addAll(AS_ASKED);
            }
            if (!option.isEmpty()) {
                phrases.add(option);
            }
            if (!differences.get(i).isEmpty()) {
                phrases.add(differences.get(i));
                for (String w : differences.get(i).split(" ")) {
                    boolean unique = w.length() >= 3;
                    for (int j = 0; j < readings.size() && unique; j++) {
                        unique = j == i || !List.of(differences.get(j).split(" ")).contains(w);
                    }
                    if (unique) {
                        phrases.add(w);
                    }
                }
            }
            out.add(new ChoiceResolver.Choice(readings.get(i).question(), phrases));
        }
        return out;
    }

    /**
     * Resolves replies to one clarifying question's readings with the interpretation pipeline and the in-process
     * embedding model ({@link ChoiceResolver}); build once per question, thread-safe.
     */
    public static ChoiceResolver resolver(String question, List<Reading> readings, Clarification c) {
        return ChoiceResolver.of(c.text(), choices(question, readings, c));
    }

    /** The same resolver with the pipeline's lexical steps only (what {@link #decide} simulates with). */
    public static ChoiceResolver lexicalResolver(String question, List<Reading> readings, Clarification c) {
        return ChoiceResolver.lexical(c.text(), choices(question, readings, c));
    }

    /**
     * The question to ask again after a reply that was not understood, over the readings that remain: a confirmation
     * when one remains ("Just to check: do you mean "leader"?"), else the clarifying question over the remaining
     * options, introduced by "Sorry, I did not understand that."
     *
     * @throws IllegalArgumentException when no reading remains or one is out of range
     */
    public static String askAgain(Clarification c, List<Integer> remaining) {
        if (remaining.isEmpty()) {
            throw new IllegalArgumentException("at least one reading must remain");
        }
        List<String> shown = new ArrayList<>();
        for (int i : remaining) {
            if (i < 0 || i >= c.options().size()) {
                throw new IllegalArgumentException("reading must be in [0, " + (c.options().size() - 1) + "]: " + i);
            }
            String o = c.options().get(i);
            String label = o.isEmpty() ? "just as you asked it" : "\"" + o + "\"";
            if (!shown.contains(label)) {
                shown.add(label);
            }
        }
        if (shown.size() == 1) {
            return "Just to check: do you mean " + shown.get(0) + "?";
        }
        return "Sorry, I did not understand that. Do you mean " + String.join(", ", shown.subList(0, shown.size() - 1))
            + " or " + shown.get(shown.size() - 1) + "?";
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
        double after = predictedAccuracy(question, readings, c, weights);
        return new Decision(after - cost > now, c, defaultReading(weights), now, after);
    }

    /**
     * Expected accuracy after asking c, as the engine predicts it: the user holding reading i (probability
     * {@code weights[i]}, normalised) replies with its option ({@link #optionReply}); the reply is resolved by the
     * lexical resolver, and a reply it does not understand leaves the default reading.
     */
    public static double predictedAccuracy(String question, List<Reading> readings, Clarification c,
                                           double[] weights) {
        ChoiceResolver resolver = lexicalResolver(question, readings, c);
        int fallback = defaultReading(weights);
        double acc = 0;
        double total = 0;
        for (int held = 0; held < readings.size(); held++) {
            total += weights[held];
            if (weights[held] == 0) {
                continue;
            }
            ChoiceResolver.Resolution r = resolver.resolve(optionReply(c, held), fallback);
            int resolved = r.understood() ? r.choice() : fallback;
            acc += matches(readings.get(resolved).answers(), readings.get(held).answers()) ? weights[held] : 0;
        }
        return acc / total;
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
