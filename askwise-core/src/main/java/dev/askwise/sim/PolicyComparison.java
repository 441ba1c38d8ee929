package dev.askwise.sim;

import dev.askwise.audit.AuditAccumulator;
import dev.askwise.audit.AuditReport;
import dev.askwise.audit.UserOutcome;
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
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                          FamilySelection.Family family) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

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
                throw new IllegalArgumentException("clusters must be >= 0 (0 = choose by held-out log-likelihood): " + clusters);
            }
            gammas = gammas.clone();
        }
    }

    /** A policy's pooled held-out audit at one γ (for the tree frontier, the policy is {@code infogain-tree@k}). */
    public record Row(String policy, double gamma, AuditReport report) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * Everything a report needs.
     *
     * @param frontier    the tree at every budget k = 0..n ({@code infogain-tree@k}; its decisions do not depend on γ)
     * @param voiFrontier VOI cut at every budget k = 0..n, per γ ({@code voi@k})
     */
    public record Result(List<Row> rows, List<Row> frontier, List<Row> voiFrontier, int clusters, long users,
                         String dataHash, boolean complete, String family, List<FamilySelection.Candidate> models)
        implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        /** Copies the lists. */
        public Result {
            models = List.copyOf(models);
            rows = List.copyOf(rows);
            frontier = List.copyOf(frontier);
            voiFrontier = List.copyOf(voiFrontier);
        }

        /**
         * The headline table: per row the policy, γ, EDE_γ, mean utility, mean questions and worst group (as
         * {@link #worstGroup}), one line each, numbers with {@code Locale.ROOT}.
         */
        public String table(double cost) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d users, %s model%s, cost %s%n", users,
                family, family.equals("exemplar") ? "" : " (K = " + clusters + ")",
                cost == Math.rint(cost) ? Long.toString((long) cost) : Double.toString(cost)));
            sb.append(String.format(Locale.ROOT, "%-14s %5s %9s %9s %9s %11s%n", "policy", "gamma", "EDE", "mean U",
                "questions", "worst group"));
            for (Row row : rows) {
                WelfareFunction w = WelfareFunction.of(row.gamma());
                    double worst = worstGroup(row.report());
                sb.append(String.format(Locale.ROOT, "%-14s %5s %9.4f %9.4f %9.3f %11s%n", row.policy(),
                    w.gammaLabel(), row.report().ede(w), row.report().meanUtility(), row.report().meanQuestions(),
                    Double.isNaN(worst) ? "n/a" : String.format(Locale.ROOT, "%.4f", worst)));
            }
            return sb.toString();
        }

        /**
         * Writes the result to a file (Java serialization): how a cluster driver hands a comparison back to the
         * command that launched it. Not an exchange format: {@link #read} it with the same Askwise version.
         *
         * @throws UncheckedIOException when the file cannot be written
         */
        public void write(Path file) {
            try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(
                file)))) {
                out.writeObject(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }

        /**
         * Reads a result {@link #write written} by the same Askwise version; only Askwise's and the JDK's classes are
         * accepted.
         *
         * @throws UncheckedIOException when the file cannot be read or holds something else
         */
        public static Result read(Path file) {
            try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("dev.askwise.**;java.**;!*"));
                if (in.readObject() instanceof Result r) {
                    return r;
                }
                throw new UncheckedIOException(file + " does not hold a comparison result",
                    new IOException("not a result"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (ClassNotFoundException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), new IOException(e));
            }
        }

        /** VOI's budget frontier at γ. */
        public List<Row> voiFrontier(double gamma) {
            return voiFrontier.stream().filter(r -> r.gamma() == gamma).toList();
        }

        /** The row of a policy at γ, if the run reached it (an interrupted run may not have). */
        public java.util.Optional<Row> find(String policy, double gamma) {
            return rows.stream().filter(r -> r.policy().equals(policy) && r.gamma() == gamma).findFirst();
        }

        /** The row of a policy at γ. */
        public Row row(String policy, double gamma) {
            return rows.stream().filter(r -> r.policy().equals(policy) && r.gamma() == gamma).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row for " + policy + " at gamma " + gamma));
        }
    }

    /** Runs the comparison in this JVM; progress receives the number of simulated conversations so far. */
    public static Result run(Dataset data, Options o, LongConsumer progress) {
        return run(data, o, progress, HeldOut.LOCAL);
    }

    /**
     * Runs the comparison with each fold's held-out conversations run by {@code heldOut} (in this JVM, or on a
     * cluster); the folds' models are fitted here. Progress receives the number of simulated conversations so far.
     */
    public static Result run(Dataset data, Options o, LongConsumer progress, HeldOut heldOut) {
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
            List<String> keys = FoldWork.keys(n, o);
            List<List<AuditReport>> reports = heldOut.run(model, train, test, o, tick);
            if (reports.size() != keys.size()) {
                complete = false; // interrupted before the last task
            }
            for (int t = 0; t < reports.size(); t++) {
                String key = keys.get(t);
                List<AuditReport> r = reports.get(t);
                complete &= r.get(r.size() - 1).users() == test.size();
                if (key.startsWith("infogain-tree@")) {
                    frontier.merge(key, r.get(0), AuditReport::plus);
                } else if (r.size() > 1) { // voi: one conversation per user, cut at every budget
                    String gamma = key.substring(key.indexOf('|') + 1);
                    for (int k = 0; k <= n; k++) {
                        voiFrontier.merge(gamma + "|" + k, r.get(k), AuditReport::plus);
                    }
                    pooled.merge(key, r.get(n), AuditReport::plus);
                } else {
                    pooled.merge(key, r.get(0), AuditReport::plus);
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
        // an interrupted run can leave tasks that saw no user: they have no welfare to report
        rows.removeIf(x -> x.report().users() == 0);
        front.removeIf(x -> x.report().users() == 0);
        voiFront.removeIf(x -> x.report().users() == 0);
        return new Result(rows, front, voiFront, clusters, data.size(), data.sha256(), complete,
            family == FamilySelection.Family.EXEMPLAR ? "exemplar" : "latent-class", models);
    }

    /**
     * Where a fold's held-out conversations run: {@link #LOCAL} in this JVM on all cores, or on a cluster (the
     * askwise-spark module), which rebuilds the same {@link FoldWork} from the fold's model, training users and
     * options on each executor.
     */
    @FunctionalInterface
    public interface HeldOut {

        /** In this JVM, on all cores; stops early when the calling thread is interrupted. */
        HeldOut LOCAL = (model, train, test, o, tick) -> FoldWork.of(model, train, o).run(test, tick);

        /**
         * The audits of every task of {@code FoldWork.of(model, train, o)} over the test users, in the work's order:
         * element [t][b] is task t's audit (b = 0 for a single run, b = k for VOI's budget k), each the sum of its
         * chunks of {@link Simulator#CHUNK} users in order; fewer tasks or users when interrupted.
         *
         * @param tick called once per simulated conversation (may be called late, or in bulk)
         */
        List<List<AuditReport>> run(PopulationModel model, Dataset train, Dataset test, Options o,
                                    LongConsumer tick);
    }

    /**
     * The held-out simulations of one fold, in the order a comparison reports them: the information-gain tree at every
     * budget k = 0..n (utilitarian), then for each γ each policy (VOI with every budget). It depends on the fold's
     * model, training users and the options only, so executors of a cluster build the same work from those.
     * Instances share their policies across threads (as {@link Simulator#run} does).
     */
    public static final class FoldWork {

        private record Task(Simulator simulator, QueryPolicy policy, boolean budgets, Map<String, String> parameters) {
        }

        private final List<Task> tasks;
        private final long seed;

        private FoldWork(List<Task> tasks, long seed) {
            this.tasks = tasks;
            this.seed = seed;
        }

        /** The work of a fold (trains the information-gain tree on the training users). */
        public static FoldWork of(PopulationModel model, Dataset train, Options o) {
            int n = model.schema().size();
            List<Task> tasks = new ArrayList<>();
            InfoGainTree tree = InfoGainTree.train(train, n, 2);
            Simulator utilitarian = new Simulator(model, Objective.of(o.cost(), WelfareFunction.utilitarian(), n));
            for (int k = 0; k <= n; k++) {
                tasks.add(new Task(utilitarian, tree.withMaxQuestions(k), false, Map.of()));
            }
            TreeCurve trainCurve = TreeCurve.inSample(train);
            int[] order = entropyOrder(model);
            for (double gamma : o.gammas()) {
                WelfareFunction w = WelfareFunction.of(gamma);
                Simulator sim = new Simulator(model, Objective.of(o.cost(), w, n));
                int treeK = trainCurve.optimalK(o.cost(), w);
                for (String name : o.policies()) {
                    QueryPolicy policy = name.equals("infogain-tree") ? tree.withMaxQuestions(treeK)
                        : Policies.create(name, new Policies.Context(n, train, Math.max(1, treeK), o.seed(), order));
                    tasks.add(new Task(sim, policy, name.equals("voi"), Map.of("cost", Double.toString(o.cost()),
                        "gamma", WelfareFunction.formatGamma(gamma))));
                }
            }
            return new FoldWork(List.copyOf(tasks), o.seed());
        }

        /** The tasks' keys, in order: {@code infogain-tree@k} for k = 0..n, then {@code policy|γ}. */
        static List<String> keys(int attributes, Options o) {
            List<String> keys = new ArrayList<>();
            for (int k = 0; k <= attributes; k++) {
                keys.add("infogain-tree@" + k);
            }
            for (double gamma : o.gammas()) {
                for (String name : o.policies()) {
                    keys.add(name + "|" + gamma);
                }
            }
            return keys;
        }

        /** Number of tasks. */
        public int size() {
            return tasks.size();
        }

        /**
         * Simulates test users [from, to) under every task, users in order: element [t][b] records task t's outcomes
         * (b = 0, or the budget k for VOI). For {@code from} a multiple of {@link Simulator#CHUNK} and {@code to} the
         * chunk's end, each accumulator's snapshot is the chunk's part of {@link #run}.
         */
        public List<List<AuditAccumulator>> simulate(Dataset test, int from, int to) {
            if (from < 0 || to > test.size() || from > to) {
                throw new IllegalArgumentException("user range must be within [0, " + test.size() + "]: [" + from
                    + ", " + to + ")");
            }
            int n = test.schema().size();
            List<List<AuditAccumulator>> acc = new ArrayList<>();
            for (Task t : tasks) {
                List<AuditAccumulator> a = new ArrayList<>();
                for (int b = 0; b < (t.budgets() ? n + 1 : 1); b++) {
                    a.add(new AuditAccumulator());
                }
                acc.add(a);
            }
            for (int i = from; i < to; i++) {
                for (int t = 0; t < tasks.size(); t++) {
                    Task task = tasks.get(t);
                    if (task.budgets()) {
                        List<UserOutcome> o = task.simulator().simulateBudgets(task.policy(), test, i);
                        for (int k = 0; k <= n; k++) {
                            acc.get(t).get(k).record(o.get(k));
                        }
                    } else {
                        acc.get(t).get(0).record(task.simulator().simulate(task.policy(), test, i));
                    }
                }
            }
            return acc;
        }

        /** Every task over the test users in this JVM, task after task; stops after an interrupted task. */
        List<List<AuditReport>> run(Dataset test, LongConsumer tick) {
            List<List<AuditReport>> out = new ArrayList<>();
            for (Task t : tasks) {
                List<AuditReport> r = t.budgets() ? t.simulator().runBudgets(t.policy(), test, tick)
                    : List.of(t.simulator().run(t.policy(), test, seed, t.parameters(), tick).report());
                out.add(r);
                if (r.get(r.size() - 1).users() != test.size()) {
                    break;
                }
            }
            return out;
        }
    }

    /**
     * The lowest group mean utility over every covariate's groups of at least 10 users; NaN when there is no such
     * group (no covariate, as for SUSHI files, or only small groups), which tables print as {@code n/a} and JSON as
     * {@code null}.
     */
    public static double worstGroup(AuditReport report) {
        double worst = Double.NaN;
        for (String cov : report.covariates()) {
            double w = report.worstGroupUtility(cov, 10);
            if (!Double.isNaN(w) && !(w >= worst)) {
                worst = w;
            }
        }
        return worst;
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
