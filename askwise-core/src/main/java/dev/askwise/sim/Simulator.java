package dev.askwise.sim;

import dev.askwise.Profile;
import dev.askwise.audit.AuditAccumulator;
import dev.askwise.audit.AuditReport;
import dev.askwise.audit.UserOutcome;
import dev.askwise.data.Dataset;
import dev.askwise.model.LatentClassModel;
import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.Objective;
import dev.askwise.policy.QueryPolicy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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

    private final LatentClassModel model;
    private final Objective objective;
    private final boolean[] neverAsk;
    private final boolean[] neverInfer;

    public Simulator(LatentClassModel model, Objective objective, boolean[] neverAsk, boolean[] neverInfer) {
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
    public Simulator(LatentClassModel model, Objective objective) {
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
        int chunk = 64;
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
        Profile truth = users.profile(i);
        int n = truth.size();
        ElicitationState state = new ElicitationState(model, objective, Profile.empty(n), 0, neverAsk, neverInfer,
            new boolean[n], truth);
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
        }
        int[] out = policy.response(state);
        if (out == null) {
            out = state.stop().values();
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
}
