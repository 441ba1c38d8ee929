package dev.askwise.policy;

import dev.askwise.Profile;
import dev.askwise.math.LogMath;
import dev.askwise.model.PopulationModel;

/**
 * The welfare-optimal response of a general latent-class model: the values to output for the unknown, inferable
 * attributes given the posterior over clusters.
 *
 * <p>γ = 0: the per-attribute posterior mode (expected utility is linear; Lemma 1), exact. Otherwise the distribution
 * of mistakes within cluster z is Poisson-binomial (independent attributes given z), so {@code E[f(U)]} is exact for a
 * given response; the response is found by coordinate ascent — change one attribute's value at a time while that
 * improves the objective — from several starts (the posterior mode and the mode of each cluster holding at least 1% of
 * the posterior), keeping the best, with each candidate evaluated in O(K·G) by removing one Bernoulli factor from
 * and adding one to the per-cluster distributions. Coordinate ascent is a local method; {@code ResponderTest} checks
 * it against enumeration of every response on small models. γ = ∞ uses the same ascent under the lexicographic order
 * of the lowest {@link LexLevels#LEVELS} utility levels.
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
    public record Response(int[] values, double value, double[] lexLevels, double[] correctProbability) {
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
        Ascent best = new Ascent(model, posterior, guessedIdx, values.clone(), base, objective);
        best.run();
        java.util.Set<String> tried = new java.util.HashSet<>();
        tried.add(java.util.Arrays.toString(values));
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
            if (!tried.add(java.util.Arrays.toString(start))) {
                continue;
            }
            Ascent other = new Ascent(model, posterior, guessedIdx, start, base, objective);
            other.run();
            boolean better = objective.maximin() ? LexLevels.compare(other.lex, best.lex) > 0
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
    public static Response respondExact(PopulationModel model, double[] posterior, Profile known, boolean[] scored,
                                        int questions, Objective objective, int maxResponses) {
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
        int[] guessed = new int[g];
        int gi = 0;
        for (int a = 0; a < attrs; a++) {
            if (scored[a] && !known.isKnown(a)) {
                guessed[gi++] = a;
            }
        }
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
     * A response under the maximin objective restricted to plausible users: {@code min} is the lowest utility over
     * the live components' plausible profiles, {@code mean} the expected utility under the posterior (the tie-break).
     */
    public record Maximin(int[] values, double min, double mean) {
    }

    /**
     * The best γ = ∞ response over plausible users ({@link PopulationModel#live}, {@link PopulationModel#plausible}):
     * in a live component an unknown scored attribute is surely wrong when two or more of its values are plausible,
     * wrong when the response differs from its only plausible value, and never wrong when only "no preference" is.
     * Maximises (lowest utility, then expected utility) lexicographically, by enumeration when there are at most
     * {@code maxResponses} responses (exact), else by coordinate ascent from the posterior mode.
     */
    public static Maximin maximin(PopulationModel model, double[] posterior, boolean[] live, Profile known,
                                  boolean[] scored, int questions, double cost, int maxResponses) {
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
        int[] guessed = new int[g];
        int gi = 0;
        for (int a = 0; a < attrs; a++) {
            if (scored[a] && !known.isKnown(a)) {
                guessed[gi++] = a;
            }
        }
        int k = model.components();
        int liveCount = 0;
        for (boolean b : live) {
            liveCount += b ? 1 : 0;
        }
        int[] comps = new int[liveCount];
        int ci = 0;
        for (int z = 0; z < k; z++) {
            if (live[z]) {
                comps[ci++] = z;
            }
        }
        int[] forced = new int[liveCount];
        int[][] single = new int[liveCount][g]; // the only plausible value, -1 when none can be wrong
        for (int c = 0; c < liveCount; c++) {
            int z = comps[c];
            for (int i = 0; i < g; i++) {
                int a = guessed[i];
                int size = model.schema().get(a).size();
                int count = 0;
                int only = -1;
                for (int v = 0; v < size; v++) {
                    if (model.plausible(z, a, v)) {
                        count++;
                        only = v;
                    }
                }
                if (count >= 2) {
                    forced[c]++;
                    single[c][i] = -1;
                } else {
                    single[c][i] = only;
                }
            }
        }
        double[][] pred = new double[g][];
        for (int i = 0; i < g; i++) {
            pred[i] = model.predictive(posterior, guessed[i]);
        }
        double base = scoredCount - cost * questions;
        int[] best = new int[g];
        for (int i = 0; i < g; i++) {
            best[i] = argmax(pred[i]);
        }
        double[] bestScore;
        if (space <= maxResponses) {
            int[] wrong = forced.clone();
            int[] current = new int[g];
            double[] acc = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
            searchMaximin(model, guessed, single, pred, wrong, 0, 0.0, current, best, acc);
            bestScore = acc;
        } else {
            bestScore = maximinScore(single, forced, pred, best);
            boolean improved = true;
            int sweeps = 0;
            while (improved && sweeps++ < 50) {
                improved = false;
                for (int i = 0; i < g; i++) {
                    int keep = best[i];
                    for (int v = 0; v < pred[i].length; v++) {
                        if (v == keep) {
                            continue;
                        }
                        best[i] = v;
                        double[] s = maximinScore(single, forced, pred, best);
                        if (better(s, bestScore)) {
                            bestScore = s;
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

    /** (worst mistakes, expected mistakes) of a response, as negated scores to maximise. */
    private static double[] maximinScore(int[][] single, int[] forced, double[][] pred, int[] y) {
        int worst = 0;
        for (int c = 0; c < forced.length; c++) {
            int w = forced[c];
            for (int i = 0; i < y.length; i++) {
                if (single[c][i] >= 0 && single[c][i] != y[i]) {
                    w++;
                }
            }
            worst = Math.max(worst, w);
        }
        double expected = 0;
        for (int i = 0; i < y.length; i++) {
            expected += 1 - pred[i][y[i]];
        }
        return new double[] {worst, expected};
    }

    /** Lower (worst, expected) mistakes is better: worst first, then expected beyond 1e-12. */
    private static boolean better(double[] a, double[] b) {
        if (a[0] != b[0]) {
            return a[0] < b[0];
        }
        return a[1] < b[1] - 1e-12;
    }

    private static void searchMaximin(PopulationModel model, int[] guessed, int[][] single, double[][] pred,
                                      int[] wrong, int level, double expected, int[] current, int[] best,
                                      double[] acc) {
        int g = guessed.length;
        if (level == g) {
            int worst = 0;
            for (int w : wrong) {
                worst = Math.max(worst, w);
            }
            double[] s = {worst, expected};
            if (acc[0] == Double.NEGATIVE_INFINITY || better(s, acc)) {
                acc[0] = worst;
                acc[1] = expected;
                System.arraycopy(current, 0, best, 0, g);
            }
            return;
        }
        int size = pred[level].length;
        for (int v = 0; v < size; v++) {
            for (int c = 0; c < wrong.length; c++) {
                if (single[c][level] >= 0 && single[c][level] != v) {
                    wrong[c]++;
                }
            }
            current[level] = v;
            searchMaximin(model, guessed, single, pred, wrong, level + 1, expected + 1 - pred[level][v], current,
                best, acc);
            for (int c = 0; c < wrong.length; c++) {
                if (single[c][level] >= 0 && single[c][level] != v) {
                    wrong[c]--;
                }
            }
        }
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

    /** Coordinate ascent over the guessed attributes' values with exact Poisson-binomial evaluation. */
    private static final class Ascent {
        final PopulationModel model;
        final double[] posterior;
        final int[] guessed;
        final int[] values;
        final double base;
        final Objective objective;
        final int clusters;
        final double[][] pmf; // pmf[z][m], mistakes among guessed attributes within cluster z
        final double[] fOfMistakes; // f(base − m)
        double value;
        double[] lex;

        Ascent(PopulationModel model, double[] posterior, int[] guessed, int[] values, double base, Objective o) {
            this.model = model;
            this.posterior = posterior;
            this.guessed = guessed;
            this.values = values;
            this.base = base;
            this.objective = o;
            this.clusters = model.components();
            this.fOfMistakes = new double[guessed.length + 1];
            if (!o.maximin()) {
                for (int m = 0; m <= guessed.length; m++) {
                    fOfMistakes[m] = o.f(base - m);
                }
            }
            this.pmf = new double[clusters][];
            for (int z = 0; z < clusters; z++) {
                double[] d = new double[guessed.length + 1];
                d[0] = 1.0;
                int len = 0;
                for (int a : guessed) {
                    double wrong = 1 - model.probability(z, a, values[a]);
                    addFactor(d, len++, wrong);
                }
                pmf[z] = d;
            }
        }

        void run() {
            evaluateCurrent();
            int g = guessed.length;
            double[] without = new double[g + 1];
            double[][] candidate = new double[clusters][g + 1];
            boolean improved = true;
            int sweeps = 0;
            while (improved && sweeps++ < 50) {
                improved = false;
                for (int a : guessed) {
                    int size = model.schema().get(a).size();
                    int bestV = values[a];
                    double bestValue = value;
                    double[] bestLex = lex;
                    for (int v = 0; v < size; v++) {
                        if (v == values[a]) {
                            continue;
                        }
                        for (int z = 0; z < clusters; z++) {
                            double oldWrong = 1 - model.probability(z, a, values[a]);
                            removeFactor(pmf[z], g, oldWrong, without);
                            System.arraycopy(without, 0, candidate[z], 0, g);
                            candidate[z][g] = 0;
                            addFactor(candidate[z], g - 1, 1 - model.probability(z, a, v));
                        }
                        if (objective.maximin()) {
                            double[] l = lexLevels(candidate);
                            if (LexLevels.compare(l, bestLex) > 0) {
                                bestLex = l;
                                bestV = v;
                            }
                        } else {
                            double val = expected(candidate);
                            if (Objective.improves(val, bestValue)) {
                                bestValue = val;
                                bestV = v;
                            }
                        }
                    }
                    if (bestV != values[a]) {
                        for (int z = 0; z < clusters; z++) {
                            removeFactor(pmf[z], g, 1 - model.probability(z, a, values[a]), without);
                            System.arraycopy(without, 0, pmf[z], 0, g);
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
            double keep = 1 - wrong;
            out[0] = d[0] / keep;
            for (int m = 1; m < len; m++) {
                out[m] = (d[m] - out[m - 1] * wrong) / keep;
            }
        } else {
            out[len - 1] = d[len] / wrong;
            for (int m = len - 1; m > 0; m--) {
                out[m - 1] = (d[m] - out[m] * (1 - wrong)) / wrong;
            }
        }
        for (int m = 0; m < len; m++) {
            if (out[m] < 0) {
                out[m] = 0; // rounding residue
            }
        }
    }

    /** Entropy in bits of a categorical distribution (for information-gain policies). */
    public static double entropyBits(double[] p) {
        return LogMath.entropyBits(p);
    }
}
