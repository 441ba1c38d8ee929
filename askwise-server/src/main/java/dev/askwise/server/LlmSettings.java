package dev.askwise.server;

import dev.askwise.dialogue.Domain;
import dev.askwise.dialogue.InterpretationPipeline;
import dev.askwise.dialogue.LlmInterpreter;
import dev.askwise.dialogue.TextInterpreter;
import java.time.Duration;

/**
 * An OpenAI-compatible LLM endpoint for the service's interpretation of requests and answers
 * ({@link LlmInterpreter}: structured JSON constrained to the domain's schema, validated, falling back to the
 * in-process pipeline on an error, a timeout or an invalid reply). Needs {@code langchain4j-open-ai} on the class path (the CLI's
 * {@code serve} carries it).
 *
 * @param url     base URL, http:// or https://, for example {@code http://127.0.0.1:8000/v1}
 * @param model   model name (non-blank)
 * @param apiKey  bearer token, or null
 * @param timeout per request, in [1 s, 300 s]
 */
public record LlmSettings(String url, String model, String apiKey, Duration timeout) {

    /** Checks the values. */
    public LlmSettings {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("LLM URL must start with http:// or https://: " + url);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("LLM model must be non-blank: " + model);
        }
        if (timeout == null || timeout.toMillis() < 1000 || timeout.toSeconds() > 300) {
            throw new IllegalArgumentException("LLM timeout must be in [1, 300] seconds: " + timeout);
        }
    }

    /** A domain's interpreter: the LLM over the domain's in-process pipeline as its fallback. */
    TextInterpreter interpreter(Domain d) {
        try {
            return new LlmInterpreter(InterpretationPipeline.of(d), url, apiKey, model, timeout);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("an LLM interpreter needs langchain4j-open-ai on the class path", e);
        }
    }

    @Override
    public String toString() { // never print the key
        return "LlmSettings[url=" + url + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "set")
            + ", timeout=" + timeout + "]";
    }
}
