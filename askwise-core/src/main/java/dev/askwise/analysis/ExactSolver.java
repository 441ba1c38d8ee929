package dev.askwise.analysis;

import dev.askwise.math.LogMath;
import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Exact solver of the stylized model (MODEL-NOTES §1–3, §5). For finite γ it maximises {@code E[f(U)]} with
 * {@code f_S(X) = (X/S)^q/q} (q = 1 − γ, {@code ln(X/S)} at q = 0, X = U + s), where S is a fixed scale that keeps
 * powers inside the double range; for γ = ∞ it applies the lexicographic order of MODEL-NOTES §2.
 *
 * <p>Complexity (finite γ): for each k, {@code e0[g] = E[f(U) | cluster 0, g]} for all g is computed in
 * {@code O((n−k)^2)} by the recursion {@code W_b(o) = (1−ε)·W_{b−1}(o+1) + ε·W_{b−1}(o)} (expected objective with b
 * guessed ones and o mistakes already made) followed by one binomial sum per g; cluster 1 is the mirror image
 * {@code e1[g] = e0[n−k−g]}. The smallest maximiser of each r's objective is found by a scan over g (O(n−k) per r,
 * within the cost of e0), compared with a tolerance relative to the objective's own values. All k: {@code O(n^3)}
 * time, {@code O(n^2)} memory. γ = ∞: O(1) candidate responses per r from Theorem 1's closed form, compared
 * lexicographically: {@code O(n^2)}.
 */
final class ExactSolver {

    /** Relative tolerance below which two objective values are treated as tied. */
    static final double REL_TOL = 1e-10;
    /** Utility levels compared before two distributions are declared tied (γ = ∞). */
    static final int LEX_LEVELS = 64;
    /** Lowest utility levels kept per state in the γ = ∞ adaptive program. */
    static final int ADAPTIVE_LEX_LEVELS = 8;
    private static final int PARALLEL_THRESHOLD = 48;

    private final SymmetricMixture model;
    private final int n;
    private final double eps;
    private final double cost;
    private final WelfareFunction welfare;
    private final boolean maximin;
    private final dev.askwise.welfare.@Nullable ScaledObjective f;

    /** Binomial(a, ε) probabilities for a = 0..n, shared by every k (finite γ only). */
    private double @Nullable [][] binomialRows;

    final int[][] response;
    final double[][] logProbR;
    final double[][] post1;
    final double @Nullable [][] bestValue;

    ExactSolver(SymmetricMixture model, double cost, WelfareFunction welfare) {
        this.model = model;
        this.n = model.n();
        this.eps = model.eps();
        this.cost = cost;
        this.welfare = welfare;
        this.maximin = welfare.isMaximin();
        this.f = maximin ? null : dev.askwise.welfare.ScaledObjective.of(welfare, n, cost);
        this.response = new int[n + 1][];
        this.logProbR = new double[n + 1][];
        this.post1 = new double[n + 1][];
        this.bestValue = maximin ? null : new double[n + 1][];
    }

    /** Solves every k, in parallel for large n. */
    ExactSolver solve() {
        if (!maximin) {
            binomialRows = new double[n + 1][];
            for (int a = 0; a <= n; a++) {
                binomialRows[a] = new double[a + 1];
                LogMath.binomialPmf(a, eps, binomialRows[a]);
            }
        }
        IntStream ks = IntStream.rangeClosed(0, n);
        if (n >= PARALLEL_THRESHOLD) {
            ks = ks.parallel();
        }
        ks.forEach(this::solveK);
        return this;
    }

    private void solveK(int k) {
        int[] resp = new int[k + 1];
        double[] lpr = new double[k + 1];
        double[] p1 = new double[k + 1];
        double[] lj0 = new double[k + 1];
        double[] lj1 = new double[k + 1];
        for (int r = 0; r <= k; r++) {
            lj0[r] = model.logJoint(0, k, r);
            lj1[r] = model.logJoint(1, k, r);
            lpr[r] = LogMath.logSumExp(lj0[r], lj1[r]);
            p1[r] = lpr[r] == Double.NEGATIVE_INFINITY ? Double.NaN : Math.exp(lj1[r] - lpr[r]);
        }
        if (maximin) {
            for (int r = 0; r <= k; r++) {
                resp[r] = maximinResponse(k, lj0[r] - lpr[r], lj1[r] - lpr[r]);
            }
        } else {
            double[] best = new double[k + 1];
            double[] e0 = clusterZeroObjective(k);
            int guessed = n - k;
            for (int r = 0; r <= k; r++) {
                if (Double.isNaN(p1[r])) {
                    resp[r] = -1;
                    best[r] = Double.NaN;
                    continue;
                }
                double w1 = p1[r];
                double w0 = Math.exp(lj0[r] - lpr[r]);
                int g = argmaxConcave(w0, w1, e0, guessed);
                resp[r] = g;
                best[r] = w0 * e0[g] + w1 * e0[guessed - g];
            }
            Objects.requireNonNull(bestValue, "finite gamma")[k] = best;
        }
        response[k] = resp;
        logProbR[k] = lpr;
        post1[k] = p1;
    }

