package dev.askwise.dialogue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Normalisation and tokenisation for the interpretation pipeline: Unicode (NFKD, accents dropped), case, curly
 * apostrophes, contractions ("can't" → can not, "i'm" → i am, "idc" → i do not care), letters repeated three or more
 * times ("loooong" → long), clause punctuation as boundary tokens, and each word's Snowball English stem (Lucene's
 * {@code org.tartarus.snowball.ext.EnglishStemmer}) with a second stem without a comparative or superlative ending
 * ("cheapest" → cheap, "quieter" → quiet, "scarier" → scary). Each token keeps the character span of the original text
 * it came from; a number keeps its thousands separators and decimal point ("1,000", "1.5k") and a currency sign ($, €,
 * £) is a token of its own. Not thread-safe (one instance per call); cheap to create.
 */
final class TextTokens {

    /** A boundary token's word. */
    static final String BOUNDARY = "|";

    /**
     * One token.
     *
     * @param word  normalised word, or {@link #BOUNDARY}
     * @param stem  its stem
     * @param alt   the stems without a comparative/superlative ending ("|"-separated), or null
     * @param start span start in the original text
     * @param end   span end in the original text
     * @param bound a "no" bound into a hyphenated compound ("no-frills"): not a negation
     */
    record Token(String word, String stem, String alt, int start, int end, boolean bound) {
        boolean boundary() {
            return BOUNDARY.equals(word);
        }
    }

    private static final Map<String, String[]> EXPAND = Map.ofEntries(
        Map.entry("can't", new String[] {"can", "not"}), Map.entry("cant", new String[] {"can", "not"}),
        Map.entry("cannot", new String[] {"can", "not"}), Map.entry("won't", new String[] {"will", "not"}),
        Map.entry("wont", new String[] {"will", "not"}), Map.entry("dont", new String[] {"do", "not"}),
        Map.entry("doesnt", new String[] {"does", "not"}), Map.entry("didnt", new String[] {"did", "not"}),
        Map.entry("isnt", new String[] {"is", "not"}), Map.entry("arent", new String[] {"are", "not"}),
        Map.entry("wasnt", new String[] {"was", "not"}), Map.entry("wouldnt", new String[] {"would", "not"}),
        Map.entry("couldnt", new String[] {"could", "not"}), Map.entry("shouldnt", new String[] {"should", "not"}),
        Map.entry("aint", new String[] {"is", "not"}), Map.entry("im", new String[] {"i", "am"}),
        Map.entry("ive", new String[] {"i", "have"}), Map.entry("id", new String[] {"i", "would"}),
        Map.entry("idc", new String[] {"i", "do", "not", "care"}),
        Map.entry("idk", new String[] {"i", "do", "not", "know"}), Map.entry("dunno", new String[] {"do", "not",
            "know"}),
        Map.entry("tbh", new String[0]), Map.entry("lol", new String[0]), Map.entry("imo", new String[0]),
        Map.entry("pls", new String[] {"please"}), Map.entry("plz", new String[] {"please"}),
        Map.entry("em", new String[] {"them"}), Map.entry("ok", new String[] {"okay"}),
        Map.entry("b&w", new String[] {"black", "and", "white"}), Map.entry("b/w", new String[] {"black", "and",
            "white"}),
        Map.entry("whats", new String[] {"what"}), Map.entry("gonna", new String[] {"going", "to"}),
        Map.entry("wanna", new String[] {"want", "to"}), Map.entry("kinda", new String[] {"kind", "of"}),
        Map.entry("sorta", new String[] {"sort", "of"}), Map.entry("thx", new String[] {"thanks"}));

    private final EnglishStemmer stemmer = new EnglishStemmer();

