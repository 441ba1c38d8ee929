package dev.askwise.dialogue;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a reply to a question that offers a few choices (a clarifying question's readings) with the interpretation
 * pipeline ({@link InterpretationPipeline}): the choices become the values of one pending attribute whose phrases are
 * each choice's words and whose description is its full text, so a reply is read with the pipeline's normalisation,
 * stems, typo correction, negation and exclusion, ordinals against the order the question lists the choices in
 * ("the second one"), change of mind, hedges and indifference. When those lexical steps read no choice, or read one
 * only weakly (a reply that mentions words of several choices, "the one about the 2015 film alvin"), a weighted-words
 * step compares the reply's stems with each choice's whole text, each word weighted by how few choices have it, and
 * takes a clear leader; when that finds none either, the in-process embedding model compares the reply with each
 * choice, with its calibrated abstain threshold ({@link ExampleEmbeddings#MIN_SIMILARITY} and
 * {@link ExampleEmbeddings#MIN_MARGIN}).
 *
 * <p>A reply that repeats one choice's phrase exactly (case and punctuation aside) is that choice, whatever the
 * pipeline would make of it ("is", "its", "the second" can be options). A reply is otherwise understood only when
 * it settles one choice by itself with a confident reading ({@link Understanding#CONFIDENT}); a reply that only
 * rules choices out ("not the party"), a hedged or weak match, or one that matches nothing ("xyzzy") is not
 * understood, and the resolution says which choices remain so that the caller can ask again (a confirmation when one
 * remains). Indifference ("either is fine") resolves to the caller's default choice. Thread-safe; build one per
 * question (the choices' texts are embedded once, when a reply first needs the embedding model).
 */
public final class ChoiceResolver {

    /** The pending attribute the choices are values of. */
    private static final String ATTRIBUTE = "choice";

    /**
     * One choice.
     *
     * @param description its full text (for example a disambiguated question), compared by the embedding model
     * @param phrases     words and phrases that name it (for example the option shown and the words that set it
     *                    apart); may be empty
     */
    public record Choice(String description, List<String> phrases) {
        /** Validates and copies. */
        public Choice {
            if (description == null) {
                throw new IllegalArgumentException("a choice's description must not be null");
            }
            phrases = List.copyOf(phrases);
        }
    }

    /**
     * What a reply resolves to.
     *
     * @param choice     the choice (index), or −1 when the reply was not understood
     * @param confidence the pipeline's confidence in the choice it read, or 0 when it read none
     * @param source     how it was read: the pipeline's source ({@code phrase}, {@code fuzzy}, {@code ordinal},
     *                   {@code embedding}, …); {@code words} for the weighted-words step; {@code indifference}
     *                   for the default choice; {@code exact} for a repeated phrase and {@code exact, tied} when
     *                   that phrase names several choices (the first of them is taken: the question cannot tell
     *                   them apart); {@code only choice} when there is nothing to choose; and, when not understood,
     *                   {@code exclusion} or {@code unconfident} when a single remaining choice needs confirming,
     *                   {@code none} when nothing was read
     * @param remaining  the choices still possible (all but the ruled-out ones; the one read when it needs
     *                   confirming; the one resolved to)
     */
    public record Resolution(int choice, double confidence, String source, List<Integer> remaining) {
        /** Copies the remaining choices. */
        public Resolution {
            remaining = List.copyOf(remaining);
        }

        /** Whether the reply was understood as one choice. */
        public boolean understood() {
            return choice >= 0;
        }
    }

    /** Words that say nothing about which choice is meant. */
    private static final java.util.Set<String> STOP = java.util.Set.of("a", "an", "the", "of", "in", "on", "at", "to",
        "for", "by", "and", "or", "is", "are", "was", "were", "be", "been", "do", "does", "did", "what", "who", "whom",
        "which", "when", "where", "why", "how", "that", "this", "it", "its", "i", "you", "me", "my", "we", "one",
        "about", "mean", "meant", "with", "from", "as", "s", "not", "no", "yes", "please", "just", "like", "think");
    /** Confidence of a reading found by the weighted-words step. */
    static final double WORDS = 0.7;

    /** The pipeline's lexical steps, then (for replies they and the weighted words leave unread) the full one. */
    private final InterpretationPipeline pipeline;
    /** Whether the embedding step is used. */
    private final boolean embeddings;
    /** The domain of choices, for the full pipeline. */
    private final Domain domain;
    /** The full pipeline, built on first need (most replies are read without it; building it embeds every choice). */
    private volatile InterpretationPipeline withEmbeddings;
    private final int size;
    /** Per choice, the stems of its description and phrases (for the weighted-words step). */
    private final List<java.util.Set<String>> stems = new ArrayList<>();
    /** Each choice's phrases, normalised ({@link #normalise}), for the exact-repeat step. */
    private final List<java.util.Set<String>> exact = new ArrayList<>();

    private ChoiceResolver(String question, List<Choice> choices, boolean embeddings) {
        if (question == null) {
            throw new IllegalArgumentException("question must not be null");
        }
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("at least one choice is needed");
        }
        List<Domain.Value> values = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            Choice c = choices.get(i);
            List<String> phrases = new ArrayList<>();
            for (String p : c.phrases()) {
                if (p != null && !p.isBlank() && !phrases.contains(p)) {
                    phrases.add(p);
                }
            }
            values.add(new Domain.Value(valueName(i), c.description(), phrases));
            java.util.Set<String> e = new java.util.HashSet<>();
            phrases.forEach(p -> e.add(normalise(p)));
            e.remove("");
            exact.add(e);
            java.util.Set<String> st = new java.util.HashSet<>(contentStems(c.description()));
            phrases.forEach(p -> st.addAll(contentStems(p)));
            stems.add(st);
        }
        Domain.AttributeSpec spec = new Domain.AttributeSpec(ATTRIBUTE, question, null, 0, false, false, values);
        Domain domain = Domain.withoutModel("choices", List.of(spec));
        this.pipeline = InterpretationPipeline.lexical(domain);
        this.embeddings = embeddings;
        this.domain = domain;
        this.size = choices.size();
    }

    /**
     * A resolver over the full in-process pipeline (lexical steps and the embedding model).
     *
     * @param question the question as shown to the user (its order of the choices' phrases gives the ordinals)
     * @param choices  at least one
     */
    public static ChoiceResolver of(String question, List<Choice> choices) {
        return new ChoiceResolver(question, choices, true);
    }

    /** A resolver over the pipeline's lexical steps only (no embedding model). */
    public static ChoiceResolver lexical(String question, List<Choice> choices) {
        return new ChoiceResolver(question, choices, false);
    }

    private InterpretationPipeline full() {
        InterpretationPipeline p = withEmbeddings;
        if (p == null) {
            synchronized (this) {
                p = withEmbeddings;
                if (p == null) {
                    p = InterpretationPipeline.of(domain);
                    withEmbeddings = p;
                }
            }
        }
        return p;
    }

    private static List<String> contentStems(String text) {
        List<String> out = new ArrayList<>();
        for (TextTokens.Token t : new TextTokens().tokenize(text)) {
            if (!t.boundary() && !STOP.contains(t.word())) {
                out.add(t.stem());
            }
        }
        return out;
    }

    /**
     * The weighted-words step: each distinct content stem of the reply found in a choice's text counts
     * ln(n / df) for that choice, where df is the number of the n choices whose text has it (a word every choice has
     * counts nothing); the choice with the highest total wins when it leads the next by at least ln 2 / 2, else −1.
     */
    private int byWords(String reply) {
        double[] score = new double[size];
        for (String st : new java.util.LinkedHashSet<>(contentStems(reply))) {
            int df = 0;
            for (java.util.Set<String> c : stems) {
                df += c.contains(st) ? 1 : 0;
            }
            if (df == 0 || df == size) {
                continue;
            }
            double w = Math.log((double) size / df);
            for (int i = 0; i < size; i++) {
                if (stems.get(i).contains(st)) {
                    score[i] += w;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < size; i++) {
            if (score[i] > score[best]) {
                best = i;
            }
        }
        double second = 0;
        for (int i = 0; i < size; i++) {
            if (i != best) {
                second = Math.max(second, score[i]);
            }
        }
        return score[best] > 0 && score[best] - second >= Math.log(2) / 2 ? best : -1;
    }

    /** Lower case, letters and digits only, single spaces. */
    static String normalise(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    private static String valueName(int i) {
        return "choice-" + (i + 1);
    }

    /**
     * Resolves a reply.
     *
     * @param reply         the user's reply (not null)
     * @param defaultChoice the choice an indifferent reply resolves to
     * @throws IllegalArgumentException for a null reply or a default choice out of range
     */
    public Resolution resolve(String reply, int defaultChoice) {
        if (reply == null) {
            throw new IllegalArgumentException("reply must not be null");
        }
        if (defaultChoice < 0 || defaultChoice >= size) {
            throw new IllegalArgumentException("defaultChoice must be in [0, " + (size - 1) + "]: " + defaultChoice);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            all.add(i);
        }
        if (size == 1) {
            return new Resolution(0, 1.0, "only choice", all);
        }
        List<Integer> repeated = new ArrayList<>();
        String n = normalise(reply);
        for (int i = 0; i < size; i++) {
            if (exact.get(i).contains(n)) {
                repeated.add(i);
            }
        }
        if (!repeated.isEmpty()) {
            return new Resolution(repeated.get(0), 1.0, repeated.size() == 1 ? "exact" : "exact, tied",
                List.of(repeated.get(0)));
        }
        Understanding u = pipeline.interpret(reply, ATTRIBUTE);
        Understanding.Reading r = u.reading(ATTRIBUTE).orElse(null);
        if (r == null || (!r.noPreference() && !r.source().startsWith("exclusion") && !r.confident())) {
            int byWords = byWords(reply);
            if (byWords >= 0) {
                return new Resolution(byWords, WORDS, "words", List.of(byWords));
            }
        }
        if (r == null && embeddings) {
            r = full().interpret(reply, ATTRIBUTE).reading(ATTRIBUTE).orElse(null);
        }
        if (r == null) {
            return new Resolution(-1, 0, "none", all);
        }
        if (r.noPreference()) {
            return new Resolution(defaultChoice, r.confidence(), "indifference", List.of(defaultChoice));
        }
        int chosen = Integer.parseInt(r.value().substring("choice-".length())) - 1;
        if (r.source().startsWith("exclusion")) {
            return new Resolution(-1, r.confidence(), "exclusion", List.of(chosen));
        }
        if (!r.confident()) {
            return new Resolution(-1, r.confidence(), "unconfident", List.of(chosen));
        }
        return new Resolution(chosen, r.confidence(), r.source(), List.of(chosen));
    }
}
