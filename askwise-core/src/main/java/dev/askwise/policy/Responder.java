package dev.askwise.policy;

import dev.askwise.Profile;
import dev.askwise.model.PopulationModel;
import dev.askwise.welfare.LexLevels;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The welfare-optimal response of a general latent-class model: the values to output for the unknown, inferable
 * attributes given the posterior over clusters.
 *
 * <p>γ = 0: the per-attribute posterior mode (expected utility is linear; Lemma 1), exact. Otherwise the distribution
 * of mistakes within cluster z is Poisson-binomial (independent attributes given z), so {@code E[f(U)]} is exact for a
 * given response; the response is found by coordinate ascent — change one attribute's value at a time while that
 * improves the objective — from several starts (the posterior mode and the mode of each cluster holding at least 1% of
 * the posterior), keeping the best. Each candidate is evaluated in O(K) from two numbers per cluster, the objective
 * with one more and with one fewer mistake among the other attributes, which a sweep gets from prefix distributions
 * and suffix functionals (O(K·G²) per sweep, no division; {@code ResponderAscentTest} checks it against the
 * division-based ascent it replaced). Coordinate ascent is a local method; {@code ResponderTest} checks it against
 * enumeration of every response on small models. γ = ∞ uses the same ascent under the lexicographic order of the
 * lowest {@link LexLevels#LEVELS} utility levels, removing one Bernoulli factor from and adding one to the
 * per-cluster distributions.
 */
public final class Responder {

    /** Posterior mass below which exact enumeration skips a component. */
    static final double NEGLIGIBLE = 1e-15;

    private Responder() {
    }

    /**
     * A response: the output value of every attribute ({@link Profile#UNKNOWN} where withheld), its objective value
     * {@code E[f(U)]} (finite γ) or lowest levels (γ = ∞), and the probability that each output value is right.
     */
    public record Response(int @Nullable [] values, double value, double @Nullable [] lexLevels,
                           double @Nullable [] correctProbability) {
    }

    /**
     * Best response given a cluster posterior.
     *
     * @param known       the revealed values (kept as they are)
     * @param scored      scored[a]: attribute a counts in U (false for withheld attributes)
     * @param questions   questions asked so far (their cost enters U)
     */
    public static Response respond(PopulationModel model, double[] posterior, Profile known, boolean[] scored,
                                   int questions, Objective objective) {
        return respond(model, posterior, known, scored, questions, objective, true);
    }

    /**
     * Best response; with {@code thorough} false the ascent starts only from the posterior mode (used inside
     * value-of-information lookahead, where many hypothetical stops are evaluated).
     */
    public static Response respond(PopulationModel model, double[] posterior, Profile known, boolean[] scored,
                                   int questions, Objective objective, boolean thorough) {
        return respond(model, posterior, known, scored, questions, objective, thorough, DEFAULT_KERNEL);
    }

    private static Response respond(PopulationModel model, double[] posterior, Profile known, boolean[] scored,
                                    int questions, Objective objective, boolean thorough, Kernel kernel) {
        int attrs = model.schema().size();
        int[] values = new int[attrs];
        double[][] pred = new double[attrs][];
        int guessed = 0;
        int scoredCount = 0;
        for (int a = 0; a < attrs; a++) {
            if (!scored[a]) {
                values[a] = known.value(a);
                continue;
            }
            scoredCount++;
            if (known.isKnown(a)) {
                values[a] = known.value(a);
                continue;
            }
            guessed++;
            pred[a] = model.predictive(posterior, a);
            values[a] = argmax(pred[a]);
        }
        double base = scoredCount - objective.cost() * questions;
        int[] guessedIdx = new int[guessed];
        int gi = 0;
        for (int a = 0; a < attrs; a++) {
            if (scored[a] && !known.isKnown(a)) {
                guessedIdx[gi++] = a;
            }
        }
        double[] correct = new double[attrs];
        for (int a = 0; a < attrs; a++) {
            correct[a] = pred[a] == null ? (scored[a] ? 1.0 : Double.NaN) : pred[a][values[a]];
        }
        if (objective.utilitarian()) {
            double expectedMistakes = 0;
            for (int a : guessedIdx) {
                expectedMistakes += 1 - pred[a][values[a]];
            }
            return new Response(values, objective.f(base - expectedMistakes), null, correct);
        }
        // several starts: the posterior mode, and the mode of every cluster with posterior mass >= 1%
        Ascent best = new Ascent(model, posterior, guessedIdx, values.clone(), base, objective, kernel);
        best.run();
        java.util.Set<String> tried = new java.util.HashSet<>();
        tried.add(java.util.Arrays.toString(values));
        List<Ascent> others = new ArrayList<>();
        for (int z = 0; z < model.components() && thorough; z++) {
            if (posterior[z] < 0.01) {
                continue;
            }
            int[] start = values.clone();
            for (int a : guessedIdx) {
                double[] theta = new double[model.schema().get(a).size()];
                for (int v = 0; v < theta.length; v++) {
                    theta[v] = model.probability(z, a, v);
                }
                start[a] = argmax(theta);
            }
            if (tried.add(java.util.Arrays.toString(start))) {
                others.add(new Ascent(model, posterior, guessedIdx, start, base, objective, kernel));
            }
        }
        // the starts are independent: run them in parallel when they are large, then compare them in start order
        java.util.stream.Stream<Ascent> runs = others.stream();
        if (others.size() > 1 && (long) guessed * guessed * model.components() >= 1 << 14) {
            runs = runs.parallel();
        }
        runs.forEach(Ascent::run);
        for (Ascent other : others) {
            boolean better = objective.maximin()
                ? LexLevels.compare(Objects.requireNonNull(other.lex, "maximin"),
                    Objects.requireNonNull(best.lex, "maximin")) > 0
                : Objective.improves(other.value, best.value);
            if (better) {
                best = other;
            }
        }
        for (int a : guessedIdx) {
            correct[a] = pred[a][best.values[a]];
        }
        return new Response(best.values, best.value, best.lex, correct);
    }

    /**
     * The objective of the best γ = 0 response without building it: {@code f(n − c·q − Σ_a (1 − max_v P(x_a = v)))}
     * over the scored unknown attributes (allocation-free; used by value-of-information lookahead).
     */
    public static double utilitarianValue(PopulationModel model, double[] posterior, Profile known, boolean[] scored,
                                          int questions, Objective objective) {
        int attrs = model.schema().size();
        int scoredCount = 0;
        double expectedMistakes = 0;
        int clusters = posterior.length;
        for (int a = 0; a < attrs; a++) {
            if (!scored[a]) {
                continue;
            }
            scoredCount++;
            if (known.isKnown(a)) {
                continue;
            }
            int size = model.schema().get(a).size();
            double best = 0;
            for (int v = 0; v < size; v++) {
                double p = 0;
                for (int z = 0; z < clusters; z++) {
                    p += posterior[z] * model.probability(z, a, v);
                }
                best = Math.max(best, p);
            }
            expectedMistakes += 1 - best;
        }
        return objective.f(scoredCount - objective.cost() * questions - expectedMistakes);
    }

    private static final double[] GH_NODES = {0.0, 0.9585724646138185, -0.9585724646138185, 2.0201828704560856,
        -2.0201828704560856};
    private static final double[] GH_WEIGHTS = {0.9453087204829419, 0.3936193231522412, 0.3936193231522412,
        0.01995324205904591, 0.01995324205904591};

    /**
     * A fast approximation of the stop value for finite γ &gt; 0: the response is the posterior mode (no hedging
     * search) and each cluster's Poisson-binomial number of mistakes is replaced by a normal with the same mean and
     * variance, integrated by 5-point Gauss–Hermite quadrature (clamped to [0, G]). O(K·(G + V·A)); used by the
     * {@code voi-fast} lookahead. Exact at γ = 0.
     */
    public static double approximateValue(PopulationModel model, double[] posterior, Profile known, boolean[] scored,
                                          int questions, Objective objective) {
        if (objective.utilitarian()) {
            return utilitarianValue(model, posterior, known, scored, questions, objective);
        }
        if (objective.maximin()) {
            throw new IllegalArgumentException("the fast approximation needs a finite gamma; use voi for gamma = inf");
        }
        int attrs = model.schema().size();
        int clusters = posterior.length;
        int scoredCount = 0;
        int guessed = 0;
        double[] mean = new double[clusters];
        double[] var = new double[clusters];
        for (int a = 0; a < attrs; a++) {
            if (!scored[a]) {
                continue;
            }
            scoredCount++;
            if (known.isKnown(a)) {
                continue;
            }
            guessed++;
            int size = model.schema().get(a).size();
            int bestV = 0;
            double best = -1;
            for (int v = 0; v < size; v++) {
                double p = 0;
                for (int z = 0; z < clusters; z++) {
                    p += posterior[z] * model.probability(z, a, v);
                }
                if (p > best + 1e-12) {
                    best = p;
                    bestV = v;
                }
            }
            for (int z = 0; z < clusters; z++) {
                double wrong = 1 - model.probability(z, a, bestV);
                mean[z] += wrong;
                var[z] += wrong * (1 - wrong);
            }
        }
        double base = scoredCount - objective.cost() * questions;
        double acc = 0;
        double norm = Math.sqrt(Math.PI);
        for (int z = 0; z < clusters; z++) {
            if (posterior[z] == 0) {
                continue;
            }
            double sd = Math.sqrt(2 * var[z]);
            double e = 0;
            for (int j = 0; j < GH_NODES.length; j++) {
                double m = Math.max(0, Math.min(guessed, mean[z] + sd * GH_NODES[j]));
                e += GH_WEIGHTS[j] * objective.f(base - m);
            }
            acc += posterior[z] * e / norm;
        }
        return acc;
    }

    /**
     * The exact best response for finite γ by enumerating every response of the guessed attributes (the product of
     * their value counts), when there are at most {@code maxResponses}; null otherwise. Each response is evaluated
     * exactly through the per-component Poisson-binomial distribution of mistakes, built incrementally along the
     * enumeration. Ties keep the first response in lexicographic order of values.
     */
    public static @Nullable Response respondExact(PopulationModel model, double[] posterior, Profile known,
                                                  boolean[] scored, int questions, Objective objective,
                                                  int maxResponses) {
        if (objective.maximin()) {
            throw new IllegalArgumentException("respondExact needs a finite gamma");
        }
        int attrs = model.schema().size();
        int scoredCount = 0;
        int g = 0;
        long space = 1;
        for (int a = 0; a < attrs; a++) {
            if (scored[a]) {
                scoredCount++;
                if (!known.isKnown(a)) {
                    g++;
                    space *= model.schema().get(a).size();
                    if (space > maxResponses) {
                        return null;
                    }
                }
            }
        }
        int[] guessed = guessed(known, scored, g);
        int k = model.components();
        int active = 0;
        int[] comps = new int[k];
        for (int z = 0; z < k; z++) {
            if (posterior[z] > NEGLIGIBLE) { // a component this improbable moves E[f(U)] by less than 1e-15·|f|
                comps[active++] = z;
            }
        }
        double base = scoredCount - objective.cost() * questions;
        double[] fm = new double[g + 1];
        for (int m = 0; m <= g; m++) {
            fm[m] = objective.f(base - m);
        }
        double[][][] pmf = new double[g + 1][active][g + 2];
        for (int c = 0; c < active; c++) {
            pmf[0][c][0] = 1.0;
        }
        int[] current = new int[g];
        int[] best = new int[g];
        double[] bestValue = {Double.NEGATIVE_INFINITY};
        enumerate(model, posterior, guessed, comps, active, pmf, fm, 0, current, best, bestValue);
        int[] values = new int[attrs];
        double[] correct = new double[attrs];
        for (int a = 0; a < attrs; a++) {
            values[a] = scored[a] || known.isKnown(a) ? known.value(a) : Profile.UNKNOWN;
            correct[a] = scored[a] ? 1.0 : Double.NaN;
        }
        for (int i = 0; i < g; i++) {
            int a = guessed[i];
            values[a] = best[i];
            correct[a] = model.predictive(posterior, a)[best[i]];
        }
        return new Response(values, bestValue[0], null, correct);
    }

    private static void enumerate(PopulationModel model, double[] posterior, int[] guessed, int[] comps, int active,
                                  double[][][] pmf, double[] fm, int level, int[] current, int[] best,
                                  double[] bestValue) {
        int g = guessed.length;
        if (level == g) {
            double acc = 0;
            for (int c = 0; c < active; c++) {
                double e = 0;
                double[] d = pmf[g][c];
                for (int m = 0; m <= g; m++) {
                    e += d[m] * fm[m];
                }
                acc += posterior[comps[c]] * e;
            }
            if (Objective.improves(acc, bestValue[0]) || bestValue[0] == Double.NEGATIVE_INFINITY) {
                bestValue[0] = acc;
                System.arraycopy(current, 0, best, 0, g);
            }
            return;
        }
        int a = guessed[level];
        int size = model.schema().get(a).size();
        for (int v = 0; v < size; v++) {
            for (int c = 0; c < active; c++) {
                double wrong = 1 - model.probability(comps[c], a, v);
                double[] src = pmf[level][c];
                double[] dst = pmf[level + 1][c];
                dst[0] = src[0] * (1 - wrong);
                for (int m = 1; m <= level; m++) {
                    dst[m] = src[m] * (1 - wrong) + src[m - 1] * wrong;
                }
                dst[level + 1] = src[level] * wrong;
            }
            current[level] = v;
            enumerate(model, posterior, guessed, comps, active, pmf, fm, level + 1, current, best, bestValue);
        }
    }

    /**
     * The best γ = ∞ response over plausible users ({@link PopulationModel#budgets}: NaN for a component with none,
     * else the budget its plausible users have left). An unknown scored attribute contributes 1 when the output is the user's
     * value and 0 when it is another value or the user has no preference. In a live component the worst plausible user
     * starts from the component's most likely answers (each unknown attribute whose most likely answer differs from the
     * output, or is "no preference", already loses) and then changes the cheapest further answers to losing ones — a
     * change costs {@code ln P(most likely) − ln P(second most likely)} nats — while the total stays within the budget
     * (greedy is optimal: every change loses exactly one unit). Maximises (lowest utility, then expected utility)
     * lexicographically, by enumeration when there are at most {@code maxResponses} responses (exact), else by
     * coordinate ascent from the posterior mode.
     */
    public static Maximin maximin(PopulationModel model, double[] posterior, double[] budgets, Profile known,
                                  boolean[] scored, int questions, double cost, int maxResponses) {
        return maximin(model, posterior, budgets, known, scored, questions, cost, maxResponses, Integer.MAX_VALUE);
    }

    /**
     * {@link #maximin(PopulationModel, double[], double[], Profile, boolean[], int, double, int)} when plausible users
     * may decline at most {@code cap} more attributes ({@link PopulationModel#maxDeclines} less those already
     * declined; {@link Integer#MAX_VALUE} for no limit). When no live component has a plausible user within the limit,
     * the limit is dropped.
     */
    public static Maximin maximin(PopulationModel model, double[] posterior, double[] budgets, Profile known,
                                  boolean[] scored, int questions, double cost, int maxResponses, int cap) {
        int attrs = model.schema().size();
        int scoredCount = 0;
        int g = 0;
        long space = 1;
        for (int a = 0; a < attrs; a++) {
            if (scored[a]) {
                scoredCount++;
                if (!known.isKnown(a)) {
                    g++;
                    space = Math.min(Long.MAX_VALUE / 64, space * model.schema().get(a).size());
                }
            }
        }
        int[] guessed = guessed(known, scored, g);
        MaximinEval eval = new MaximinEval(model, posterior, budgets, guessed);
        if (cap != Integer.MAX_VALUE) {
            eval.capped(model, budgets, guessed, cap);
        }
        double base = scoredCount - cost * questions;
        int[] best = new int[g];
        for (int i = 0; i < g; i++) {
            best[i] = argmax(eval.pred[i]);
        }
        double[] bestScore;
        if (space <= maxResponses) {
            int[] current = new int[g];
            double[] acc = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            eval.search(0, 0.0, current, best, acc, new int[eval.live]);
            bestScore = acc;
        } else {
            bestScore = eval.score(best);
            boolean improved = true;
            int sweeps = 0;
            while (improved && sweeps++ < 50) {
                improved = false;
                for (int i = 0; i < g; i++) {
                    int keep = best[i];
                    for (int v = 0; v < eval.pred[i].length; v++) {
                        if (v == keep) {
                            continue;
                        }
                        best[i] = v;
                        double[] sc = eval.score(best);
                        if (better(sc, bestScore)) {
                            bestScore = sc;
                            keep = v;
                            improved = true;
                        }
                    }
                    best[i] = keep;
                }
            }
        }
        int[] values = new int[attrs];
        for (int a = 0; a < attrs; a++) {
            values[a] = scored[a] || known.isKnown(a) ? known.value(a) : Profile.UNKNOWN;
        }
        for (int i = 0; i < g; i++) {
            values[guessed[i]] = best[i];
        }
        return new Maximin(values, base - bestScore[0], base - bestScore[1]);
    }


    /**
     * The most losses a plausible user can cause when each attribute gets exactly one of three answers — the output's
     * value (cost r, no loss), another value (cost w, a loss) or "no preference" (cost d, a loss, at most {@code cap}
     * of them) — with total cost (nats beyond the component's most likely answers) within the budget; −1 when no
     * assignment fits. Exact: a dynamic program over attributes × declines used × losses, O(g²·min(cap, g)).
     */
    static int maxLosses(double[] r, double[] w, double[] d, double budget, int cap) {
        int g = r.length;
        int cmax = Math.max(0, Math.min(cap, g));
        double inf = Double.POSITIVE_INFINITY;
        double[][] dp = new double[cmax + 1][g + 1];
        for (double[] row : dp) {
            java.util.Arrays.fill(row, inf);
        }
        dp[0][0] = 0;
        for (int i = 0; i < g; i++) {
            double[][] next = new double[cmax + 1][g + 1];
            for (double[] row : next) {
                java.util.Arrays.fill(row, inf);
            }
            for (int c = 0; c <= cmax; c++) {
                for (int l = 0; l <= i; l++) {
                    double x = dp[c][l];
                    if (x == inf) {
                        continue;
                    }
                    next[c][l] = Math.min(next[c][l], x + r[i]);
                    next[c][l + 1] = Math.min(next[c][l + 1], x + w[i]);
                    if (c < cmax) {
                        next[c + 1][l + 1] = Math.min(next[c + 1][l + 1], x + d[i]);
                    }
                }
            }
            dp = next;
        }
        for (int l = g; l >= 0; l--) {
            for (int c = 0; c <= cmax; c++) {
                if (dp[c][l] <= budget + 1e-12) {
                    return l;
                }
            }
        }
        return -1;
    }

    /** Lower (worst, expected) losses is better: worst first, then expected beyond 1e-12. */
    private static boolean better(double[] a, double[] b) {
        if (a[0] != b[0]) {
            return a[0] < b[0];
        }
        return a[1] < b[1] - 1e-12;
    }

    /** Worst plausible and expected losses of responses, for {@link #maximin}. */
    private static final class MaximinEval {
        final int g;
        final int live;
        final double[] budget; // per live component
        final boolean zeroBudget;
        final int[][] mode; // mode[c][i]: most likely category (a value, or size for "no preference")
        final boolean[][] noPref; // the most likely answer is "no preference": always a loss
        final int[][] order; // order[c]: guessed indices by ascending change cost
        final double[][] change; // change[c][i]: nats to turn a winning answer into a losing one
        final double[][] pred;
        int cap = Integer.MAX_VALUE;
        double @Nullable [][][] costs; // [c][i][category]: answer costs of every live component, when capped
        int[] comp = new int[0];
        double[] cappedBudget = new double[0];

        /** Switches to the exact evaluation under a limit on declines (every live component kept). */
        void capped(PopulationModel model, double[] budgets, int[] guessed, int declineCap) {
            this.cap = declineCap;
            java.util.List<Integer> zs = new java.util.ArrayList<>();
            for (int z = 0; z < budgets.length; z++) {
                if (!Double.isNaN(budgets[z])) {
                    zs.add(z);
                }
            }
            // the capped evaluation needs every live component (no dedupe): rebuild from budgets
            double[][][] k = new double[zs.size()][g][];
            comp = new int[zs.size()];
            for (int c = 0; c < zs.size(); c++) {
                int z = zs.get(c);
                comp[c] = z;
                for (int i = 0; i < g; i++) {
                    int size = model.schema().get(guessed[i]).size();
                    k[c][i] = new double[size + 1];
                    for (int cat = 0; cat <= size; cat++) {
                        k[c][i][cat] = model.answerCost(z, guessed[i], cat);
                    }
                }
            }
            costs = k;
            cappedBudget = new double[zs.size()];
            for (int c = 0; c < zs.size(); c++) {
                cappedBudget[c] = budgets[comp[c]];
            }
        }

        /** The worst plausible loss under the limit on declines (without it when no component fits within it). */
        int cappedWorst(int[] y, double[][][] costs) {
            int worst = cappedWorst(y, costs, cap);
            return worst >= 0 ? worst : Math.max(0, cappedWorst(y, costs, Integer.MAX_VALUE));
        }

        private int cappedWorst(int[] y, double[][][] costs, int limit) {
            int worst = -1;
            for (int c = 0; c < costs.length; c++) {
                double[] r = new double[g];
                double[] w = new double[g];
                double[] d = new double[g];
                for (int i = 0; i < g; i++) {
                    double[] k = costs[c][i];
                    int size = k.length - 1;
                    r[i] = k[y[i]];
                    double wr = Double.POSITIVE_INFINITY;
                    for (int v = 0; v < size; v++) {
                        if (v != y[i]) {
                            wr = Math.min(wr, k[v]);
                        }
                    }
                    w[i] = wr;
                    d[i] = k[size];
                }
                worst = Math.max(worst, maxLosses(r, w, d, cappedBudget[c], limit));
            }
            return worst;
        }

        MaximinEval(PopulationModel model, double[] posterior, double[] budgets, int[] guessed) {
            this.g = guessed.length;
            boolean zero = true;
            for (double b : budgets) {
                if (!Double.isNaN(b)) {
                    zero &= b <= 0;
                }
            }
            this.zeroBudget = zero;
            // live components; with a zero budget, those with the same most likely answers on the guessed attributes
            // are the same worst case and are kept once (a population of training users collapses to the distinct
            // profiles that are still unknown)
            List<int[]> modes = new ArrayList<>();
            List<Double> left = new ArrayList<>();
            List<Integer> comps = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int z = 0; z < budgets.length; z++) {
                if (Double.isNaN(budgets[z])) {
                    continue;
                }
                int[] m = new int[g];
                for (int i = 0; i < g; i++) {
                    m[i] = model.modeCategory(z, guessed[i]);
                }
                if (budgets[z] <= 0 && !seen.add(java.util.Arrays.toString(m))) {
                    continue;
                }
                modes.add(m);
                left.add(budgets[z]);
                comps.add(z);
            }
            this.live = modes.size();
            this.budget = new double[live];
            mode = new int[live][];
            noPref = new boolean[live][g];
            change = new double[live][];
            order = new int[live][];
            for (int c = 0; c < live; c++) {
                int z = comps.get(c);
                budget[c] = left.get(c);
                mode[c] = modes.get(c);
                for (int i = 0; i < g; i++) {
                    noPref[c][i] = mode[c][i] == model.schema().get(guessed[i]).size();
                }
                if (budget[c] <= 0) {
                    change[c] = new double[0];
                    order[c] = new int[0];
                    continue; // no changes within a zero budget
                }
                change[c] = new double[g];
                Integer[] idx = new Integer[g];
                for (int i = 0; i < g; i++) {
                    int a = guessed[i];
                    int size = model.schema().get(a).size();
                    int m = mode[c][i];
                    double pm = model.categoryProbability(z, a, m);
                    double second = 0;
                    for (int cat = 0; cat <= size; cat++) {
                        if (cat != m) {
                            second = Math.max(second, model.categoryProbability(z, a, cat));
                        }
                    }
                    change[c][i] = second > 0 ? Math.log(pm) - Math.log(second) : Double.POSITIVE_INFINITY;
                    idx[i] = i;
                }
                final int cc = c;
                java.util.Arrays.sort(idx, (x, y) -> Double.compare(change[cc][x], change[cc][y]));
                order[c] = java.util.Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
            }
            pred = new double[g][];
            for (int i = 0; i < g; i++) {
                pred[i] = model.predictive(posterior, guessed[i]);
            }
        }

        /** {worst plausible loss, expected loss} of response y. */
        double[] score(int[] y) {
            int worst = 0;
            double[][][] k = costs;
            if (k != null) {
                worst = cappedWorst(y, k);
            } else {
                for (int c = 0; c < live; c++) {
                    worst = Math.max(worst, worst(c, y));
                }
            }
            double expected = 0;
            for (int i = 0; i < g; i++) {
                expected += 1 - pred[i][y[i]];
            }
            return new double[] {worst, expected};
        }

        int worst(int c, int[] y) {
            int loss = 0;
            for (int i = 0; i < g; i++) {
                if (noPref[c][i] || mode[c][i] != y[i]) {
                    loss++;
                }
            }
            if (budget[c] > 0) {
                double left = budget[c] + 1e-12;
                for (int i : order[c]) {
                    if (noPref[c][i] || mode[c][i] != y[i]) {
                        continue; // already lost
                    }
                    if (change[c][i] > left) {
                        break;
                    }
                    left -= change[c][i];
                    loss++;
                }
            }
            return loss;
        }

        /** Enumerates responses; with a zero budget the losses are additive and counted incrementally. */
        void search(int level, double expected, int[] current, int[] best, double[] acc, int[] losses) {
            double[][][] k = costs;
            boolean additive = zeroBudget && k == null;
            if (level == g) {
                int worst = 0;
                if (k != null) {
                    worst = cappedWorst(current, k);
                }
                for (int c = 0; c < live && k == null; c++) {
                    worst = Math.max(worst, additive ? losses[c] : worst(c, current));
                }
                double[] sc = {worst, expected};
                if (acc[0] == Double.NEGATIVE_INFINITY || better(sc, acc)) {
                    acc[0] = worst;
                    acc[1] = expected;
                    System.arraycopy(current, 0, best, 0, g);
                }
                return;
            }
            for (int v = 0; v < pred[level].length; v++) {
                current[level] = v;
                double nextExpected = expected + 1 - pred[level][v];
                if (additive) {
                    int worst = 0;
                    for (int c = 0; c < live; c++) {
                        losses[c] += noPref[c][level] || mode[c][level] != v ? 1 : 0;
                        worst = Math.max(worst, losses[c]);
                    }
                    // losses and expected losses only grow further down: prune what cannot beat the best so far
                    boolean hopeless = acc[0] != Double.NEGATIVE_INFINITY && (worst > acc[0]
                        || (worst == acc[0] && !(nextExpected < acc[1] - 1e-12)));
                    if (hopeless) {
                        for (int c = 0; c < live; c++) {
                            losses[c] -= noPref[c][level] || mode[c][level] != v ? 1 : 0;
                        }
                        continue;
                    }
                }
                search(level + 1, nextExpected, current, best, acc, losses);
                if (additive) {
                    for (int c = 0; c < live; c++) {
                        losses[c] -= noPref[c][level] || mode[c][level] != v ? 1 : 0;
                    }
                }
            }
        }
    }

    /**
     * A response under the maximin objective restricted to plausible users: {@code min} is the lowest utility over
     * the live components' plausible users, {@code mean} the expected utility under the posterior (the tie-break).
     */
    public record Maximin(int[] values, double min, double mean) {
    }

    /** The g scored attributes that are not yet known, in index order. */
    private static int[] guessed(Profile known, boolean[] scored, int g) {
        int[] out = new int[g];
        int i = 0;
        for (int a = 0; a < scored.length; a++) {
            if (scored[a] && !known.isKnown(a)) {
                out[i++] = a;
            }
        }
        return out;
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best] + 1e-12) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The finite-γ ascent's sweeps ({@link Ascent#runFinite}) as a kernel: changes {@code values} at the guessed
     * positions in place and returns the objective of the result, given {@code fm[m] = f(base − m)} for m = 0..G+1.
     */
    interface FiniteAscent {
        double run(PopulationModel model, double[] posterior, int[] guessed, int[] values, double[] fm);
    }

    /** How the finite-γ ascent is computed: one cluster at a time in scalar registers, or on SIMD lanes. */
    public enum Kernel {
        /** Plain Java; always available. */
        SCALAR,
        /**
         * The JDK's incubating Vector API ({@code VectorAscent}, clusters on the lanes); available when the JVM runs
         * with {@code --add-modules jdk.incubator.vector}. The same response and value to the bit.
         */
        VECTOR
    }

    private static final @Nullable FiniteAscent VECTOR_ASCENT =
        dev.askwise.math.VectorKernels.load("dev.askwise.policy.VectorAscent", FiniteAscent.class);
    private static final Kernel DEFAULT_KERNEL = VECTOR_ASCENT != null && !Boolean.getBoolean("askwise.ascent.scalar")
        ? Kernel.VECTOR : Kernel.SCALAR;

    /**
     * The kernel the finite-γ ascent uses: {@link Kernel#VECTOR} when the JVM runs with
     * {@code --add-modules jdk.incubator.vector}, unless the system property {@code askwise.ascent.scalar} is true;
     * else {@link Kernel#SCALAR}.
     */
    public static Kernel defaultKernel() {
        return DEFAULT_KERNEL;
    }

    /** The single-start response ({@code respond(..., false)}) with the given ascent kernel; for tests. */
    static Response respondWith(Kernel kernel, PopulationModel model, double[] posterior, Profile known,
                                boolean[] scored, int questions, Objective objective) {
        if (kernel == Kernel.VECTOR && VECTOR_ASCENT == null) {
            throw new IllegalStateException("the vector ascent needs the JVM option --add-modules "
                + "jdk.incubator.vector");
        }
        return respond(model, posterior, known, scored, questions, objective, false, kernel);
    }

    /** Largest scratch table kept per thread (8 MiB); larger ones are allocated per use. */
    private static final int SCRATCH_KEPT = 1 << 20;

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    /**
     * A table of at least {@code length} doubles with arbitrary contents, reused by this thread's ascents: the
     * ascent's suffix table is hundreds of kilobytes at 50 attributes × 20 clusters, and allocating it zeroed for
     * every hypothetical answer cost more than a tenth of voi's time. An ascent never runs another ascent on its thread
     * while it holds the table.
     */
    static double[] scratch(int length) {
        if (length > SCRATCH_KEPT) {
            return new double[length];
        }
        double[][] holder = SCRATCH.get();
        if (holder[0].length < length) {
            holder[0] = new double[length];
        }
        return holder[0];
    }

    /** Coordinate ascent over the guessed attributes' values with exact Poisson-binomial evaluation. */
    private static final class Ascent {
        final PopulationModel model;
        final double[] posterior;
        final int[] guessed;
        final int[] values;
        final double base;
        final Objective objective;
        final int clusters;
        double[][] pmf; // pmf[z][m], mistakes among guessed attributes within cluster z
        final double[] fOfMistakes; // f(base − m), m = 0..G+1
        double value;
        double @Nullable [] lex; // set by evaluateCurrent() at γ = ∞ only
        final Kernel kernel;

        Ascent(PopulationModel model, double[] posterior, int[] guessed, int[] values, double base, Objective o,
               Kernel kernel) {
            this.kernel = kernel;
            this.model = model;
            this.posterior = posterior;
            this.guessed = guessed;
            this.values = values;
            this.base = base;
            this.objective = o;
            this.clusters = model.components();
            this.fOfMistakes = new double[guessed.length + 2];
            if (!o.maximin()) {
                for (int m = 0; m <= guessed.length + 1; m++) {
                    fOfMistakes[m] = o.f(base - m);
                }
            }
            this.pmf = new double[clusters][];
            for (int z = 0; z < clusters; z++) {
                double[] d = new double[guessed.length + 1];
                d[0] = 1.0;
                pmf[z] = d;
                if (!o.maximin()) {
                    continue; // runFinite builds the distributions in its sweeps
                }
                int len = 0;
                for (int a : guessed) {
                    double wrong = 1 - model.probability(z, a, values[a]);
                    addFactor(d, len++, wrong);
                }
                pmf[z] = d;
            }
        }

        void run() {
            if (!objective.maximin()) {
                runFinite();
                return;
            }
            evaluateCurrent();
            int g = guessed.length;
            double[][] candidate = new double[clusters][g + 1];
            double[][] removed = new double[clusters][g + 1];
            boolean improved = true;
            int sweeps = 0;
            while (improved && sweeps++ < 50) {
                improved = false;
                for (int a : guessed) {
                    int size = model.schema().get(a).size();
                    int bestV = values[a];
                    double[] bestLex = lex;
                    // removing a's current factor does not depend on the candidate value: once per cluster
                    for (int z = 0; z < clusters; z++) {
                        removeFactor(pmf[z], g, 1 - model.probability(z, a, values[a]), removed[z]);
                    }
                    for (int v = 0; v < size; v++) {
                        if (v == values[a]) {
                            continue;
                        }
                        for (int z = 0; z < clusters; z++) {
                            System.arraycopy(removed[z], 0, candidate[z], 0, g);
                            candidate[z][g] = 0;
                            addFactor(candidate[z], g - 1, 1 - model.probability(z, a, v));
                        }
                        double[] l = lexLevels(candidate);
                        if (LexLevels.compare(l, Objects.requireNonNull(bestLex, "maximin")) > 0) {
                            bestLex = l;
                            bestV = v;
                        }
                    }
                    if (bestV != values[a]) {
                        for (int z = 0; z < clusters; z++) {
                            System.arraycopy(removed[z], 0, pmf[z], 0, g);
                            pmf[z][g] = 0;
                            addFactor(pmf[z], g - 1, 1 - model.probability(z, a, bestV));
                        }
                        values[a] = bestV;
                        evaluateCurrent();
                        improved = true;
                    }
                }
            }
        }

        /**
         * The finite-γ ascent without removing factors. A sweep visits the guessed attributes in order; at position i
         * cluster z's distribution of mistakes is the product of a prefix P (positions before i, with this sweep's
         * values) and a suffix S (positions after i), and what a candidate value of position i needs is
         * {@code lower_z = Σ_m (P⊗S)[m]·f(base − m) = Σ_k P[k]·B_i[k]} and {@code upper_z = Σ_k P[k]·B_i[k + 1]},
         * where {@code B_i[k] = Σ_j S[j]·f(base − k − j)} is computed for every position once per sweep from the last
         * one backwards, {@code B_{i−1}[k] = (1 − w_i)·B_i[k] + w_i·B_i[k + 1]} (no division, and no recurrence along
         * k, so the loops vectorise). Each candidate is then O(K) as before: {@code E_z[f] = (1 − w)·lower_z +
         * w·upper_z} for its probability w of a mistake. After the sweep P is the whole product (the new pmf).
         * <p>
         * Sweeps after the first skip work whose result is already known, without changing any result: if the last
         * sweep last changed position j, then B_i for i ≥ j depends only on positions it did not change, so only the
         * blocks below j are recomputed (from B_j); and once this sweep has reached a position past j without a change,
         * every later position was evaluated in the last sweep with exactly the same prefix and suffix (it made no
         * change then, so it makes none now): the ascent has converged, and the pmf is the last sweep's, built from the
         * same values in the same order.
         */
        void runFinite() {
            int g = guessed.length;
            if (g == 0) {
                evaluateCurrent();
                return;
            }
            double[] fm = fOfMistakes;
            if (kernel == Kernel.VECTOR && VECTOR_ASCENT != null) {
                value = VECTOR_ASCENT.run(model, posterior, guessed, values, fm);
                return;
            }
            int[] off = new int[g + 1]; // position i's block: k = 0..i+1
            for (int i = 0; i < g; i++) {
                off[i + 1] = off[i] + i + 2;
            }
            int tri = off[g];
            double[] suffix = scratch(clusters * tri); // every entry read is written first
            double[] lower = new double[clusters];
            double[] upper = new double[clusters];
            double[][] previous = new double[clusters][g + 1]; // the last sweep's pmf
            boolean improved = true;
            int sweeps = 0;
            int lastChange = g - 1; // the first sweep computes every block
            while (improved && sweeps++ < 50) {
                improved = false;
                boolean first = sweeps == 1;
                for (int z = 0; z < clusters; z++) {
                    if (posterior[z] == 0) {
                        continue;
                    }
                    suffixFunctionals(model, z, guessed, values, fm, off, suffix, z * tri, lastChange, first);
                    double[] p = previous[z];
                    previous[z] = pmf[z];
                    pmf[z] = p;
                    java.util.Arrays.fill(p, 0.0);
                    p[0] = 1.0;
                }
                int changed = -1;
                for (int i = 0; i < g; i++) {
                    if (!first && changed < 0 && i > lastChange) {
                        double[][] built = pmf; // converged (see above): the last sweep's pmf is this sweep's
                        pmf = previous;
                        previous = built;
                        break;
                    }
                    int a = guessed[i];
                    int size = model.schema().get(a).size();
                    double current = 0;
                    for (int z = 0; z < clusters; z++) {
                        if (posterior[z] == 0) {
                            continue;
                        }
                        double[] p = pmf[z];
                        int b = z * tri + off[i];
                        double lo = 0;
                        double hi = 0;
                        for (int k = 0; k <= i; k++) {
                            lo += p[k] * suffix[b + k];
                            hi += p[k] * suffix[b + k + 1];
                        }
                        lower[z] = lo;
                        upper[z] = hi;
                        double right = model.probability(z, a, values[a]);
                        current += posterior[z] * (right * lo + (1 - right) * hi);
                    }
                    int bestV = values[a];
                    double bestValue = current;
                    for (int v = 0; v < size; v++) {
                        if (v == values[a]) {
                            continue;
                        }
                        double val = 0;
                        for (int z = 0; z < clusters; z++) {
                            if (posterior[z] == 0) {
                                continue;
                            }
                            double right = model.probability(z, a, v);
                            val += posterior[z] * (right * lower[z] + (1 - right) * upper[z]);
                        }
                        if (Objective.improves(val, bestValue)) {
                            bestValue = val;
                            bestV = v;
                        }
                    }
                    if (bestV != values[a]) {
                        values[a] = bestV;
                        improved = true;
                        changed = i;
                    }
                    for (int z = 0; z < clusters; z++) {
                        if (posterior[z] != 0) {
                            addFactor(pmf[z], i, 1 - model.probability(z, a, values[a]));
                        }
                    }
                }
                lastChange = changed;
            }
            evaluateCurrent();
        }

        void evaluateCurrent() {
            if (objective.maximin()) {
                lex = lexLevels(pmf);
                value = Double.NaN;
            } else {
                value = expected(pmf);
            }
        }

        double expected(double[][] d) {
            double acc = 0;
            for (int z = 0; z < clusters; z++) {
                if (posterior[z] == 0) {
                    continue;
                }
                double e = 0;
                double[] dz = d[z];
                for (int m = 0; m < dz.length; m++) {
                    e += dz[m] * fOfMistakes[m];
                }
                acc += posterior[z] * e;
            }
            return acc;
        }

        double[] lexLevels(double[][] d) {
            int g = guessed.length;
            double[] out = new double[2 * Math.min(LexLevels.LEVELS, g + 1)];
            int size = 0;
            for (int m = g; m >= 0 && size < LexLevels.LEVELS; m--) {
                double mass = 0;
                for (int z = 0; z < clusters; z++) {
                    mass += posterior[z] * d[z][m];
                }
                if (mass > 0) {
                    out[2 * size] = base - m;
                    out[2 * size + 1] = Math.log(mass);
                    size++;
                }
            }
            return java.util.Arrays.copyOf(out, 2 * size);
        }
    }

    /**
     * Component z's suffix functionals for a response: block i (from {@code zo + off[i]}, k = 0..i+1) holds
     * {@code B_i[k] = Σ_j S_i[j]·fm[k + j]}, S_i the distribution of mistakes at the guessed positions after i, computed
     * from the last position backwards: {@code B_{i−1}[k] = (1 − w_i)·B_i[k] + w_i·B_i[k + 1]}. With {@code all} false
     * only the blocks below {@code top} are computed, from block top as it stands.
     */
    private static void suffixFunctionals(PopulationModel model, int z, int[] guessed, int[] values, double[] fm,
                                          int[] off, double[] suffix, int zo, int top, boolean all) {
        int g = guessed.length;
        int start = top;
        if (all) {
            System.arraycopy(fm, 0, suffix, zo + off[g - 1], g + 1);
            start = g - 1;
        }
        for (int i = start; i > 0; i--) {
            double w = 1 - model.probability(z, guessed[i], values[guessed[i]]);
            double keep = 1 - w;
            int from = zo + off[i];
            int to = zo + off[i - 1];
            for (int k = 0; k <= i; k++) {
                suffix[to + k] = keep * suffix[from + k] + w * suffix[from + k + 1];
            }
        }
    }

    /**
     * Each component's expectation of a function g of the utility under a response, with every guessed attribute's
     * mistake left out in turn: {@code lower[i][z] = E_z[g(T − M₋ᵢ)]} and {@code upper[i][z] = E_z[g(T − M₋ᵢ − 1)]},
     * M₋ᵢ the mistakes at the guessed positions other than i, and {@code all[z] = E_z[g(T − M)]}, given
     * {@code gm[m] = g(T − m)} for m = 0..G. O(K·G²) by prefix distributions and suffix functionals, as in the ascent.
     */
    record Marginals(double[][] lower, double[][] upper, double[] all) {
    }

    static Marginals marginals(PopulationModel model, int[] guessed, int[] values, double[] gm) {
        int g = guessed.length;
        int k = model.components();
        double[][] lower = new double[g][k];
        double[][] upper = new double[g][k];
        double[] all = new double[k];
        double[] fm = gm;
        if (g == 0) {
            java.util.Arrays.fill(all, fm[0]);
            return new Marginals(lower, upper, all);
        }
        int[] off = new int[g + 1];
        for (int i = 0; i < g; i++) {
            off[i + 1] = off[i] + i + 2;
        }
        double[] suffix = new double[off[g]];
        double[] p = new double[g + 1];
        for (int z = 0; z < k; z++) {
            suffixFunctionals(model, z, guessed, values, fm, off, suffix, 0, g - 1, true);
            java.util.Arrays.fill(p, 0.0);
            p[0] = 1.0;
            for (int i = 0; i < g; i++) {
                int b = off[i];
                double lo = 0;
                double hi = 0;
                for (int m = 0; m <= i; m++) {
                    lo += p[m] * suffix[b + m];
                    hi += p[m] * suffix[b + m + 1];
                }
                lower[i][z] = lo;
                upper[i][z] = hi;
                addFactor(p, i, 1 - model.probability(z, guessed[i], values[guessed[i]]));
            }
            double e = 0;
            for (int m = 0; m <= g; m++) {
                e += p[m] * fm[m];
            }
            all[z] = e;
        }
        return new Marginals(lower, upper, all);
    }

    /** Convolves d[0..len] with a Bernoulli(wrong) in place; d must have room for len + 2 entries. */
    static void addFactor(double[] d, int len, double wrong) {
        d[len + 1] = d[len] * wrong;
        for (int m = len; m > 0; m--) {
            d[m] = d[m] * (1 - wrong) + d[m - 1] * wrong;
        }
        d[0] *= 1 - wrong;
    }

    /**
     * Removes a Bernoulli(wrong) factor from d[0..len] into out[0..len−1], recursing from the end where dividing by
     * the larger of the two probabilities keeps the error from growing.
     */
    static void removeFactor(double[] d, int len, double wrong, double[] out) {
        if (wrong <= 0.5) {
            double inv = 1 / (1 - wrong);
            out[0] = d[0] * inv;
            for (int m = 1; m < len; m++) {
                out[m] = (d[m] - out[m - 1] * wrong) * inv;
            }
        } else {
            double inv = 1 / wrong;
            double keep = 1 - wrong;
            out[len - 1] = d[len] * inv;
            for (int m = len - 1; m > 0; m--) {
                out[m - 1] = (d[m] - out[m] * keep) * inv;
            }
        }
        for (int m = 0; m < len; m++) {
            if (out[m] < 0) {
                out[m] = 0; // rounding residue
            }
        }
    }
}
