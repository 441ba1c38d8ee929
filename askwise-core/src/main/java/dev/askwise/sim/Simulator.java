package dev.askwise.sim;

import dev.askwise.Profile;
import dev.askwise.audit.AuditAccumulator;
import dev.askwise.audit.AuditReport;
import dev.askwise.audit.UserOutcome;
import dev.askwise.data.Dataset;
import dev.askwise.model.PopulationModel;
import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.Objective;
import dev.askwise.policy.QueryPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;

/**
 * Runs a query policy against users whose true preferences are known (held-out real users, or users sampled from a
 * model) and audits the outcome. A simulated user answers from their true profile; where their value is missing they
 * decline (the question still costs). Users run in parallel; the report does not depend on the thread count.
 * Interrupting the calling thread stops the run after the users in progress; the result says how many were simulated.
 */
public final class Simulator {

    /**
     * Users per chunk of a run: each chunk is audited on its own and the chunks' reports are added in order, so a
     * run's report does not depend on the thread count (and a cluster that audits the same chunks gets the same one).
     */
    public static final int CHUNK = 64;

    private final PopulationModel model;
    private final Objective objective;
    private final boolean[] neverAsk;
    private final boolean[] neverInfer;
    /**
     * The best response of each stopped state met so far (it depends on what is known, not on who the user is): at
     * γ &gt; 0 it is an optimisation over responses, and many users stop in the same state — every user of never-ask in
     * the empty one. Bounded; a state beyond the bound is computed each time.
     */
    private final Map<StopKey, int[]> stops = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Most responses kept by {@link #stops}: each entry holds three arrays of one element per attribute (about 11 MB
     * in all at 50 attributes), enough for every state of a SUSHI fold at every budget (at most 1,000 users × 11).
     */
    private static final int STOPS_KEPT = 20_000;

    public Simulator(PopulationModel model, Objective objective, boolean[] neverAsk, boolean[] neverInfer) {
        int n = model.schema().size();
        if (neverAsk.length != n || neverInfer.length != n) {
            throw new IllegalArgumentException("protection flags must have " + n + " entries");
        }
        this.model = model;
        this.objective = objective;
        this.neverAsk = neverAsk.clone();
        this.neverInfer = neverInfer.clone();
    }

    /** A simulator with no protected attributes. */
    public Simulator(PopulationModel model, Objective objective) {
        this(model, objective, new boolean[model.schema().size()], new boolean[model.schema().size()]);
    }

    /** The outcome of a run: the audit, the manifest, and whether every user was simulated. */
    public record Result(AuditReport report, RunManifest manifest, boolean complete) {
    }

