package dev.askwise.dialogue.clarify;

import java.util.List;

/**
 * One reading of an ambiguous question: the disambiguated question and the answers that are right under it.
 *
 * @param question the disambiguated question (not null)
 * @param answers  acceptable answers (copied; an empty list matches no answer)
 */
public record Reading(String question, List<String> answers) {
    /** Validates and copies. */
    public Reading {
        if (question == null) {
            throw new IllegalArgumentException("a reading's question must not be null");
        }
        answers = List.copyOf(answers);
    }
}
