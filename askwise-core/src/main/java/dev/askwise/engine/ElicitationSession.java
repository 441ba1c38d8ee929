package dev.askwise.engine;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.Responder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One conversation: {@link #next()} says what to do, {@link #answer} and {@link #decline} record the user's reply.
 * Not thread-safe; callers serialise access to one session.
 */
public final class ElicitationSession {

    private final ElicitationEngine engine;
    private final Profile stated;
    private final Profile remembered;
    private ElicitationState state;

    ElicitationSession(ElicitationEngine engine, Profile stated, Profile remembered, Profile answered,
                       boolean[] declined, int questions) {
        this.engine = engine;
        Schema schema = engine.model().schema();
        for (Profile p : new Profile[] {stated, remembered, answered}) {
            if (p.size() != schema.size()) {
                throw new IllegalArgumentException("profile has " + p.size() + " attributes, model " + schema.size());
            }
        }
        if (declined.length != schema.size()) {
            throw new IllegalArgumentException("declined has " + declined.length + " entries, model " + schema.size());
        }
        if (questions < 0) {
            throw new IllegalArgumentException("questions must be >= 0: " + questions);
        }
        int[] known = new int[schema.size()];
        for (int a = 0; a < known.length; a++) {
            int[] sources = {stated.value(a), remembered.value(a), answered.value(a)};
            known[a] = Profile.UNKNOWN;
            for (int v : sources) {
                if (v != Profile.UNKNOWN) {
                    if (known[a] != Profile.UNKNOWN) {
                        throw new IllegalArgumentException("'" + schema.get(a).name() + "' is given twice");
                    }
                    known[a] = v;
                }
            }
        }
        this.stated = stated;
        this.remembered = remembered;
        this.state = new ElicitationState(engine.model(), engine.objective(), Profile.of(schema, known), questions,
            engine.neverAsk(), engine.neverInfer(), declined, null);
    }

    /** The current state (for explanations and simulations). */
    public ElicitationState state() {
        return state;
    }

    /** Questions asked so far. */
    public int questions() {
        return state.questions();
    }

    /** Values revealed by answers in this session (not stated, not remembered). */
    public Profile answered() {
        int[] v = state.known().toArray();
        for (int a = 0; a < v.length; a++) {
            if (stated.isKnown(a) || remembered.isKnown(a)) {
                v[a] = Profile.UNKNOWN;
            }
        }
        return Profile.ofUnchecked(v);
    }

    /** The next step: a question, or the final specification. */
    public Step next() {
        Decision d = engine.policy().decide(state);
        if (d instanceof Decision.Ask ask) {
            Attribute attr = engine.model().schema().get(ask.attribute());
            return new Step.Ask(attr.name(), attr.values(), ask.gain());
        }
        return proceed(((Decision.Stop) d).reason());
    }

    /** Records the answer to the attribute (by value label) and returns the next step. */
    public Step answer(String attribute, String value) {
        Schema schema = engine.model().schema();
        int a = schema.indexOf(attribute);
        return answer(a, schema.get(a).indexOf(value));
    }

    /** Records the answer (by value index) and returns the next step. */
    public Step answer(int attribute, int value) {
        Attribute attr = engine.model().schema().get(attribute);
        if (value < 0 || value >= attr.size()) {
            throw new IllegalArgumentException("value of '" + attr.name() + "' must be in [0, " + (attr.size() - 1)
                + "]: " + value);
        }
        if (state.known().isKnown(attribute)) {
            throw new IllegalStateException("'" + attr.name() + "' is already known");
        }
        state = state.answered(attribute, value);
        return next();
    }

    /** The user declined to answer (no preference): it costs a question and the attribute is not asked again. */
    public Step decline(String attribute) {
        int a = engine.model().schema().indexOf(attribute);
        state = state.declined(a);
        return next();
    }

    private Step.Proceed proceed(String reason) {
        Schema schema = engine.model().schema();
        int[] policyOut = engine.policy().response(state);
        Responder.Response r = policyOut == null ? state.stop() : null;
        int[] values = policyOut != null ? policyOut
            : Objects.requireNonNull(Objects.requireNonNull(r, "stopped: the policy has no output").values(),
                "a stop has values");
        List<Step.Assignment> out = new ArrayList<>();
        for (int a = 0; a < schema.size(); a++) {
            Attribute attr = schema.get(a);
            if (stated.isKnown(a)) {
                out.add(new Step.Assignment(attr.name(), attr.values().get(stated.value(a)), Step.Source.STATED, 1));
            } else if (remembered.isKnown(a)) {
                out.add(new Step.Assignment(attr.name(), attr.values().get(remembered.value(a)),
                    Step.Source.REMEMBERED, 1));
            } else if (state.known().isKnown(a)) {
                out.add(new Step.Assignment(attr.name(), attr.values().get(state.known().value(a)),
                    Step.Source.ANSWERED, 1));
            } else if (state.isDeclined(a)) {
                out.add(new Step.Assignment(attr.name(), null, Step.Source.DECLINED, Double.NaN));
            } else if (state.isNeverInfer(a) || values[a] == Profile.UNKNOWN) {
                out.add(new Step.Assignment(attr.name(), null, Step.Source.WITHHELD, Double.NaN));
            } else {
                double p = engine.model().predictive(state.posterior(), a)[values[a]];
                out.add(new Step.Assignment(attr.name(), attr.values().get(values[a]), Step.Source.INFERRED, p));
            }
        }
        return new Step.Proceed(out, reason);
    }
}