    /** {@code e0[g] = E[f_S(U) | cluster 0, k questions, g ones guessed]} for g = 0..n−k, in O((n−k)^2). */
    double[] clusterZeroObjective(int k) {
        int guessed = n - k;
        double[] w = new double[guessed + 1];
        double base = n - cost * k + welfare.shift();
        for (int m = 0; m <= guessed; m++) {
            w[m] = scaledObjective(base - m);
        }
        double[] e0 = new double[guessed + 1];
        for (int b = 0; b <= guessed; b++) {
            if (b > 0) {
                for (int o = 0; o <= guessed - b; o++) {
                    w[o] = (1.0 - eps) * w[o + 1] + eps * w[o];
                }
            }
            e0[b] = dot(Objects.requireNonNull(binomialRows, "built by solve()")[guessed - b], w);
        }
        return e0;
    }

    /** {@code Σ_i pmf[i]·w[i]} over pmf's length, with four accumulators so the additions can overlap. */
    private static double dot(double[] pmf, double[] w) {
        int len = pmf.length;
        double a0 = 0.0;
        double a1 = 0.0;
        double a2 = 0.0;
        double a3 = 0.0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            a0 += pmf[i] * w[i];
            a1 += pmf[i + 1] * w[i + 1];
            a2 += pmf[i + 2] * w[i + 2];
            a3 += pmf[i + 3] * w[i + 3];
        }
        for (; i < len; i++) {
            a0 += pmf[i] * w[i];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /** {@code f_S(x)} for a shifted utility x = U + s. */
    double scaledObjective(double x) {
        return Objects.requireNonNull(f, "finite gamma").ofShifted(x);
    }

    /** Inverse of the mean objective: the power mean {@code M_q(U+s)}. */
    double powerMeanOf(double meanObjective) {
        return Objects.requireNonNull(f, "finite gamma").inverse(meanObjective);
    }

    static boolean improves(double candidate, double incumbent) {
        double mag = Math.max(1.0, Math.max(Math.abs(candidate), Math.abs(incumbent)));
        return candidate - incumbent > REL_TOL * mag;
    }

    /**
     * Whether one value of the scaled objective beats another beyond rounding: relative to the values themselves. The
     * power objective keeps its sign, and at large γ and n its values near the optimum are far below 1 (n = 300, γ =
     * 10: about 1e-9), so a tolerance of {@code 1e-10·max(1, |v|)} declared every response tied and the search took
     * the smallest; only the logarithm (γ = 1) crosses zero, and it keeps the floor of 1.
     */
    private boolean improvesObjective(double candidate, double incumbent) {
        double floor = welfare.exponent() == 0.0 ? 1.0 : Double.MIN_NORMAL;
        double mag = Math.max(floor, Math.max(Math.abs(candidate), Math.abs(incumbent)));
        return candidate - incumbent > REL_TOL * mag;
    }

    /**
     * Smallest maximiser of {@code w0·e0[g] + w1·e0[L−g]}, g in [0, L], by a scan (O(L) per r, within the O((n−k)^2)
     * of e0 itself): a scan needs no shape of the sequence, where the former binary search needed it concave and its
     * steps resolved by the tolerance.
     */
    private int argmaxConcave(double w0, double w1, double[] e0, int guessed) {
        double top = Double.NEGATIVE_INFINITY;
        for (int g = 0; g <= guessed; g++) { // a plain maximum first (no branch the JIT cannot fold)
            top = Math.max(top, w0 * e0[g] + w1 * e0[guessed - g]);
        }
        for (int g = 0; ; g++) { // then the smallest response within the tolerance of it
            if (!improvesObjective(top, w0 * e0[g] + w1 * e0[guessed - g])) {
                return g;
            }
        }
    }

    /**
     * The lexicographically optimal response at γ = ∞ given the log posterior of each cluster. With both clusters
     * possible and 0 &lt; ε &lt; ½, the probability of the worst outcome (every guess wrong) is
     * {@code π0·ε^(L−g)(1−ε)^g + π1·(1−ε)^(L−g)ε^g}, strictly convex in g with its minimum at
     * {@code g0 = L/2 + ln(π1/π0)/(2 ln((1−ε)/ε))} (Theorem 1), so only ⌊g0⌋ and ⌈g0⌉ are candidates.
     */
    private int maximinResponse(int k, double lp0, double lp1) {
        int guessed = n - k;
        boolean has0 = lp0 > Double.NEGATIVE_INFINITY;
        boolean has1 = lp1 > Double.NEGATIVE_INFINITY;
        if (!has0 && !has1) {
            return -1;
        }
        if (guessed == 0 || eps == 0.5) {
            return 0;
        }
        if (!has1) {
            return 0;
        }
        if (!has0) {
            return guessed;
        }
        if (eps == 0.0) {
            int best = 0;
            for (int g = 1; g <= guessed; g++) {
                if (compareResponses(k, lp0, lp1, g, best) > 0) {
                    best = g;
                }
            }
            return best;
        }
        double lnRho = Math.log1p(-eps) - Math.log(eps);
        double g0 = guessed / 2.0 + (lp1 - lp0) / (2.0 * lnRho);
        int a = (int) Math.max(0, Math.min(guessed, Math.floor(g0)));
        int b = (int) Math.max(0, Math.min(guessed, Math.ceil(g0)));
        if (a == b) {
            return a;
        }
        if (Math.abs(lp1 - lp0) < 1e-12 && a + b == guessed) {
            return a; // mirror images under equal posteriors: identical distributions
        }
        return compareResponses(k, lp0, lp1, b, a) > 0 ? b : a;
    }

    private int compareResponses(int k, double lp0, double lp1, int ga, int gb) {
        LevelSource a = new LevelSource(model, cost, 2);
        a.add(lp0, 0, k, ga);
        a.add(lp1, 1, k, ga);
        LevelSource b = new LevelSource(model, cost, 2);
        b.add(lp0, 0, k, gb);
        b.add(lp1, 1, k, gb);
        return LevelSource.compare(a, b, LEX_LEVELS);
    }

    /** The population utility distribution after k questions, as a lazy level source (γ = ∞ comparisons). */
    LevelSource populationLevels(int k) {
        LevelSource src = new LevelSource(model, cost, 2 * (k + 1));
        for (int r = 0; r <= k; r++) {
            int g = response[k][r];
            if (g < 0) {
                continue;
            }
            src.add(model.logJoint(0, k, r), 0, k, g);
            src.add(model.logJoint(1, k, r), 1, k, g);
        }
        return src;
    }

    /** {@code EDE_γ} of asking k questions. */
    double ede(int k) {
        if (maximin) {
            return minUtility(k);
        }
        double[][] bestValue = Objects.requireNonNull(this.bestValue, "finite gamma");
        double acc = 0.0;
        for (int r = 0; r <= k; r++) {
            if (response[k][r] >= 0) {
                acc += Math.exp(logProbR[k][r]) * bestValue[k][r];
            }
        }
        return powerMeanOf(acc) - welfare.shift();
    }

    /** Smallest utility with positive probability after k questions. */
    double minUtility(int k) {
        int worst = 0;
        for (int r = 0; r <= k; r++) {
            int g = response[k][r];
            if (g < 0) {
                continue;
            }
            for (int cl = 0; cl <= 1; cl++) {
                if (model.logJoint(cl, k, r) > Double.NEGATIVE_INFINITY) {
                    worst = Math.max(worst, maxMistakes(cl, n - k, g));
                }
            }
        }
        return n - cost * k - worst;
    }

    private int maxMistakes(int cluster, int guessed, int g) {
        int zeros = guessed - g;
        if (cluster == 0) {
            return (eps > 0.0 ? zeros : 0) + g;
        }
        return zeros + (eps > 0.0 ? g : 0);
    }

    /** Welfare-optimal k (ties to fewer questions). Requires {@link #solve()}. */
    int kStar(double[] edeByK) {
        int best = 0;
        if (maximin) {
            for (int k = 1; k <= n; k++) {
                if (LevelSource.compare(populationLevels(k), populationLevels(best), LEX_LEVELS) > 0) {
                    best = k;
                }
            }
            return best;
        }
        for (int k = 1; k <= n; k++) {
            if (improves(edeByK[k], edeByK[best])) {
                best = k;
            }
        }
        return best;
    }

    /** Expected mistakes of response g given the cluster, with n − k guessed features. */
    private double expectedMistakes(int cluster, int guessed, int g) {
        double wrongIfZero = cluster == 0 ? eps : 1.0 - eps;
        return (guessed - g) * wrongIfZero + g * (1.0 - wrongIfZero);
    }

    /** Builds the full result for k; requires {@link #solve()}. */
    FixedK fixedK(int k, double ede) {
        int guessed = n - k;
        double[] rProb = new double[k + 1];
        double mean = 0.0;
        double[] clusterMean = new double[2];
        Map<Integer, Double> outputs = new HashMap<>();
        for (int r = 0; r <= k; r++) {
            int g = response[k][r];
            rProb[r] = Math.exp(logProbR[k][r]);
            if (g < 0) {
                continue;
            }
            double pi1 = post1[k][r];
            double base = n - cost * k;
            mean += rProb[r] * (base - (1.0 - pi1) * expectedMistakes(0, guessed, g)
                - pi1 * expectedMistakes(1, guessed, g));
            outputs.merge(g, rProb[r], Double::sum);
        }
        for (int cl = 0; cl <= 1; cl++) {
            double prior = cl == 0 ? model.p() : 1.0 - model.p();
            if (prior == 0.0) {
                clusterMean[cl] = Double.NaN;
                continue;
            }
            double acc = 0.0;
            for (int r = 0; r <= k; r++) {
                int g = response[k][r];
                double lj = model.logJoint(cl, k, r);
                if (g < 0 || lj == Double.NEGATIVE_INFINITY) {
                    continue;
                }
                acc += Math.exp(lj - model.logPrior(cl)) * (n - cost * k - expectedMistakes(cl, guessed, g));
            }
            clusterMean[cl] = acc;
        }
        double[] outProb = outputs.values().stream().mapToDouble(Double::doubleValue).toArray();
        double atkinson = mean + welfare.shift() > 0.0 ? welfare.atkinson(ede, mean) : Double.NaN;
        return new FixedK(k, ede, mean, atkinson, response[k], rProb, LogMath.entropyBits(outProb), clusterMean);
    }

    /** The optimal adaptive policy (MODEL-NOTES §5); requires {@link #solve()}. */
    AdaptivePolicy adaptive(double bestFixedEde) {
        boolean[][] ask = new boolean[n + 1][];
        for (int k = 0; k <= n; k++) {
            ask[k] = new boolean[k + 1];
        }
        double ede;
        if (maximin) {
            adaptiveMaximin(ask);
            ede = Double.NaN; // filled by the forward pass
        } else {
            double[][] bestValue = Objects.requireNonNull(this.bestValue, "finite gamma");
            double[][] v = new double[n + 1][];
            v[n] = bestValue[n].clone();
            for (int k = n - 1; k >= 0; k--) {
                v[k] = new double[k + 1];
                for (int t = 0; t <= k; t++) {
                    double pi1 = post1[k][t];
                    if (Double.isNaN(pi1)) {
                        v[k][t] = Double.NaN;
                        continue;
                    }
                    double stop = bestValue[k][t];
                    double pred1 = (1.0 - pi1) * eps + pi1 * (1.0 - eps);
                    double pred0 = 1.0 - pred1;
                    double cont = (pred1 > 0.0 ? pred1 * v[k + 1][t + 1] : 0.0)
                        + (pred0 > 0.0 ? pred0 * v[k + 1][t] : 0.0);
                    ask[k][t] = improvesObjective(cont, stop);
                    v[k][t] = ask[k][t] ? cont : stop;
                }
            }
            ede = powerMeanOf(v[0][0]) - welfare.shift();
        }
        return forward(ask, ede, bestFixedEde);
    }

    private void adaptiveMaximin(boolean[][] ask) {
        double[][][] vec = new double[n + 1][][];
        vec[n] = new double[n + 1][];
        for (int t = 0; t <= n; t++) {
            vec[n][t] = Double.isNaN(post1[n][t]) ? null : stopVector(n, t);
        }
        for (int k = n - 1; k >= 0; k--) {
            vec[k] = new double[k + 1][];
            final int depth = k;
            IntStream ts = IntStream.rangeClosed(0, k);
            if (k >= PARALLEL_THRESHOLD) {
                ts = ts.parallel();
            }
            ts.forEach(t -> {
                double pi1 = post1[depth][t];
                if (Double.isNaN(pi1)) {
                    return;
                }
                double[] stop = stopVector(depth, t);
                double pred1 = (1.0 - pi1) * eps + pi1 * (1.0 - eps);
                double pred0 = 1.0 - pred1;
                double[] cont = dev.askwise.welfare.LexLevels.mix(pred1 > 0.0 ? vec[depth + 1][t + 1] : null, pred1,
                    pred0 > 0.0 ? vec[depth + 1][t] : null, pred0, ADAPTIVE_LEX_LEVELS);
                ask[depth][t] = dev.askwise.welfare.LexLevels.compare(cont, stop) > 0;
                vec[depth][t] = ask[depth][t] ? cont : stop;
            });
            vec[k + 1] = null; // no longer needed
        }
    }

    private double[] stopVector(int k, int t) {
        double pi1 = post1[k][t];
        LevelSource src = new LevelSource(model, cost, 2);
        int g = response[k][t];
        src.add(Math.log1p(-pi1), 0, k, g);
        src.add(Math.log(pi1), 1, k, g);
        double[] buf = new double[2 * ADAPTIVE_LEX_LEVELS];
        int size = 0;
        while (size < ADAPTIVE_LEX_LEVELS && src.advance()) {
            buf[2 * size] = src.utility;
            buf[2 * size + 1] = src.logMass;
            size++;
        }
        return java.util.Arrays.copyOf(buf, 2 * size);
    }

    /** Forward pass: reach probabilities, questions, utilities; EDE at γ = ∞ is the smallest reachable utility. */
    private AdaptivePolicy forward(boolean[][] ask, double ede, double bestFixedEde) {
        double[] reach = {1.0};
        double[][] reachCl = {{1.0}, {1.0}};
        double[] stopProb = new double[n + 1];
        double meanU = 0.0;
        double meanQ = 0.0;
        double[] clMean = new double[2];
        double minU = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            double[] next = new double[k + 2];
            double[][] nextCl = new double[2][k + 2];
            int guessed = n - k;
            for (int t = 0; t <= k; t++) {
                if (reach[t] == 0.0 && reachCl[0][t] == 0.0 && reachCl[1][t] == 0.0) {
                    continue;
                }
                double pi1 = post1[k][t];
                if (k < n && ask[k][t]) {
                    double pred1 = (1.0 - pi1) * eps + pi1 * (1.0 - eps);
                    next[t + 1] += reach[t] * pred1;
                    next[t] += reach[t] * (1.0 - pred1);
                    nextCl[0][t + 1] += reachCl[0][t] * eps;
                    nextCl[0][t] += reachCl[0][t] * (1.0 - eps);
                    nextCl[1][t + 1] += reachCl[1][t] * (1.0 - eps);
                    nextCl[1][t] += reachCl[1][t] * eps;
                    continue;
                }
                int g = response[k][t];
                if (g < 0) {
                    continue;
                }
                double base = n - cost * k;
                double em0 = expectedMistakes(0, guessed, g);
                double em1 = expectedMistakes(1, guessed, g);
                stopProb[k] += reach[t];
                meanQ += reach[t] * k;
                meanU += reach[t] * (base - (1.0 - pi1) * em0 - pi1 * em1);
                clMean[0] += reachCl[0][t] * (base - em0);
                clMean[1] += reachCl[1][t] * (base - em1);
                if (reach[t] > 0.0) {
                    int worst = 0;
                    if (pi1 < 1.0) {
                        worst = Math.max(worst, maxMistakes(0, guessed, g));
                    }
                    if (pi1 > 0.0) {
                        worst = Math.max(worst, maxMistakes(1, guessed, g));
                    }
                    minU = Math.min(minU, base - worst);
                }
            }
            reach = next;
            reachCl = nextCl;
        }
        if (model.p() == 0.0) {
            clMean[0] = Double.NaN;
        }
        if (model.p() == 1.0) {
            clMean[1] = Double.NaN;
        }
        double finalEde = maximin ? minU : ede;
        return new AdaptivePolicy(finalEde, meanU, meanQ, clMean, finalEde - bestFixedEde, stopProb, ask);
    }
}
