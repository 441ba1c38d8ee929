package dev.askwise.model;

import dev.askwise.math.LogMath;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The stylized population of "When to Ask a Question" (seed 000, §3): a two-cluster Bernoulli mixture over binary
 * preference vectors {@code x ∈ {0,1}^n}.
 *
 * <p>Cluster 0 has prior {@code p} and base vector {@code 0^n}; cluster 1 has prior {@code 1 - p} and base vector
 * {@code 1^n}; every bit flips independently with probability {@code eps ∈ [0, 1/2]}. An assistant that asks about
 * {@code k} features sees {@code r}, the number of ones among them; features are exchangeable, so a response to the
 * other {@code n - k} features is described by {@code g}, the number of ones it puts there.
 *
 * <p>All probabilities are computed in log space (closed forms of MODEL-NOTES §3), so they are finite and correct for
 * n up to {@link #MAX_N}; a probability that is exactly zero (for example {@code eps = 0}) is {@code -Infinity} in log
 * space and {@code 0} in linear space. Instances are immutable and hold no randomness.
 */
public final class SymmetricMixture {

    /** Largest supported number of features. */
    public static final int MAX_N = 2000;

    private final int n;
    private final double p;
    private final double eps;
    private final double logP;
    private final double log1mP;
    private final double logEps;
    private final double log1mEps;

    private SymmetricMixture(int n, double p, double eps) {
        this.n = n;
        this.p = p;
        this.eps = eps;
        this.logP = Math.log(p);
        this.log1mP = Math.log1p(-p);
        this.logEps = Math.log(eps);
        this.log1mEps = Math.log1p(-eps);
    }

    /**
     * Returns the mixture with n features, share {@code p} of the all-zeros cluster and flip rate {@code eps}.
     *
     * @throws IllegalArgumentException if n is outside [1, {@value #MAX_N}], p outside [0, 1] or eps outside [0, 0.5]
     */
    public static SymmetricMixture of(int n, double p, double eps) {
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n must be in [1, " + MAX_N + "]: " + n);
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + fmt(p));
        }
        if (!(eps >= 0.0 && eps <= 0.5)) {
            throw new IllegalArgumentException("eps must be in [0, 0.5]: " + fmt(eps));
        }
        return new SymmetricMixture(n, p, eps);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    /** Number of features n. */
    public int n() {
        return n;
    }

    /** Prior probability of cluster 0 (base vector all zeros). */
    public double p() {
        return p;
    }

    /** Probability that a bit differs from its cluster's base value. */
    public double eps() {
        return eps;
    }

    /** Returns {@code ln P(cluster)}. */
    public double logPrior(int cluster) {
        checkCluster(cluster);
        return cluster == 0 ? logP : log1mP;
    }

    /**
     * Returns {@code ln P(cluster, R_k = r)}, including the binomial coefficient: {@code C(k,r)·p·ε^r(1−ε)^(k−r)} for
     * cluster 0 and {@code C(k,r)·(1−p)·(1−ε)^r ε^(k−r)} for cluster 1.
     */
    public double logJoint(int cluster, int k, int r) {
        checkCluster(cluster);
        checkK(k);
        if (r < 0 || r > k) {
            throw new IllegalArgumentException("r must be in [0, " + k + "]: " + r);
        }
        double logC = LogMath.logBinomialCoefficient(k, r);
        if (cluster == 0) {
            return p == 0.0 ? Double.NEGATIVE_INFINITY : logC + logP + xlog(r, logEps) + xlog(k - r, log1mEps);
        }
        return p == 1.0 ? Double.NEGATIVE_INFINITY : logC + log1mP + xlog(r, log1mEps) + xlog(k - r, logEps);
    }

    private static double xlog(int a, double logValue) {
        return a == 0 ? 0.0 : a * logValue;
    }

    /** Returns {@code ln P(R_k = r)}. */
    public double logProbR(int k, int r) {
        return LogMath.logSumExp(logJoint(0, k, r), logJoint(1, k, r));
    }

    /** Returns the distribution of r after k questions: element r is {@code P(R_k = r)}. */
    public double[] rDistribution(int k) {
        checkK(k);
        double[] out = new double[k + 1];
        for (int r = 0; r <= k; r++) {
            out[r] = Math.exp(logProbR(k, r));
        }
        return out;
    }

    /**
     * Returns {@code P(cluster 1 | R_k = r)}, the cluster posterior, or NaN when r has probability zero.
     */
    public double posteriorCluster1(int k, int r) {
        double l0 = logJoint(0, k, r);
        double l1 = logJoint(1, k, r);
        double z = LogMath.logSumExp(l0, l1);
        if (z == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        return Math.exp(l1 - z);
    }

    /**
     * Returns the posterior predictive probability that a not-yet-revealed feature is 1 given {@code R_k = r}, or NaN
     * when r has probability zero.
     */
    public double predictiveOne(int k, int r) {
        double pi1 = posteriorCluster1(k, r);
        return (1.0 - pi1) * eps + pi1 * (1.0 - eps);
    }

    /**
     * Returns {@code ln P(M = m | cluster, k, g)}: the mistakes of a response with g ones among the n − k guessed
     * features. For cluster 0, {@code M = Bin(n−k−g, ε) + Bin(g, 1−ε)}; cluster 1 swaps ε and 1 − ε.
     */
    public double logMistakes(int cluster, int k, int g, int m) {
        checkCluster(cluster);
        checkK(k);
        int guessed = n - k;
        checkG(g, guessed);
        if (m < 0 || m > guessed) {
            return Double.NEGATIVE_INFINITY;
        }
        // i: mistakes among the guessed zeros (each wrong with qZero), j = m − i among the guessed ones (1 − qZero)
        int zeros = guessed - g;
        double logQZero = cluster == 0 ? logEps : log1mEps;
        double logPZero = cluster == 0 ? log1mEps : logEps;
        int lo = Math.max(0, m - g);
        int hi = Math.min(zeros, m);
        if (lo > hi) {
            return Double.NEGATIVE_INFINITY;
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = hi - lo < 16 ? new double[hi - lo + 1] : null;
        double acc = Double.NEGATIVE_INFINITY;
        for (int i = lo; i <= hi; i++) {
            int j = m - i;
            // P(i | zeros, qZero)·P(j | g, 1 − qZero); the log of a zero probability is −Infinity (0·log 0 = 0)
            double t = LogMath.logBinomialCoefficient(zeros, i) + xlog(i, logQZero) + xlog(zeros - i, logPZero)
                + LogMath.logBinomialCoefficient(g, j) + xlog(j, logPZero) + xlog(g - j, logQZero);
            if (terms != null) {
                terms[i - lo] = t;
                max = Math.max(max, t);
            } else {
                acc = LogMath.logSumExp(acc, t);
            }
        }
        if (terms == null) {
            return acc;
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0.0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    /** Returns the distribution of mistakes, element m is {@code P(M = m | cluster, k, g)} for m in [0, n − k]. */
    public double[] mistakesDistribution(int cluster, int k, int g) {
        checkK(k);
        double[] out = new double[n - k + 1];
        for (int m = 0; m <= n - k; m++) {
            out[m] = Math.exp(logMistakes(cluster, k, g, m));
        }
        return out;
    }

    /**
     * Returns the distribution of mistakes of response g given {@code R_k = r}: the posterior mixture of the two
     * clusters' distributions. Throws if r has probability zero.
     */
    public double[] mistakesGivenR(int k, int r, int g) {
        double pi1 = posteriorCluster1(k, r);
        if (Double.isNaN(pi1)) {
            throw new IllegalArgumentException("r = " + r + " has probability 0 after k = " + k + " questions");
        }
        double[] d0 = mistakesDistribution(0, k, g);
        double[] d1 = mistakesDistribution(1, k, g);
        double[] out = new double[d0.length];
        for (int m = 0; m < out.length; m++) {
            out[m] = (1.0 - pi1) * d0[m] + pi1 * d1[m];
        }
        return out;
    }

    /** One user drawn from the mixture: the cluster and the preference bits. */
    public record User(int cluster, boolean[] bits) {
        /** Validates the cluster and copies the bits. */
        public User {
            checkCluster(cluster);
            bits = bits.clone();
        }

        @Override
        public boolean[] bits() {
            return bits.clone();
        }
    }

    /** Draws one user with the given generator; the model itself holds no randomness. */
    public User sample(SplittableRandom random) {
        int cluster = random.nextDouble() < p ? 0 : 1;
        boolean[] bits = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean flip = random.nextDouble() < eps;
            bits[i] = (cluster == 1) != flip;
        }
        return new User(cluster, bits);
    }

    private static void checkCluster(int cluster) {
        if (cluster != 0 && cluster != 1) {
            throw new IllegalArgumentException("cluster must be 0 or 1: " + cluster);
        }
    }

    private void checkK(int k) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, " + n + "]: " + k);
        }
    }

    private static void checkG(int g, int guessed) {
        if (g < 0 || g > guessed) {
            throw new IllegalArgumentException("g must be in [0, " + guessed + "]: " + g);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymmetricMixture other && n == other.n
            && Double.compare(p, other.p) == 0 && Double.compare(eps, other.eps) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + Double.hashCode(p)) + Double.hashCode(eps);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SymmetricMixture[n=%d, p=%s, eps=%s]", n, p, eps);
    }
}
