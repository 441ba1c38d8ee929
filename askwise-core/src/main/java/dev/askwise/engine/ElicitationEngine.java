package dev.askwise.engine;

import dev.askwise.Profile;
import dev.askwise.model.PopulationModel;
import dev.askwise.policy.Objective;
import dev.askwise.policy.Planner;
import dev.askwise.policy.Policies;
import dev.askwise.policy.QueryPolicy;
import dev.askwise.welfare.WelfareFunction;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine an assistant calls on every request: given what the user has said, ask the most valuable next question
 * or stop and fill in the rest, under an explicit question cost and inequality aversion γ, never asking or inferring
 * protected attributes. Immutable and thread-safe; each conversation is a {@link ElicitationSession}.
 *
 * <pre>{@code
 * ElicitationEngine engine = ElicitationEngine.builder(model).cost(0.3).gamma(2).build();
 * ElicitationSession session = engine.start();
 * Step step = session.next();
 * while (step instanceof Step.Ask ask) { step = session.answer(ask.attribute(), userSays(ask)); }
 * }</pre>
 */
public final class ElicitationEngine {

    private final PopulationModel model;
    private final Objective objective;
    private final QueryPolicy policy;
    private final boolean[] neverAsk;
    private final boolean[] neverInfer;

    private ElicitationEngine(Builder b) {
        this.model = b.model;
        int n = model.schema().size();
        WelfareFunction welfare = WelfareFunction.of(b.gamma == null ? 0.0 : b.gamma, b.shift == null ? 1.0 : b.shift);
        this.objective = Objective.of(b.cost == null ? 0.0 : b.cost, welfare, n);
        this.policy = b.policy != null ? b.policy : Policies.create(Planner.NAME, new Policies.Context(n, null, n, 1L, null));
        this.neverAsk = flags(b.neverAsk);
        this.neverInfer = flags(b.neverInfer);
    }

    private boolean[] flags(@Nullable Set<String> names) {
        boolean[] f = new boolean[model.schema().size()];
        if (names != null) {
            for (String name : names) {
                f[model.schema().indexOf(name)] = true;
            }
        }
        return f;
    }

    /** A builder for the given population model. */
    public static Builder builder(PopulationModel model) {
        return new Builder(model);
    }

    /** A new conversation with nothing known. */
    public ElicitationSession start() {
        return start(Profile.empty(model.schema().size()));
    }

    /** A new conversation with what the user already stated (never asked again). */
    public ElicitationSession start(Profile stated) {
        return new ElicitationSession(this, stated, Profile.empty(stated.size()), Profile.empty(stated.size()),
            new boolean[stated.size()], 0);
    }

    /**
     * A conversation restored from storage: values stated in the request, remembered from earlier sessions, and
     * answered here; declined attributes; questions asked so far.
     *
     * @throws IllegalArgumentException if the profiles do not fit the model or overlap
     */
    public ElicitationSession resume(Profile stated, Profile remembered, Profile answered, boolean[] declined,
                                     int questions) {
        return new ElicitationSession(this, stated, remembered, answered, declined, questions);
    }

    public PopulationModel model() {
        return model;
    }

    public Objective objective() {
        return objective;
    }

    public QueryPolicy policy() {
        return policy;
    }

    boolean[] neverAsk() {
        return neverAsk.clone();
    }

    boolean[] neverInfer() {
        return neverInfer.clone();
    }

    /** Builder of {@link ElicitationEngine}; each option may be set once. */
    public static final class Builder {
        private final PopulationModel model;
        private @Nullable Double cost;
        private @Nullable Double gamma;
        private @Nullable Double shift;
        private @Nullable QueryPolicy policy;
        private @Nullable Set<String> neverAsk;
        private @Nullable Set<String> neverInfer;

        private Builder(PopulationModel model) {
            if (model == null) {
                throw new IllegalArgumentException("model must not be null");
            }
            this.model = model;
        }

        private static void requireUnset(@Nullable Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }

        /** Cost of one question in utility units (default 0). */
        public Builder cost(double c) {
            requireUnset(cost, "cost");
            cost = c;
            return this;
        }

        /** Inequality aversion (default 0; {@code Double.POSITIVE_INFINITY} for maximin). */
        public Builder gamma(double g) {
            requireUnset(gamma, "gamma");
            gamma = g;
            return this;
        }

        /** Shift s of the power mean (default 1). */
        public Builder shift(double s) {
            requireUnset(shift, "shift");
            shift = s;
            return this;
        }

        /** The query policy (default {@code engine}: the non-myopic {@link Planner}). */
        public Builder policy(QueryPolicy p) {
            requireUnset(policy, "policy");
            policy = p;
            return this;
        }

        /** Attributes the engine must never ask about. */
        public Builder neverAsk(String... names) {
            requireUnset(neverAsk, "neverAsk");
            neverAsk = Set.of(names);
            return this;
        }

        /** Attributes the engine must never infer: unless the user states them they stay unset. */
        public Builder neverInfer(String... names) {
            requireUnset(neverInfer, "neverInfer");
            neverInfer = Set.of(names);
            return this;
        }

        /**
         * Builds the engine.
         *
         * @throws IllegalArgumentException for an out-of-range cost, gamma or shift, or an unknown attribute name
         */
        public ElicitationEngine build() {
            return new ElicitationEngine(this);
        }
    }
}
