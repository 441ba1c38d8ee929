package dev.askwise.analysis;

/**
 * The optimal adaptive querying policy for the stylized model: after each answer, ask again or stop and answer with
 * the γ-optimal response. Solved exactly by dynamic programming over the states (questions asked q, ones seen t),
 * which are sufficient statistics because features are exchangeable.
 *
 * @param ede                 {@code EDE_γ} of the policy (at γ = ∞ the smallest reachable utility)
 * @param meanUtility         {@code E[U]} of the policy
 * @param meanQuestions       expected number of questions asked
 * @param clusterMeanUtility  {@code E[U | cluster]} for clusters 0 and 1; NaN for a cluster with prior 0
 * @param gainOverBestFixed   {@code ede} minus the EDE of the best fixed number of questions k* (never negative)
 * @param stopProbabilities   element q is the probability of stopping after exactly q questions
 */
public record AdaptivePolicy(double ede, double meanUtility, double meanQuestions, double[] clusterMeanUtility,
                             double gainOverBestFixed, double[] stopProbabilities, boolean[][] askTable) {

    /** Copies the arrays. */
    public AdaptivePolicy {
        clusterMeanUtility = clusterMeanUtility.clone();
        stopProbabilities = stopProbabilities.clone();
        boolean[][] copy = new boolean[askTable.length][];
        for (int q = 0; q < askTable.length; q++) {
            copy[q] = askTable[q].clone();
        }
        askTable = copy;
    }

    @Override
    public double[] clusterMeanUtility() {
        return clusterMeanUtility.clone();
    }

    @Override
    public double[] stopProbabilities() {
        return stopProbabilities.clone();
    }

    @Override
    public boolean[][] askTable() {
        boolean[][] copy = new boolean[askTable.length][];
        for (int q = 0; q < askTable.length; q++) {
            copy[q] = askTable[q].clone();
        }
        return copy;
    }

    /** True when the policy asks another question after q questions of which t were answered 1. */
    public boolean asks(int q, int t) {
        if (q < 0 || q >= askTable.length || t < 0 || t > q) {
            throw new IllegalArgumentException("state must satisfy 0 <= t <= q < " + askTable.length + ": q=" + q
                + ", t=" + t);
        }
        return askTable[q][t];
    }
}
