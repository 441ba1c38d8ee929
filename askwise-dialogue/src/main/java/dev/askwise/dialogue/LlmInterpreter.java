package dev.askwise.dialogue;

import dev.askwise.io.Json;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interpretation by an LLM over any OpenAI-compatible chat-completions endpoint (LangChain4j), with structured JSON
 * output constrained by a JSON schema built from the domain (attribute and value names as enums), and the reply
 * validated again here: an unknown attribute or value, a protected attribute that is not the pending one, a value of
 * another attribute, a confidence outside (0, 1], or a reply that is not the schema's JSON makes the whole reply
 * invalid. On an invalid reply, an HTTP error or a timeout the in-process {@link InterpretationPipeline} answers
 * instead ({@link #lastFellBack()} says so). Needs {@code langchain4j-open-ai} on the class path (the CLI carries it).
 * Thread-safe.
 */
public final class LlmInterpreter implements TextInterpreter {

    private final InterpretationPipeline fallback;
    private final Domain domain;
    private final ChatModel chat;
    private final ResponseFormat format;
    private final ThreadLocal<Boolean> fellBack = ThreadLocal.withInitial(() -> false);

    /**
     * @param fallback the in-process pipeline used when the LLM fails
     * @param baseUrl  for example {@code http://127.0.0.1:8000/v1}
     * @param apiKey   bearer token, or null
     * @param model    model name
     * @param timeout  per request, at least one second
     * @throws IllegalArgumentException for a URL that is not http(s) or a timeout under one second
     */
    public LlmInterpreter(InterpretationPipeline fallback, String baseUrl, String apiKey, String model,
                          Duration timeout) {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("LLM base URL must start with http:// or https://: " + baseUrl);
        }
        if (timeout == null || timeout.toMillis() < 1000) {
            throw new IllegalArgumentException("LLM timeout must be at least 1 s: " + timeout);
        }
        this.fallback = fallback;
        this.domain = fallback.domain();
        this.format = ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema(domain)).build();
        this.chat = OpenAiChatModel.builder().baseUrl(baseUrl.endsWith("/") ? baseUrl.substring(0,
                baseUrl.length() - 1) : baseUrl).apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
            .modelName(model).temperature(0.0).timeout(timeout).maxRetries(0).strictJsonSchema(true).build();
    }

    private static JsonSchema schema(Domain d) {
        List<String> attributes = d.attributes().stream().map(Domain.AttributeSpec::name).toList();
        Set<String> values = new LinkedHashSet<>();
        d.attributes().forEach(a -> a.values().forEach(v -> values.add(v.name())));
        values.add(Understanding.NO_PREFERENCE);
        JsonObjectSchema reading = JsonObjectSchema.builder()
            .addProperty("attribute", JsonEnumSchema.builder().enumValues(attributes).build())
            .addProperty("value", JsonEnumSchema.builder().enumValues(new ArrayList<>(values)).build())
            .addProperty("confidence", JsonNumberSchema.builder().build())
            .required("attribute", "value", "confidence").additionalProperties(false).build();
        JsonObjectSchema root = JsonObjectSchema.builder()
            .addProperty("readings", JsonArraySchema.builder().items(reading).build())
            .required("readings").additionalProperties(false).build();
        return JsonSchema.builder().name("understanding").rootElement(root).build();
    }

    /** The system prompt for a pending attribute (null for a first request). */
    String prompt(String pending) {
        StringBuilder sb = new StringBuilder();
        sb.append("You read what a user wrote to an assistant (").append(domain.description())
            .append(") and report every attribute the text settles, with its value, or no-preference when the user "
                + "says they do not mind. Only what the text says: no guesses. The last value wins after a change of "
                + "mind. A hedge lowers your confidence.\n");
        if (pending != null) {
            sb.append("The assistant just asked: \"").append(domain.attribute(pending).question())
                .append("\" (attribute ").append(pending).append("). Bare answers such as yes, no, love it or the "
                    + "second one answer that question.\n");
        } else {
            sb.append("This is the user's first request; nothing has been asked yet.\n");
        }
        sb.append("Attributes and values:\n");
        for (Domain.AttributeSpec a : domain.attributes()) {
            if (a.protectedAttribute() && !a.name().equals(pending)) {
                continue; // never set from text unless asked
            }
            sb.append("- ").append(a.name()).append(": ");
            for (int i = 0; i < a.values().size(); i++) {
                Domain.Value v = a.values().get(i);
                sb.append(i == 0 ? "" : "; ").append(v.name()).append(" (").append(v.description()).append(')');
            }
            sb.append('\n');
        }
        sb.append("Reply with JSON only: {\"readings\": [{\"attribute\": NAME, \"value\": VALUE or \"no-preference\", "
            + "\"confidence\": 0..1}]}; an empty list when the text settles nothing.");
        return sb.toString();
    }

    /** Whether the last call on this thread fell back to the in-process pipeline. */
    public boolean lastFellBack() {
        return fellBack.get();
    }

    /**
     * Interprets a text with the LLM, or with the in-process pipeline when the LLM fails or replies invalidly.
     *
     * @throws IllegalArgumentException when text is null or pending is not an attribute of the domain
     */
    @Override
    public Understanding interpret(String text, String pending) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        if (pending != null) {
            domain.attribute(pending);
        }
        try {
            String reply = chat.chat(ChatRequest.builder().messages(SystemMessage.from(prompt(pending)),
                UserMessage.from(text)).responseFormat(format).build()).aiMessage().text();
            Understanding u = parse(text, pending, reply);
            if (u != null) {
                fellBack.set(false);
                return u;
            }
        } catch (RuntimeException e) {
            // HTTP error, timeout, unreachable: fall back below
        }
        fellBack.set(true);
        return fallback.interpret(text, pending);
    }

    /** The reply as an understanding, or null when it is not valid for this domain. */
    Understanding parse(String text, String pending, String reply) {
        if (reply == null) {
            return null;
        }
        Object root;
        try {
            String r = reply.trim();
            if (r.startsWith("```")) {
                r = r.replaceAll("^```[a-z]*\\s*", "").replaceAll("```\\s*$", "");
            }
            root = Json.parse(r);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!(root instanceof Map<?, ?> m) || !(m.get("readings") instanceof List<?> list)) {
            return null;
        }
        Map<String, Understanding.Reading> out = new LinkedHashMap<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> r) || !(r.get("attribute") instanceof String a)
                || !(r.get("value") instanceof String v)) {
                return null;
            }
            Domain.AttributeSpec spec = domain.attributes().stream().filter(s -> s.name().equals(a)).findFirst()
                .orElse(null);
            if (spec == null || (spec.protectedAttribute() && !a.equals(pending))
                || (!v.equals(Understanding.NO_PREFERENCE) && spec.indexOf(v) < 0)) {
                return null;
            }
            double c = r.get("confidence") instanceof Double d ? d : 0.8;
            if (!(c > 0 && c <= 1)) {
                return null;
            }
            out.put(a, new Understanding.Reading(a, v.equals(Understanding.NO_PREFERENCE) ? null : v, c, 0,
                text.length(), "llm"));
        }
        return new Understanding(text, new ArrayList<>(out.values()));
    }
}
