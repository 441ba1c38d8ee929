package dev.askwise.dialogue.research;

import dev.askwise.dialogue.clarify.Clarifier;
import dev.askwise.dialogue.clarify.Reading;
import dev.askwise.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AmbigQA questions ({@code dev_light.json} format: a JSON array of {@code {id, question, annotations}}, an annotation
 * being {@code {type: "singleAnswer", answer: [...]}} or {@code {type: "multipleQAs", qaPairs: [{question, answer}]}}).
 * A question's interpretations are those of its first annotation; a single answer is one interpretation whose
 * question is the original one.
 */
public final class AmbigQa {

    /** One reading of a question: the disambiguated question and its acceptable answers. */
    public record Interpretation(String question, List<String> answers) {
        /** Copies the answers. */
        public Interpretation {
            answers = List.copyOf(answers);
        }
    }

    /** One question and its interpretations (at least one). */
    public record Item(String id, String question, List<Interpretation> interpretations) {
        /** Copies the interpretations. */
        public Item {
            interpretations = List.copyOf(interpretations);
        }

        /** The interpretations as production {@link Reading}s. */
        public List<Reading> readings() {
            return interpretations.stream().map(i -> new Reading(i.question(), i.answers())).toList();
        }

        /** True when the question has more than one interpretation. */
        public boolean ambiguous() {
            return interpretations.size() > 1;
        }
    }

    private AmbigQa() {
    }

    /**
     * Reads a file in the {@code dev_light.json} format.
     *
     * @throws IllegalArgumentException naming the file and the entry that does not fit the format
     */
    public static List<Item> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("AmbigQA file not found: " + file);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Object root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException(file + ": expected a JSON array of questions");
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": no questions (the array is empty)");
        }
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            out.add(item(file, i, entries.get(i)));
        }
        return out;
    }

    private static Item item(Path file, int index, Object entry) {
        String where = file + ": entry " + index;
        if (!(entry instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        String question = string(m.get("question"), where + ": 'question'");
        Object id = m.get("id");
        where += " (id " + id + ")";
        if (!(m.get("annotations") instanceof List<?> annotations) || annotations.isEmpty()) {
            throw new IllegalArgumentException(where + ": 'annotations' must be a non-empty array");
        }
        if (!(annotations.get(0) instanceof Map<?, ?> a)) {
            throw new IllegalArgumentException(where + ": annotation 0 must be an object");
        }
        Object type = a.get("type");
        List<Interpretation> interpretations = new ArrayList<>();
        if ("singleAnswer".equals(type)) {
            interpretations.add(new Interpretation(question, strings(a.get("answer"), where + ": 'answer'")));
        } else if ("multipleQAs".equals(type)) {
            if (!(a.get("qaPairs") instanceof List<?> pairs) || pairs.isEmpty()) {
                throw new IllegalArgumentException(where + ": 'qaPairs' must be a non-empty array");
            }
            for (int p = 0; p < pairs.size(); p++) {
                if (!(pairs.get(p) instanceof Map<?, ?> pair)) {
                    throw new IllegalArgumentException(where + ": qaPairs[" + p + "] must be an object");
                }
                interpretations.add(new Interpretation(string(pair.get("question"), where + ": qaPairs[" + p
                    + "].question"), strings(pair.get("answer"), where + ": qaPairs[" + p + "].answer")));
            }
        } else {
            throw new IllegalArgumentException(where + ": annotation type must be singleAnswer or multipleQAs: "
                + type);
        }
        return new Item(String.valueOf(id), question, interpretations);
    }

    private static String string(Object o, String what) {
        if (!(o instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string");
        }
        return s;
    }

    private static List<String> strings(Object o, String what) {
        if (!(o instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty array of strings");
        }
        List<String> out = new ArrayList<>();
        for (Object x : l) {
            out.add(string(x, what));
        }
        return out;
    }

    /** SQuAD answer normalisation: {@link Clarifier#normalise}. */
    public static String normalise(String answer) {
        return Clarifier.normalise(answer);
    }

    /** True when the given answers and the acceptable ones share an answer after normalisation. */
    public static boolean matches(List<String> given, List<String> acceptable) {
        return Clarifier.matches(given, acceptable);
    }
}
