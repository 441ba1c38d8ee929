package dev.askwise.dialogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns free text into values of a domain's attributes by exact and synonym matching (value names, synonyms and the
 * yes/no form), with negation ("anything but chains") and indifference ("I don't mind"). Lexical only: matching
 * against value descriptions with an embedding model is not part of this class. Immutable and thread-safe.
 *
 * <p>Algorithm: normalise the text (lower case, punctuation to spaces); find every occurrence of every value's phrases,
 * longest first and without overlaps; an occurrence preceded within three words by a negation cue ("not", "no",
 * "anything but", "except", "avoid", "without", "don't want", "rather not", "hate", "dislike") excludes that value
 * instead of selecting it; indifference cues are consumed first. One selected value → that value; several → not
 * understood (ask again); none selected but exclusions that leave exactly one value → that value; an indifference cue
 * and nothing else → no preference; otherwise not understood. A bare "yes" selects the yes/no form's value; "no"
 * selects the other value of a two-valued attribute.
 */
public final class AnswerInterpreter {

    /** What an answer means. */
    public enum Kind { VALUE, NO_PREFERENCE, NOT_UNDERSTOOD }

    /**
     * An interpretation.
     *
     * @param value the value name when kind is VALUE, else null
     * @param cue   the matched text, for explanations
     */
    public record Interpretation(Kind kind, String attribute, String value, String cue) {
    }

    private static final List<String> INDIFFERENT = List.of("don t mind", "do not mind", "dont mind",
        "no preference", "doesn t matter", "does not matter", "doesnt matter", "don t care", "do not care",
        "dont care", "whatever", "either is fine", "either way", "either one", "anything is fine", "any is fine",
        "up to you", "you choose", "you decide", "both are fine", "no idea", "not sure", "i don t know",
        "i do not know", "no strong feelings", "indifferent", "surprise me", "either");
    private static final List<String> NEGATIONS = List.of("anything but", "anything except", "rather not", "don t want",
        "do not want", "dont want", "don t like", "do not like", "not a", "not an", "not", "no", "except", "avoid",
        "without", "hate", "dislike", "never", "neither", "nor", "instead of", "nothing", "don t", "do not", "dont",
        "doesn t", "does not", "isn t", "is not", "won t", "away from", "far from");

    private final Domain domain;

    public AnswerInterpreter(Domain domain) {
        this.domain = domain;
    }

    /** Interprets an answer to a question about one attribute. */
    public Interpretation interpret(String attribute, String text) {
        Domain.AttributeSpec spec = domain.attribute(attribute);
        String norm = normalise(text);
        Matches m = match(spec, norm, true);
        if (m.selected.size() == 1) {
            return new Interpretation(Kind.VALUE, attribute, m.selected.keySet().iterator().next(), m.cue);
        }
        if (m.selected.size() > 1) {
            return new Interpretation(Kind.NOT_UNDERSTOOD, attribute, null, m.cue); // two values named: ask again
        }
        if (!m.excluded.isEmpty()) {
            List<String> left = new ArrayList<>();
            for (Domain.Value v : spec.values()) {
                if (!m.excluded.contains(v.name())) {
                    left.add(v.name());
                }
            }
            if (left.size() == 1) {
                return new Interpretation(Kind.VALUE, attribute, left.get(0), m.cue);
            }
            return new Interpretation(Kind.NOT_UNDERSTOOD, attribute, null, m.cue);
        }
        if (m.indifferent != null) {
            return new Interpretation(Kind.NO_PREFERENCE, attribute, null, m.indifferent);
        }
        return new Interpretation(Kind.NOT_UNDERSTOOD, attribute, null, null);
    }

    /**
     * What a first request already states: attribute → value, for attributes with one clear value (never guessed; an
     * attribute mentioned ambiguously is left out so that it can be asked).
     */
    public Map<String, String> extractStated(String request) {
        String norm = normalise(request);
        Map<String, String> out = new LinkedHashMap<>();
        for (Domain.AttributeSpec spec : domain.attributes()) {
            Matches m = match(spec, norm, false);
            if (m.selected.size() == 1) {
                out.put(spec.name(), m.selected.keySet().iterator().next());
            } else if (m.selected.isEmpty() && !m.excluded.isEmpty() && spec.values().size() == 2
                && m.excluded.size() == 1) {
                for (Domain.Value v : spec.values()) {
                    if (!m.excluded.contains(v.name())) {
                        out.put(spec.name(), v.name());
                    }
                }
            }
        }
        return out;
    }

    private static final class Matches {
        final Map<String, Integer> selected = new LinkedHashMap<>();
        final List<String> excluded = new ArrayList<>();
        String cue;
        String indifferent;
    }

