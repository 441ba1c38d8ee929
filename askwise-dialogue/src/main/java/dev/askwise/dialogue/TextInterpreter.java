package dev.askwise.dialogue;

/**
 * Reads what a user's text settles in one domain: the in-process {@link InterpretationPipeline}, or an
 * {@link LlmInterpreter} that falls back to it. Implementations are thread-safe.
 */
@FunctionalInterface
public interface TextInterpreter {

    /**
     * Interprets a text.
     *
     * @param text    the user's text
     * @param pending the attribute just asked about, or null for a first request
     * @return what the text settles (empty when nothing)
     * @throws IllegalArgumentException when text is null or pending is not an attribute of the domain
     */
    Understanding interpret(String text, String pending);
}
