package dev.askwise.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The service's responses as records; the HTTP layer writes them as JSON with Jackson, component by component, in
 * the order declared (the public shape of docs/http.md and openapi.json). A null component is written as
 * {@code null} unless it is marked to be left out.
 */
public final class Replies {

    private Replies() {
    }

    /** A session and its current step, plus what a text answer (or the first request) was understood to say. */
    @JsonPropertyOrder({"session", "step", "understood"})
    public record SessionReply(SessionView session, Step step,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> understood) {
    }

    /** The session as a client sees it (the stored history and confirmation stay inside). */
    @JsonPropertyOrder({"id", "domain", "userId", "cost", "gamma", "questions", "stated", "remembered", "answered",
        "declined", "done"})
    public record SessionView(String id, String domain, @JsonInclude(JsonInclude.Include.NON_NULL) String userId,
                              double cost, String gamma, int questions, Map<String, String> stated,
                              Map<String, String> remembered, Map<String, String> answered, List<String> declined,
                              boolean done) {
    }

    /** A step: ask a question, or proceed with every attribute's value. */
    public sealed interface Step permits Ask, Proceed {
        /** {@code ask} or {@code proceed}. */
        String type();
    }

    /**
     * Ask a question. {@code cost} is left out of a repeated or confirming question, {@code rephrased} and
     * {@code confirm} out of an ordinary one.
     */
    @JsonPropertyOrder({"type", "attribute", "question", "options", "gain", "cost", "rephrased", "confirm", "why"})
    public record Ask(String type, String attribute, String question, List<Option> options, Double gain,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Double cost,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean rephrased,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Confirm confirm, String why) implements Step {
        /** Copies the options. */
        public Ask {
            options = List.copyOf(options);
        }
    }

    /** One value a question offers. */
    public record Option(String value, String description) {
    }

    /**
     * The reading a confirming question asks about ("Just to check: mid-range?"): answer yes, no, or another value.
     *
     * @param value       the value read, or null for no preference
     * @param description what the value means
     * @param confidence  the reading's confidence (below the interpreter's commit threshold)
     */
    @JsonPropertyOrder({"value", "description", "confidence"})
    public record Confirm(String value, String description, double confidence) {
    }

    /** Proceed: every attribute's value and where it came from, and a prompt fragment for an LLM. */
    @JsonPropertyOrder({"type", "reason", "assignments", "prompt"})
    public record Proceed(String type, String reason, List<Assignment> assignments, String prompt) implements Step {
        /** Copies the assignments. */
        public Proceed {
            assignments = List.copyOf(assignments);
        }
    }

    /** One attribute's value at proceed; value and probability are null when there is none. */
    @JsonPropertyOrder({"attribute", "value", "source", "probability"})
    public record Assignment(String attribute, String value, String source, Double probability) {
    }

    /** {@code GET /v1/sessions/{id}/explain}. */
    @JsonPropertyOrder({"cost", "gamma", "posterior", "candidates", "step"})
    public record Explain(double cost, String gamma, List<ClusterProbability> posterior, List<Candidate> candidates,
                          Step step) {
        /** Copies the lists. */
        public Explain {
            posterior = List.copyOf(posterior);
            candidates = List.copyOf(candidates);
        }
    }

    /** One cluster's posterior probability. */
    public record ClusterProbability(String cluster, double probability) {
    }

    /** One askable attribute's expected gain net of the question's cost (null when not finite). */
    public record Candidate(String attribute, Double gain) {
    }

    /** A stored feedback item. */
    @JsonPropertyOrder({"id", "session", "attribute", "value"})
    public record FeedbackReply(String id, String session, String attribute, String value) {
    }

    /** A user's remembered values, domain → attribute → value. */
    public record Profile(String userId, Map<String, Map<String, String>> domains) {
    }

    /** How many remembered values were forgotten. */
    public record Forgotten(String userId, int deleted) {
    }
}
