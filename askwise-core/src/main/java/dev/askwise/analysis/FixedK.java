package dev.askwise.analysis;

/**
 * The outcome of asking exactly k questions and then answering with the welfare-optimal response.
 *
 * @param k                  number of questions asked, in [0, n]
 * @param ede                equally-distributed-equivalent utility {@code EDE_γ = M_{1−γ}(U+s) − s}; at γ = ∞ the
 *                           smallest utility with positive probability
 * @param meanUtility        {@code E[U]} under the same (γ-optimal) response
 * @param atkinson           Atkinson index {@code 1 − (EDE+s)/(E[U]+s)}
 * @param response           {@code g*(r)} for r = 0..k: the number of ones put among the n − k guessed features; −1
 *                           where r has probability 0
 * @param rProbabilities     {@code P(R_k = r)} for r = 0..k
 * @param entropyBits        Shannon entropy (bits) of the output {@code g*(R)} (Lemma 7)
 * @param clusterMeanUtility {@code E[U | cluster]} for clusters 0 and 1; NaN for a cluster with prior 0
 */
public record FixedK(int k, double ede, double meanUtility, double atkinson, int[] response, double[] rProbabilities,
                     double entropyBits, double[] clusterMeanUtility) {

    /** Validates lengths and copies the arrays. */
    public FixedK {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0: " + k);
        }
        if (response.length != k + 1 || rProbabilities.length != k + 1) {
            throw new IllegalArgumentException("response and rProbabilities must have k + 1 = " + (k + 1)
                + " entries: " + response.length + ", " + rProbabilities.length);
        }
        if (clusterMeanUtility.length != 2) {
            throw new IllegalArgumentException("clusterMeanUtility must have 2 entries: " + clusterMeanUtility.length);
        }
        response = response.clone();
        rProbabilities = rProbabilities.clone();
        clusterMeanUtility = clusterMeanUtility.clone();
    }

    @Override
    public int[] response() {
        return response.clone();
    }

    @Override
    public double[] rProbabilities() {
        return rProbabilities.clone();
    }

    @Override
    public double[] clusterMeanUtility() {
        return clusterMeanUtility.clone();
    }

    /** {@code g*(r)}, or −1 when r has probability 0. */
    public int response(int r) {
        return response[r];
    }
}
