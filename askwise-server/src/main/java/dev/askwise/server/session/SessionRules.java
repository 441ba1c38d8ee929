package dev.askwise.server.session;

import dev.askwise.dialogue.Domain;
import dev.askwise.dialogue.Understanding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How an answer changes a session: a value sets the attribute (a correction when it was already known, which does not
 * count as a question), a skip or "no preference" declines it, a text is applied through its {@link Understanding}
 * (readings of other attributes are volunteered information), an answer not understood is asked once more in other
 * words and then declined, and a reading below {@link Understanding#CONFIDENT} of the pending question is held for
 * confirmation ("Just to check: mid-range?") instead of being used or dropped. Pure: no storage, no wording, no
 * engine. Not thread-safe (it works on one {@link SessionState.Edit}).
 */
final class SessionRules {

    /** Turns kept in a session's history (older turns are dropped; the answers themselves are kept). */
    static final int MAX_HISTORY = 50;

    /** Replies that accept a reading held for confirmation (after lower-casing and dropping punctuation). */
    static final Set<String> YES = Set.of("yes", "y", "yeah", "yep", "yup", "yes please", "sure", "correct", "right",
        "exactly", "that's right", "thats right", "that is right", "ok", "okay", "indeed", "absolutely", "definitely",
        "that's it", "thats it", "yes that's right", "yes exactly", "yes correct", "uh huh", "confirmed");
    /** Replies that reject it (the question is asked again). */
    static final Set<String> NO = Set.of("no", "n", "nope", "nah", "not really", "no thanks", "wrong", "not quite",
        "incorrect", "not that", "no that's wrong", "no it isn't", "no it's not", "that's wrong", "not at all");

    /** What the step after an answer is. */
    enum Next {
        /** Ask the engine for the next step. */
        DECIDE,
        /** Ask the same question again in other words (the answer was not understood). */
        REPHRASE,
        /** Ask the user to confirm the reading held in {@link SessionState#confirming()}. */
        CONFIRM
    }

    private SessionRules() {
    }

    /** Whether the attribute already has a value or a declined preference from the user (answering it corrects). */
    static boolean known(SessionState s, String attribute) {
        return s.answered().containsKey(attribute) || s.stated().containsKey(attribute)
            || s.remembered().containsKey(attribute);
    }

    /** Adds a turn, dropping the oldest beyond {@link #MAX_HISTORY}. */
    static void record(SessionState.Edit s, SessionState.Turn turn) {
        while (s.history.size() >= MAX_HISTORY) {
            s.history.remove(0);
        }
        s.history.add(turn);
    }

    /** Sets the attribute to the value; counts a question unless it corrects an earlier value. */
    static void set(SessionState.Edit s, String attribute, String value, boolean correction) {
        s.stated.remove(attribute);
        s.remembered.remove(attribute);
        s.answered.put(attribute, value);
        s.declined.removeIf(attribute::equals);
        s.confirming = null;
        if (!correction) {
            s.questions++;
        }
    }

    /** Declines the attribute (no preference); counts a question unless it corrects an earlier value. */
    static void decline(SessionState.Edit s, String attribute, boolean correction) {
        s.stated.remove(attribute);
        s.remembered.remove(attribute);
        s.answered.remove(attribute);
        s.declined.removeIf(attribute::equals);
        s.declined.add(attribute);
        s.confirming = null;
        if (!correction) {
            s.questions++;
        }
    }

    /** Settles the attribute as the reading says: its value, or declined for no preference. */
    private static void settle(SessionState.Edit s, String attribute, String valueOrNull, boolean correction) {
        if (valueOrNull == null) {
            decline(s, attribute, correction);
        } else {
            set(s, attribute, valueOrNull, correction);
        }
    }

    /**
     * Information volunteered for an attribute that was not asked ("and downtown"): stated, or declined for no
     * preference, without counting a question, when the reading is confident and the user has not already said
     * something about it. A reading the interpreter is not sure of is dropped (the attribute may be asked later).
     */
    static void volunteer(SessionState.Edit s, Understanding.Reading r) {
        String a = r.attribute();
        if (!r.confident() || s.answered.containsKey(a) || s.stated.containsKey(a) || s.declined.contains(a)) {
            return;
        }
        s.remembered.remove(a);
        if (r.noPreference()) {
            s.declined.add(a);
        } else {
            s.stated.put(a, r.value());
        }
    }

    /**
     * Applies a text answer to the attribute, as the interpreter understood it.
     *
     * @param pending whether the attribute is the pending question (only those readings are held for confirmation;
     *                a correction of an earlier answer commits what is read)
     */
    static Next text(SessionState.Edit s, String attribute, String text, Understanding u, boolean correction,
                     boolean pending) {
        Map<String, String> understood = u.understood();
        if (pending && s.confirming != null && s.confirming.attribute().equals(attribute)) {
            return resolve(s, attribute, text, u, understood);
        }
        s.confirming = null;
        for (Understanding.Reading r : u.readings()) {
            if (!r.attribute().equals(attribute)) {
                volunteer(s, r); // "mid-range and downtown is great": both, one question
            }
        }
        Understanding.Reading in = u.reading(attribute).orElse(null);
        if (in != null && pending && !correction && !in.confident()) {
            s.confirming = new SessionState.Confirmation(attribute, in.value(), in.confidence());
            record(s, new SessionState.Turn(attribute, text, null, "CONFIRM", understood));
            return Next.CONFIRM;
        }
        if (in != null) {
            record(s, new SessionState.Turn(attribute, text, in.value(), in.noPreference() ? "NO_PREFERENCE" : "VALUE",
                understood));
            settle(s, attribute, in.value(), correction);
            return Next.DECIDE;
        }
        record(s, new SessionState.Turn(attribute, text, null, "NOT_UNDERSTOOD", understood));
        if (!s.rephrased.contains(attribute) && !correction) {
            s.rephrased.add(attribute);
            return Next.REPHRASE;
        }
        decline(s, attribute, correction); // understood neither time: move on
        return Next.DECIDE;
    }

    /**
     * The reply to "Just to check: X?": yes (or X again) commits X; no drops it and the question is asked again; a
     * confident other reading is used instead; another unsure reading is held for confirmation in its place;
     * anything else is taken as no.
     */
    private static Next resolve(SessionState.Edit s, String attribute, String text, Understanding u,
                                Map<String, String> understood) {
        SessionState.Confirmation c = s.confirming;
        String reply = normalise(text);
        if (YES.contains(reply)) {
            record(s, new SessionState.Turn(attribute, text, c.value(), "CONFIRMED", understood));
            settle(s, attribute, c.value(), false);
            return Next.DECIDE;
        }
        Understanding.Reading in = NO.contains(reply) ? null : u.reading(attribute).orElse(null);
        if (in != null && java.util.Objects.equals(in.value(), c.value())) { // said again: as good as yes
            record(s, new SessionState.Turn(attribute, text, c.value(), "CONFIRMED", understood));
            settle(s, attribute, c.value(), false);
            return Next.DECIDE;
        }
        if (in != null && in.confident()) {
            record(s, new SessionState.Turn(attribute, text, in.value(), in.noPreference() ? "NO_PREFERENCE" : "VALUE",
                understood));
            settle(s, attribute, in.value(), false);
            return Next.DECIDE;
        }
        if (in != null) {
            s.confirming = new SessionState.Confirmation(attribute, in.value(), in.confidence());
            record(s, new SessionState.Turn(attribute, text, null, "CONFIRM", understood));
            return Next.CONFIRM;
        }
        s.confirming = null;
        record(s, new SessionState.Turn(attribute, text, null, "REJECTED", understood));
        return Next.DECIDE;
    }

    private static final List<String> AUXILIARIES = List.of("do ", "does ", "did ", "are ", "is ", "should ", "would ",
        "will ", "can ", "could ", "have ", "has ", "shall ", "may ");

    /**
     * A bare "yes" or "no" answers a yes/no question, not "What is your price range?" or "downtown or somewhere
     * quieter?": when the question just asked (the attribute's own wording, not yet rephrased in its yes/no form) is
     * not a yes/no question, such a reading of the asked attribute is dropped, so the session asks again in the yes/no
     * form ("Sorry, I did not catch that. Are you looking for a budget hotel?") instead of guessing.
     */
    static Understanding withoutBareYesNo(Understanding u, Domain.AttributeSpec spec, boolean openQuestionAsked) {
        String q = spec.question().toLowerCase(Locale.ROOT);
        boolean yesNoQuestion = AUXILIARIES.stream().anyMatch(q::startsWith) && !q.contains(" or ");
        String reply = normalise(u.text());
        if (!openQuestionAsked || yesNoQuestion || !(YES.contains(reply) || NO.contains(reply))) {
            return u;
        }
        List<Understanding.Reading> kept = new java.util.ArrayList<>();
        for (Understanding.Reading r : u.readings()) {
            if (!(r.attribute().equals(spec.name()) && r.source().startsWith("bare"))) {
                kept.add(r);
            }
        }
        return new Understanding(u.text(), kept);
    }

    /** Lower case, punctuation dropped, spaces collapsed ("Yes!" → "yes", "That's right." → "that's right"). */
    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[^\\p{L}\\p{N}' ]+", " ")
            .replaceAll("\\s+", " ").strip();
    }
}
