package dev.askwise.server.session;

import dev.askwise.dialogue.Domain;
import dev.askwise.engine.Step;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the user and the client read: the engine's steps in the domain's words (questions, options, why, the prompt
 * fragment at proceed), the question asked again in other words, and the confirming question for a reading the
 * interpreter was not sure of. No decisions are made here. Stateless.
 */
final class Wording {

    private Wording() {
    }

    static Replies.SessionView view(String id, SessionState s) {
        return new Replies.SessionView(id, s.domain(), s.userId(), s.cost(), WelfareFunction.formatGamma(s.gamma()),
            s.questions(), s.stated(), s.remembered(), s.answered(), s.declined(), s.done());
    }

    private static List<Replies.Option> options(Domain.AttributeSpec spec) {
        List<Replies.Option> out = new ArrayList<>(spec.values().size());
        for (Domain.Value v : spec.values()) {
            out.add(new Replies.Option(v.name(), v.description()));
        }
        return out;
    }

    /** The engine's step in the domain's words. */
    static Replies.Step step(Domain d, SessionState s, Step step) {
        if (step instanceof Step.Ask ask) {
            Domain.AttributeSpec spec = d.attribute(ask.attribute());
            boolean finite = Double.isFinite(ask.gain());
            return new Replies.Ask("ask", ask.attribute(), spec.question(), options(spec), finite ? ask.gain() : null,
                s.cost(), null, null, finite ? String.format(Locale.ROOT, "asking is expected to gain %.3f utility "
                + "net of the question's cost %s (gamma %s)", ask.gain(), Double.toString(s.cost()),
                WelfareFunction.formatGamma(s.gamma())) : "the policy asks this next");
        }
        Step.Proceed p = (Step.Proceed) step;
        List<Replies.Assignment> list = new ArrayList<>();
        List<String> known = new ArrayList<>();
        List<String> inferred = new ArrayList<>();
        for (Step.Assignment a : p.assignments()) {
            list.add(new Replies.Assignment(a.attribute(), a.value(), a.source().name().toLowerCase(Locale.ROOT),
                Double.isFinite(a.probability()) ? a.probability() : null));
            if (a.value() != null) {
                Domain.AttributeSpec spec = d.attribute(a.attribute());
                String desc = spec.values().get(spec.indexOf(a.value())).description();
                boolean isInferred = a.source() == Step.Source.INFERRED;
                (isInferred ? inferred : known).add(a.attribute() + ": " + desc + (isInferred
                    ? String.format(Locale.ROOT, " (inferred, p = %.2f)", a.probability()) : ""));
            }
        }
        String prompt = "The user's preferences for this " + d.name() + " request. Stated or answered: "
            + (known.isEmpty() ? "none" : String.join("; ", known)) + ". Inferred: "
            + (inferred.isEmpty() ? "none" : String.join("; ", inferred))
            + ". Respect stated and answered preferences exactly; treat inferred ones as defaults.";
        return new Replies.Proceed("proceed", p.reason(), list, prompt);
    }

    /** The question once more in other words, after an answer that was not understood. */
    static Replies.Ask rephrase(Domain.AttributeSpec spec) {
        String question = "Sorry, I did not catch that. " + (spec.yesNo() != null ? spec.yesNo().question()
            : "Which fits best: " + String.join(", ", spec.values().stream().map(Domain.Value::description)
            .toList()) + "?");
        return new Replies.Ask("ask", spec.name(), question, options(spec), null, null, true, null,
            "the previous answer was not understood; asking once more in other words");
    }

    /** "Just to check: mid-range?" — the reading the interpreter was not sure of, to confirm or correct. */
    static Replies.Ask confirm(Domain.AttributeSpec spec, SessionState.Confirmation c) {
        String what;
        String description;
        if (c.value() == null) {
            what = "no preference about " + spec.name();
            description = "no preference";
        } else {
            Domain.Value v = spec.values().get(spec.indexOf(c.value()));
            what = v.synonyms().isEmpty() ? v.description() : v.synonyms().get(0);
            description = v.description();
        }
        return new Replies.Ask("ask", spec.name(), "Just to check: " + what + "?", options(spec), null, null, null,
            new Replies.Confirm(c.value(), description, c.confidence()), String.format(Locale.ROOT, "the answer was "
            + "read as %s with confidence %.2f, below %.2f: confirming before using it (answer yes, no, or another "
            + "value)", c.value() == null ? "no preference" : c.value(), c.confidence(),
            dev.askwise.dialogue.Understanding.CONFIDENT));
    }
}
