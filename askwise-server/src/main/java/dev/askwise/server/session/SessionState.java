package dev.askwise.server.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A session's whole state, as stored after every step: what the user asked for, what they stated, answered,
 * declined or were remembered to prefer, the pending question and, while one is open, the reading waiting for the
 * user's confirmation. Immutable: maps keep their insertion order (the order the reply lists them in) and are
 * unmodifiable, so {@code equals} compares contents. {@link SessionStateCodec} stores it; {@link SessionRules} derives
 * the next state from an answer.
 *
 * @param domain     the domain's name
 * @param userId     the remembered user, or null
 * @param cost       the cost of a question, in [0, 100)
 * @param gamma      the welfare's inequality aversion, in [0, 100] or +∞
 * @param request    the first request's text ("" when none)
 * @param stated     attribute → value settled by the request or volunteered in an answer
 * @param remembered attribute → value remembered for the user (never asked unless corrected)
 * @param answered   attribute → value answered to a question
 * @param declined   attributes without a preference (skipped, "don't care", or not understood twice)
 * @param rephrased  attributes already asked once more in other words after an answer that was not understood
 * @param history    the last {@link SessionRules#MAX_HISTORY} turns, oldest first
 * @param questions  questions answered or declined so far (corrections and confirmations do not count)
 * @param pending    the attribute asked last, or null when none is pending
 * @param done       whether the last step was to proceed
 * @param confirming a low-confidence reading waiting for a yes or no, or null
 */
public record SessionState(String domain, String userId, double cost, double gamma, String request,
                           Map<String, String> stated, Map<String, String> remembered, Map<String, String> answered,
                           List<String> declined, List<String> rephrased, List<Turn> history, int questions,
                           String pending, boolean done, Confirmation confirming) {

    /** Copies the collections (unmodifiable, in order) and checks what the constructor can check alone. */
    public SessionState {
        Objects.requireNonNull(domain, "domain");
        request = request == null ? "" : request;
        stated = copy(stated);
        remembered = copy(remembered);
        answered = copy(answered);
        declined = List.copyOf(declined);
        rephrased = List.copyOf(rephrased);
        history = List.copyOf(history);
        if (questions < 0) {
            throw new IllegalArgumentException("questions must be >= 0: " + questions);
        }
        if (confirming != null && !confirming.attribute().equals(pending)) {
            throw new IllegalArgumentException("a confirmation is about the pending attribute '" + pending + "': "
                + confirming.attribute());
        }
    }

    private static Map<String, String> copy(Map<String, String> m) {
        for (Map.Entry<String, String> e : m.entrySet()) {
            Objects.requireNonNull(e.getKey(), "attribute");
            Objects.requireNonNull(e.getValue(), "value of " + e.getKey());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** A new session before its first step. */
    public static SessionState start(String domain, String userId, double cost, double gamma, String request) {
        return new SessionState(domain, userId, cost, gamma, request, Map.of(), Map.of(), Map.of(), List.of(),
            List.of(), List.of(), 0, null, false, null);
    }

    /** The same state under another cost and γ (explain's what-if values). */
    public SessionState withCostAndGamma(double newCost, double newGamma) {
        return new SessionState(domain, userId, newCost, newGamma, request, stated, remembered, answered, declined,
            rephrased, history, questions, pending, done, confirming);
    }

    /** A mutable copy for {@link SessionRules}; {@link Edit#build()} gives the next immutable state. */
    Edit edit() {
        return new Edit(this);
    }

    /** A mutable working copy of a state (package-private: only the rules change a state). */
    static final class Edit {
        final String domain;
        final String userId;
        final double cost;
        final double gamma;
        final String request;
        final Map<String, String> stated;
        final Map<String, String> remembered;
        final Map<String, String> answered;
        final List<String> declined;
        final List<String> rephrased;
        final List<Turn> history;
        int questions;
        String pending;
        boolean done;
        Confirmation confirming;

        private Edit(SessionState s) {
            domain = s.domain;
            userId = s.userId;
            cost = s.cost;
            gamma = s.gamma;
            request = s.request;
            stated = new LinkedHashMap<>(s.stated);
            remembered = new LinkedHashMap<>(s.remembered);
            answered = new LinkedHashMap<>(s.answered);
            declined = new ArrayList<>(s.declined);
            rephrased = new ArrayList<>(s.rephrased);
            history = new ArrayList<>(s.history);
            questions = s.questions;
            pending = s.pending;
            done = s.done;
            confirming = s.confirming;
        }

        SessionState build() {
            return new SessionState(domain, userId, cost, gamma, request, stated, remembered, answered, declined,
                rephrased, history, questions, pending, done, confirming);
        }
    }

    /**
     * One answer as it was given and read.
     *
     * @param attribute      the attribute answered
     * @param text           the text given, or null
     * @param value          the value recorded, or null
     * @param interpretation {@code skipped}, {@code VALUE}, {@code NO_PREFERENCE}, {@code NOT_UNDERSTOOD},
     *                       {@code CONFIRM} (a low-confidence reading to confirm), {@code CONFIRMED},
     *                       {@code REJECTED}, or null for a value given directly
     * @param understood     what the text settled (attribute → value or "no-preference"); empty for no text
     */
    public record Turn(String attribute, String text, String value, String interpretation,
                       Map<String, String> understood) {
        /** Copies the map (unmodifiable, in order). */
        public Turn {
            Objects.requireNonNull(attribute, "attribute");
            understood = copy(understood == null ? Map.of() : understood);
        }
    }

    /**
     * A reading of an answer not confident enough to commit: the session asks "Just to check: ...?" and waits for a
     * yes, a no or another value.
     *
     * @param attribute  the attribute read (always the pending one)
     * @param value      the value read, or null for no preference
     * @param confidence the reading's confidence, in (0, 1)
     */
    public record Confirmation(String attribute, String value, double confidence) {
        /** Checks the range. */
        public Confirmation {
            Objects.requireNonNull(attribute, "attribute");
            if (!(confidence > 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1]: " + confidence);
            }
        }
    }
}
