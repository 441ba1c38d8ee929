package dev.askwise.sim;

import dev.askwise.audit.AuditReport;
import dev.askwise.data.Dataset;
import dev.askwise.fit.FitOptions;
import dev.askwise.math.LogMath;
import dev.askwise.fit.ExemplarFitter;
import dev.askwise.fit.FamilySelection;
import dev.askwise.model.ExemplarModel;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.PopulationModel;
import dev.askwise.policy.InfoGainTree;
import dev.askwise.policy.Objective;
import dev.askwise.policy.Policies;
import dev.askwise.policy.QueryPolicy;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Compares query policies on held-out users by k-fold cross-validation: per fold a population model (the family and
 * size chosen by held-out log-likelihood on the first fold, {@link FamilySelection}) and the paper's
 * information-gain tree are fitted on the training users, and every policy is simulated on the held-out users for
 * every γ. The tree is also run at every budget k = 0..n (its frontier), so that other policies can be compared with
 * it at the same mean number of questions. Held-out users are grouped by their most likely latent cluster (under the
 * fold's model) and by the data's covariates.
 */
public final class PolicyComparison {

    private PolicyComparison() {
    }

    /**
     * Settings of a comparison.
     *
     * @param clusters K of a latent-class model; 0 chooses K in [1, 8] on the first fold's training users
     * @param family   the population-model family: auto (chosen by held-out log-likelihood on the first fold's
     *                 training users), latent-class or exemplar
     */
    public record Options(List<String> policies, double cost, double[] gammas, int folds, int clusters, long seed,
                          FamilySelection.Family family) {
        /** Options with the family chosen automatically. */
        public Options(List<String> policies, double cost, double[] gammas, int folds, int clusters, long seed) {
            this(policies, cost, gammas, folds, clusters, seed, FamilySelection.Family.AUTO);
        }

        /** Validates. */
        public Options {
            policies = List.copyOf(policies);
            if (family == null) {
                throw new IllegalArgumentException("family must not be null");
            }
            for (String p : policies) {
                if (!Policies.known(p)) {
                    throw new IllegalArgumentException("unknown policy '" + p + "'; known: "
                        + String.join(", ", Policies.NAMES));
                }
            }
            if (!(cost >= 0.0 && cost < 1.0)) {
                throw new IllegalArgumentException("cost must be in [0, 1): " + cost);
            }
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2: " + folds);
            }
            if (clusters < 0) {
                throw new IllegalArgumentException("clusters must be >= 0 (0 = choose by BIC): " + clusters);
            }
            gammas = gammas.clone();
        }
    }

    /** A policy's pooled held-out audit at one γ (for the tree frontier, the policy is {@code infogain-tree@k}). */
    public record Row(String policy, double gamma, AuditReport report) {
    }

    /**
     * Everything a report needs.
     *
     * @param frontier    the tree at every budget k = 0..n ({@code infogain-tree@k}; its decisions do not depend on γ)
     * @param voiFrontier VOI cut at every budget k = 0..n, per γ ({@code voi@k})
     */
    public record Result(List<Row> rows, List<Row> frontier, List<Row> voiFrontier, int clusters, long users,
                         String dataHash, boolean complete, String family, List<FamilySelection.Candidate> models) {
        /** Copies the lists. */
        public Result {
            models = List.copyOf(models);
            rows = List.copyOf(rows);
            frontier = List.copyOf(frontier);
            voiFrontier = List.copyOf(voiFrontier);
        }

        /** VOI's budget frontier at γ. */
        public List<Row> voiFrontier(double gamma) {
            return voiFrontier.stream().filter(r -> r.gamma() == gamma).toList();
        }

        /** The row of a policy at γ. */
        public Row row(String policy, double gamma) {
            return rows.stream().filter(r -> r.policy().equals(policy) && r.gamma() == gamma).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row for " + policy + " at gamma " + gamma));
        }
    }

    /** Runs the comparison; progress receives the number of simulated conversations so far. */
    public static Result run(Dataset data, Options o, LongConsumer progress) {
        int n = data.schema().size();
        int[] assignment = data.folds(o.folds(), o.seed());
        Map<String, AuditReport> pooled = new LinkedHashMap<>();
        Map<String, AuditReport> frontier = new LinkedHashMap<>();
        Map<String, AuditReport> voiFrontier = new LinkedHashMap<>();
        int clusters = o.clusters();
        AtomicLong done = new AtomicLong();
        LongConsumer tick = x -> {
            long d = done.incrementAndGet();
            if (progress != null) {
                progress.accept(d);
            }
        };
        boolean complete = true;
        FamilySelection.Family family = o.family();
        List<FamilySelection.Candidate> models = List.of();
        for (int f = 0; f < o.folds() && complete; f++) {
            Dataset train = data.subset(Dataset.indices(assignment, f, true));
            Dataset test = data.subset(Dataset.indices(assignment, f, false));
            FitOptions fit = FitOptions.builder().clusters(Math.max(1, clusters)).restarts(3).seed(o.seed() + f)
                .build();
            FamilySelection.Options select = new FamilySelection.Options(family, 8, clusters, 0.2, fit,
                ExemplarFitter.Options.defaults());
            FamilySelection.Selection chosen = FamilySelection.select(train, select);
            PopulationModel model = chosen.model();
            if (f == 0) { // the first fold chooses the family and K; the other folds refit that choice
                models = chosen.candidates();
                family = model instanceof ExemplarModel ? FamilySelection.Family.EXEMPLAR
                    : FamilySelection.Family.LATENT_CLASS;
                clusters = model instanceof LatentClassModel lc ? lc.clusters() : 0;
            }
            if (model instanceof LatentClassModel lc) {
                test = test.withCovariate("cluster", mapClusters(lc, test));
            }
            InfoGainTree tree = InfoGainTree.train(train, n, 2);
            TreeCurve trainCurve = TreeCurve.inSample(train);
            for (int k = 0; k <= n && complete; k++) {
                Simulator sim = new Simulator(model, Objective.of(o.cost(), WelfareFunction.utilitarian(), n));
                Simulator.Result r = sim.run(tree.withMaxQuestions(k), test, o.seed(), Map.of(), tick);
                frontier.merge("infogain-tree@" + k, r.report(), AuditReport::plus);
                complete = r.complete();
            }
            for (double gamma : o.gammas()) {
                WelfareFunction w = WelfareFunction.of(gamma);
                Objective objective = Objective.of(o.cost(), w, n);
                Simulator sim = new Simulator(model, objective);
                int treeK = trainCurve.optimalK(o.cost(), w);
                for (String name : o.policies()) {
                    QueryPolicy policy = name.equals("infogain-tree") ? tree.withMaxQuestions(treeK)
                        : Policies.create(name, new Policies.Context(n, train, Math.max(1, treeK), o.seed(),
                            entropyOrder(model)));
                    if (name.equals("voi")) {
                        // one conversation per user, cut at every budget: the last budget is the policy itself
                        List<AuditReport> budgets = sim.runBudgets(policy, test, tick);
                        for (int k = 0; k <= n; k++) {
                            voiFrontier.merge(gamma + "|" + k, budgets.get(k), AuditReport::plus);
                        }
                        pooled.merge(name + "|" + gamma, budgets.get(n), AuditReport::plus);
                        complete &= budgets.get(n).users() == test.size();
                        continue;
                    }
                    Simulator.Result r = sim.run(policy, test, o.seed(), Map.of("cost", Double.toString(o.cost()),
                        "gamma", WelfareFunction.formatGamma(gamma)), tick);
                    pooled.merge(name + "|" + gamma, r.report(), AuditReport::plus);
                    complete &= r.complete();
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (double gamma : o.gammas()) {
            for (String name : o.policies()) {
                AuditReport r = pooled.get(name + "|" + gamma);
                if (r != null) {
                    rows.add(new Row(name, gamma, r));
                }
            }
        }
        List<Row> front = new ArrayList<>();
        frontier.forEach((k, v) -> front.add(new Row(k, Double.NaN, v)));
        List<Row> voiFront = new ArrayList<>();
        for (double gamma : o.gammas()) {
            for (int k = 0; k <= n; k++) {
                AuditReport r = voiFrontier.get(gamma + "|" + k);
                if (r != null) {
                    voiFront.add(new Row("voi@" + k, gamma, r));
                }
            }
        }
        return new Result(rows, front, voiFront, clusters, data.size(), data.sha256(), complete,
            family == FamilySelection.Family.EXEMPLAR ? "exemplar" : "latent-class", models);
    }

    /** Each user's most likely cluster given their whole (known) profile. */
    static List<String> mapClusters(LatentClassModel model, Dataset users) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            double[] post = model.posterior(users.profile(i), LatentClassModel.missingMask(users.profile(i)));
            int best = 0;
            for (int z = 1; z < post.length; z++) {
                if (post[z] > post[best]) {
                    best = z;
                }
            }
            out.add(String.format(Locale.ROOT, "c%d", best));
        }
        return out;
    }

    /** Attributes by descending marginal entropy under the model (most uncertain first), for fixed-order. */
    static int[] entropyOrder(PopulationModel model) {
        int n = model.schema().size();
        double[] h = new double[n];
        double[] prior = new double[model.components()];
        for (int z = 0; z < prior.length; z++) {
            prior[z] = model.weight(z);
        }
        Integer[] idx = new Integer[n];
        for (int a = 0; a < n; a++) {
            h[a] = LogMath.entropyBits(model.predictive(prior, a));
            idx[a] = a;
        }
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(h[y], h[x]));
        return java.util.Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /**
     * A budget frontier's value at a given mean number of questions, interpolated linearly between the budgets whose
     * mean questions bracket it (clamped at the ends).
     *
     * @param metric what to read from each budget's report
     */
    public static double interpolate(List<Row> frontier, double meanQuestions,
                                     java.util.function.ToDoubleFunction<AuditReport> metric) {
        double prevQ = frontier.get(0).report().meanQuestions();
        double prevV = metric.applyAsDouble(frontier.get(0).report());
        if (meanQuestions <= prevQ) {
            return prevV;
        }
        for (int i = 1; i < frontier.size(); i++) {
            double q = frontier.get(i).report().meanQuestions();
            double v = metric.applyAsDouble(frontier.get(i).report());
            if (meanQuestions <= q) {
                return q == prevQ ? v : prevV + (v - prevV) * (meanQuestions - prevQ) / (q - prevQ);
            }
            prevQ = q;
            prevV = v;
        }
        return prevV;
    }

    /** The largest mean number of questions a frontier reaches. */
    public static double reach(List<Row> frontier) {
        return frontier.stream().mapToDouble(r -> r.report().meanQuestions()).max().orElse(0);
    }
}