    /** The tokens of a text, boundaries included (never two in a row, none first or last). */
    List<Token> tokenize(String text) {
        StringBuilder norm = new StringBuilder();
        List<Integer> origin = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            String piece = new String(Character.toChars(cp));
            if (cp == '\u2019' || cp == '\u2018' || cp == '`' || cp == '\u00b4') {
                piece = "'";
            } else if (cp > 127) {
                piece = Normalizer.normalize(piece, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
            }
            piece = piece.toLowerCase(Locale.ROOT);
            for (int k = 0; k < piece.length(); k++) {
                norm.append(piece.charAt(k));
                origin.add(i);
            }
            i += n;
        }
        origin.add(text.length());
        List<Token> out = new ArrayList<>();
        int len = norm.length();
        int i = 0;
        while (i < len) {
            char c = norm.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                int j = i;
                while (j < len) {
                    char d = norm.charAt(j);
                    if (Character.isLetterOrDigit(d)) {
                        j++;
                    } else if ((d == ',' || d == '.') && j + 1 < len && Character.isDigit(norm.charAt(j + 1))
                        && j > i && Character.isDigit(norm.charAt(j - 1))) {
                        j++; // "1,000", "1.5k": one number
                    } else if ((d == '\'' || d == '&' || d == '/' || d == ':') && j + 1 < len
                        && Character.isLetterOrDigit(norm.charAt(j + 1)) && j > i) {
                        if (d == ':' && !(Character.isDigit(norm.charAt(j - 1))
                            && Character.isDigit(norm.charAt(j + 1)))) {
                            break;
                        }
                        j++;
                    } else {
                        break;
                    }
                }
                String word = norm.substring(i, j);
                boolean hyphenNext = j + 1 < len && norm.charAt(j) == '-' && Character.isLetter(norm.charAt(j + 1));
                addWord(out, word, origin.get(i), origin.get(j), "no".equals(word) && hyphenNext);
                i = j;
            } else if (c == '$' || c == '\u20ac' || c == '\u00a3') { // a currency sign marks an amount
                addWord(out, String.valueOf(c), origin.get(i), origin.get(i + 1), false);
                i++;
            } else {
                boolean dash = (c == '-' || c == '\u2014' || c == '\u2013')
                    && (i == 0 || norm.charAt(i - 1) == ' ' || i + 1 >= len || norm.charAt(i + 1) == ' '
                    || c != '-');
                if (",;.!?:()\"\u2026".indexOf(c) >= 0 || dash) {
                    if (!out.isEmpty() && !out.get(out.size() - 1).boundary()) {
                        out.add(new Token(BOUNDARY, BOUNDARY, null, origin.get(i), origin.get(i + 1), false));
                    }
                }
                i++;
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).boundary()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private void addWord(List<Token> out, String raw, int start, int end, boolean bound) {
        String word = collapse(raw);
        String[] parts = EXPAND.get(word);
        if (parts == null) {
            int apo = word.indexOf('\'');
            if (apo > 0) {
                String head = word.substring(0, apo);
                String tail = word.substring(apo + 1);
                parts = switch (tail) {
                    case "t" -> head.endsWith("n") ? new String[] {head.substring(0, head.length() - 1), "not"}
                        : new String[] {head};
                    case "m" -> new String[] {head, "am"};
                    case "d" -> new String[] {head, "would"};
                    case "ll" -> new String[] {head, "will"};
                    case "re" -> new String[] {head, "are"};
                    case "ve" -> new String[] {head, "have"};
                    case "s" -> new String[] {head};
                    default -> new String[] {head + tail};
                };
                if (parts.length == 1 && EXPAND.containsKey(parts[0])) {
                    parts = EXPAND.get(parts[0]);
                }
            } else {
                parts = new String[] {word};
            }
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            out.add(new Token(p, stem(p), degreeStem(p), start, end, bound));
        }
    }

    /** Letters repeated three or more times become one ("loooong" → long, "sooo" → so). */
    static String collapse(String w) {
        StringBuilder sb = new StringBuilder(w.length());
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            int j = i;
            while (j < w.length() && w.charAt(j) == c) {
                j++;
            }
            int run = j - i;
            sb.append(c);
            if (run == 2 || (!Character.isLetter(c) && run > 1)) {
                sb.append(String.valueOf(c).repeat(run - 1));
            }
            i = j - 1;
        }
        return sb.toString();
    }

    /** The Snowball English stem of a normalised word. */
    String stem(String word) {
        if (word.length() < 3 || !Character.isLetter(word.charAt(0))) {
            return word;
        }
        stemmer.setCurrent(word);
        stemmer.stem();
        String st = stemmer.getCurrent();
        // keep "-ful" ("colourful" is not "colour"; "peaceful" is not "peace")
        if (word.endsWith("ful") && !st.endsWith("ful")) {
            return st + "ful";
        }
        // keep "-able" ("affordable" is not "afford", "reasonable" is not "reason")
        return word.endsWith("able") && !st.endsWith("abl") ? st + "abl" : st;
    }

    /**
     * Stems of the word without "-est"/"-er" ("nicest" → nice, "biggest" → big, "funnier" → funny, "wider" → wide),
     * "|"-separated, or null when the word has no such ending.
     */
    String degreeStem(String w) {
        String base = null;
        if (w.length() > 5 && w.endsWith("iest")) {
            base = w.substring(0, w.length() - 4) + "y";
        } else if (w.length() > 4 && w.endsWith("ier")) {
            base = w.substring(0, w.length() - 3) + "y";
        } else if (w.length() > 5 && w.endsWith("est")) {
            base = w.substring(0, w.length() - 3);
        } else if (w.length() > 4 && w.endsWith("er")) {
            base = w.substring(0, w.length() - 2);
        }
        if (base == null) {
            return null;
        }
        int n = base.length();
        if (n >= 3 && base.charAt(n - 1) == base.charAt(n - 2) && "aeiou".indexOf(base.charAt(n - 1)) < 0) {
            base = base.substring(0, n - 1); // biggest → big
        }
        return stem(base) + "|" + stem(base + "e");
    }

}
