package dev.askwise.spark;

import dev.askwise.audit.AuditAccumulator;
import dev.askwise.audit.AuditReport;
import dev.askwise.data.Dataset;
import dev.askwise.model.LatentClassModel;
import dev.askwise.policy.Objective;
import dev.askwise.policy.Policies;
import dev.askwise.policy.QueryPolicy;
import dev.askwise.sim.Simulator;
import dev.askwise.welfare.WelfareFunction;
import java.util.Collections;
import java.util.List;

/**
 * Policy simulation and audit over {@link SparkUsers}: the model travels as its JSON, each partition builds the policy
 * by name ({@link Policies}: policies that need training data, such as infogain-tree, are refused), simulates its
 * users with the local {@link Simulator} and returns an {@link AuditAccumulator}; the driver merges them in partition
 * order. The report equals the local {@code Simulator.run} of the same users and policy (counts and histograms exactly,
 * group utility sums up to the rounding of the addition order).
 */
public final class SparkAudit {

    private SparkAudit() {
    }

    /**
     * Audits a policy.
     *
     * @param maxQuestions the budget k of the budgeted baselines (random, fixed-order)
     * @throws IllegalArgumentException for an unknown policy or one that needs training data, or a schema mismatch
     */
    public static AuditReport audit(SparkUsers users, LatentClassModel model, String policy, double cost,
                                    WelfareFunction welfare, int maxQuestions, long seed) {
        if (!users.schema().equals(model.schema())) {
            throw new IllegalArgumentException("users' schema differs from the model's");
        }
        int attrs = model.schema().size();
        Policies.create(policy, new Policies.Context(attrs, null, maxQuestions, seed, null)); // fail fast, on the driver
        String json = model.toJson();
        double gamma = welfare.gamma();
        double shift = welfare.shift();
        List<String> covs = users.covariateNames();
        List<AuditAccumulator> parts = users.blocks().mapPartitions(it -> {
            LatentClassModel m = LatentClassModel.fromJson(json);
            QueryPolicy p = Policies.create(policy, new Policies.Context(attrs, null, maxQuestions, seed, null));
            Simulator simulator = new Simulator(m, Objective.of(cost, WelfareFunction.of(gamma, shift), attrs));
            AuditAccumulator acc = new AuditAccumulator();
            while (it.hasNext()) {
                Block b = it.next();
                Dataset d = SparkCompare.dataset(m, b, covs);
                for (int i = 0; i < b.rows; i++) {
                    acc.record(simulator.simulate(p, d, i));
                }
            }
            return Collections.singletonList(acc).iterator();
        }).collect();
        AuditAccumulator total = new AuditAccumulator();
        parts.forEach(total::merge);
        return total.snapshot();
    }
}