    /**
     * Simulates every user of the dataset.
     *
     * @param progress called with the number of users finished so far (may be null)
     */
    public Result run(QueryPolicy policy, Dataset users, long seed, Map<String, String> parameters,
                      LongConsumer progress) {
        if (!users.schema().equals(model.schema())) {
            throw new IllegalArgumentException("users' schema differs from the model's");
        }
        int chunk = CHUNK;
        int chunks = (users.size() + chunk - 1) / chunk;
        AuditReport[] parts = new AuditReport[chunks];
        AtomicLong done = new AtomicLong();
        Thread caller = Thread.currentThread();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            AuditAccumulator acc = new AuditAccumulator();
            for (int i = c * chunk; i < Math.min(users.size(), (c + 1) * chunk); i++) {
                if (caller.isInterrupted()) {
                    break;
                }
                acc.record(simulate(policy, users, i));
                long d = done.incrementAndGet();
                if (progress != null) {
                    progress.accept(d);
                }
            }
            parts[c] = acc.snapshot();
        });
        AuditReport total = new AuditAccumulator().snapshot();
        for (AuditReport p : parts) {
            total = total.plus(p);
        }
        RunManifest manifest = new RunManifest(policy.name(), parameters, seed, users.sha256(), RunManifest.VERSION);
        return new Result(total, manifest, total.users() == users.size());
    }

    /** One user's conversation and outcome. */
    public UserOutcome simulate(QueryPolicy policy, Dataset users, int i) {
        List<ElicitationState> states = conversation(policy, users.profile(i));
        return outcome(policy, users, i, states.get(states.size() - 1));
    }

    /**
     * The outcomes of the same conversation cut after 0, 1, …, n questions: element k is what the user gets when the
     * policy may ask at most k questions (a budget does not change which questions come first). Beyond the policy's
     * own stop the outcome repeats.
     */
    public List<UserOutcome> simulateBudgets(QueryPolicy policy, Dataset users, int i) {
        List<ElicitationState> states = conversation(policy, users.profile(i));
        int n = users.schema().size();
        List<UserOutcome> out = new ArrayList<>(n + 1);
        for (int k = 0; k <= n; k++) {
            out.add(k < states.size() ? outcome(policy, users, i, states.get(k)) : out.get(k - 1)); // the same state
        }
        return out;
    }

    /** The states after 0, 1, … questions until the policy stops. */
    private List<ElicitationState> conversation(QueryPolicy policy, Profile truth) {
        int n = truth.size();
        ElicitationState state = new ElicitationState(model, objective, Profile.empty(n), 0, neverAsk, neverInfer,
            new boolean[n], truth);
        List<ElicitationState> states = new ArrayList<>();
        states.add(state);
        for (int step = 0; step <= n; step++) {
            Decision d = policy.decide(state);
            if (!(d instanceof Decision.Ask ask)) {
                break;
            }
            int a = ask.attribute();
            if (!state.askable(a)) {
                throw new IllegalStateException("policy " + policy.name() + " asked a non-askable attribute " + a);
            }
            state = truth.isKnown(a) ? state.answered(a, truth.value(a)) : state.declined(a);
            states.add(state);
        }
        return states;
    }

    private UserOutcome outcome(QueryPolicy policy, Dataset users, int i, ElicitationState state) {
        Profile truth = users.profile(i);
        int n = truth.size();
        int[] out = policy.response(state);
        if (out == null) {
            out = stopValues(state);
        }
        boolean[] scored = state.scored();
        int counted = 0;
        int mistakes = 0;
        for (int a = 0; a < n; a++) {
            if (scored[a] && truth.isKnown(a)) {
                counted++;
                if (!state.known().isKnown(a) && out[a] != truth.value(a)) {
                    mistakes++;
                }
            }
        }
        double utility = counted - mistakes - objective.cost() * state.questions();
        Map<String, String> groups = new HashMap<>();
        for (String cov : users.covariateNames()) {
            groups.put(cov, users.covariate(cov, i));
        }
        return new UserOutcome(utility, state.questions(), Arrays.toString(out), groups);
    }

    /** {@code state.stop().values()}, remembered per state (see {@link #stops}). */
    private int[] stopValues(ElicitationState state) {
        StopKey key = new StopKey(state.known(), state.questions(), state.unanswerable());
        int[] values = stops.get(key);
        if (values == null) {
            values = Objects.requireNonNull(state.stop().values(), "a stop has values");
            if (stops.size() < STOPS_KEPT) {
                stops.putIfAbsent(key, values); // two threads computing one state compute the same response
            }
        }
        return values;
    }

    /** What a stop depends on beyond the simulator's model, objective and protected attributes. */
    private static final class StopKey {
        final Profile known;
        final int questions;
        final boolean[] declined;
        final int hash;

        StopKey(Profile known, int questions, boolean[] declined) {
            this.known = known;
            this.questions = questions;
            this.declined = declined;
            this.hash = 31 * (31 * known.hashCode() + questions) + Arrays.hashCode(declined);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StopKey k && k.questions == questions && k.known.equals(known)
                && Arrays.equals(k.declined, declined);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Audits of every budget k = 0..n of one policy over all users (one conversation per user, cut at each k).
     *
     * @return element k is the audit with at most k questions
     */
    public List<AuditReport> runBudgets(QueryPolicy policy, Dataset users, LongConsumer progress) {
        int n = users.schema().size();
        int chunk = CHUNK;
        int chunks = (users.size() + chunk - 1) / chunk;
        List<List<AuditReport>> parts = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            parts.add(null);
        }
        AtomicLong done = new AtomicLong();
        Thread caller = Thread.currentThread();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            List<AuditAccumulator> acc = new ArrayList<>();
            for (int k = 0; k <= n; k++) {
                acc.add(new AuditAccumulator());
            }
            for (int i = c * chunk; i < Math.min(users.size(), (c + 1) * chunk); i++) {
                if (caller.isInterrupted()) {
                    break;
                }
                List<UserOutcome> o = simulateBudgets(policy, users, i);
                for (int k = 0; k <= n; k++) {
                    acc.get(k).record(o.get(k));
                }
                long d = done.incrementAndGet();
                if (progress != null) {
                    progress.accept(d);
                }
            }
            List<AuditReport> snap = new ArrayList<>();
            for (AuditAccumulator a : acc) {
                snap.add(a.snapshot());
            }
            parts.set(c, snap);
        });
        List<AuditReport> total = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            AuditReport r = new AuditAccumulator().snapshot();
            for (List<AuditReport> p : parts) {
                r = r.plus(p.get(k));
            }
            total.add(r);
        }
        return total;
    }
}