    private record Phrase(String text, String value) {
    }

    /** Phrases of each value, longest first; with {@code answering}, bare yes/no map through the yes/no form. */
    private Matches match(Domain.AttributeSpec spec, String norm, boolean answering) {
        List<Phrase> phrases = new ArrayList<>();
        for (Domain.Value v : spec.values()) {
            phrases.add(new Phrase(normalise(v.name()).trim(), v.name()));
            for (String s : v.synonyms()) {
                phrases.add(new Phrase(normalise(s).trim(), v.name()));
            }
        }
        if (answering && spec.yesNo() != null) {
            String yes = spec.yesNo().value();
            for (String y : List.of("yes", "yeah", "yep", "sure", "of course", "definitely", "please do")) {
                phrases.add(new Phrase(y, yes));
            }
            if (spec.values().size() == 2) {
                String other = spec.values().get(0).name().equals(yes) ? spec.values().get(1).name()
                    : spec.values().get(0).name();
                for (String n : List.of("no", "nope", "not really", "no thanks", "no thank you")) {
                    phrases.add(new Phrase(n, other));
                }
            }
        }
        phrases.sort((a, b) -> Integer.compare(b.text().length(), a.text().length()));
        boolean[] used = new boolean[norm.length()];
        Matches m = new Matches();
        // indifference first: its words ("no" in "no preference", "sure" in "not sure") must not select values
        List<String> indifferent = new ArrayList<>(INDIFFERENT);
        indifferent.sort((a, b) -> Integer.compare(b.length(), a.length()));
        for (String cue : indifferent) {
            int at = norm.indexOf(" " + cue + " ");
            if (at >= 0 && !used[at + 1]) {
                for (int i = at + 1; i < at + cue.length() + 1; i++) {
                    used[i] = true;
                }
                if (m.indifferent == null) {
                    m.indifferent = cue;
                }
            }
        }
        for (Phrase p : phrases) {
            if (p.text().isEmpty()) {
                continue;
            }
            String needle = " " + p.text() + " ";
            int from = 0;
            int at;
            while ((at = norm.indexOf(needle, from)) >= 0) {
                from = at + 1;
                boolean free = true;
                for (int i = at + 1; i < at + needle.length() - 1; i++) {
                    free &= !used[i];
                }
                if (!free) {
                    continue;
                }
                for (int i = at + 1; i < at + needle.length() - 1; i++) {
                    used[i] = true;
                }
                boolean negated = !isNegationPhrase(p.text()) && negatedBefore(norm, at);
                if (negated) {
                    if (!m.excluded.contains(p.value())) {
                        m.excluded.add(p.value());
                    }
                } else {
                    m.selected.merge(p.value(), p.text().length(), Integer::sum);
                }
                m.cue = m.cue == null ? p.text() : m.cue + ", " + p.text();
            }
        }
        m.selected.keySet().removeAll(m.excluded);
        return m;
    }

    private static boolean isNegationPhrase(String phrase) {
        for (String n : NEGATIONS) {
            if (phrase.startsWith(n + " ") || phrase.equals(n)) {
                return true;
            }
        }
        return false;
    }

    /** A negation cue among the (at most three) unconsumed words right before position at. */
    private static boolean negatedBefore(String norm, int at) {
        String before = norm.substring(0, at + 1);
        String[] words = before.trim().split(" ");
        int start = Math.max(0, words.length - 3);
        StringBuilder window = new StringBuilder(" ");
        for (int i = start; i < words.length; i++) {
            window.append(words[i]).append(' ');
        }
        String w = window.toString();
        int bar = w.lastIndexOf(" | ");
        if (bar >= 0) {
            w = w.substring(bar + 2); // a negation does not reach across a clause boundary
        }
        for (String n : NEGATIONS) {
            if (w.contains(" " + n + " ")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lower case; clause punctuation (, ; . ! ?) and the word "but" (not in "anything but") become a boundary token
     * "|"; other punctuation becomes a space; single spaces, padded with one space at each end.
     */
    static String normalise(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        StringBuilder sb = new StringBuilder(" ");
        boolean space = true;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(c);
                space = false;
            } else if (",;.!?".indexOf(c) >= 0) {
                if (!space) {
                    sb.append(' ');
                }
                sb.append("| ");
                space = true;
            } else if (!space) {
                sb.append(' ');
                space = true;
            }
        }
        if (!space) {
            sb.append(' ');
        }
        String out = sb.toString().replace(" but ", " | but ").replace(" anything | but ", " anything but ");
        return out;
    }
}
