package dev.askwise.sim;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import dev.askwise.policy.InfoGainTree;
import dev.askwise.welfare.UtilityDistribution;
import dev.askwise.welfare.WelfareFunction;

/**
 * The paper's §7 experiment: the information-gain tree asks k questions along each user's path and sets every other
 * attribute to its most common value at the node reached; for every k = 0..n this records each user's mistakes and
 * questions, from which {@code U = n − m − c·k} and welfare follow for any cost c and γ. In-sample (the tree is grown
 * on the users it is evaluated on, as the paper did) or cross-validated (grown on the other folds: the honest number).
 */
public final class TreeCurve {

    private final int attributes;
    private final int[][] mistakes;
    private final int[][] questions;
    private final int[][] scored;

    private TreeCurve(int attributes, int[][] mistakes, int[][] questions, int[][] scored) {
        this.attributes = attributes;
        this.mistakes = mistakes;
        this.questions = questions;
        this.scored = scored;
    }

    /** The tree grown on all users and evaluated on the same users. */
    public static TreeCurve inSample(Dataset data) {
        InfoGainTree tree = InfoGainTree.train(data, data.schema().size(), 2);
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        TreeCurve c = empty(data);
        c.evaluate(tree, data, all);
        return c;
    }

    /** Each fold's users evaluated with a tree grown on the other folds. */
    public static TreeCurve crossValidated(Dataset data, int folds, long seed) {
        int[] assignment = data.folds(folds, seed);
        TreeCurve c = empty(data);
        for (int f = 0; f < folds; f++) {
            InfoGainTree tree = InfoGainTree.train(data.subset(Dataset.indices(assignment, f, true)),
                data.schema().size(), 2);
            c.evaluate(tree, data, Dataset.indices(assignment, f, false));
        }
        return c;
    }

    private static TreeCurve empty(Dataset data) {
        int n = data.schema().size();
        return new TreeCurve(n, new int[n + 1][data.size()], new int[n + 1][data.size()],
            new int[n + 1][data.size()]);
    }

    private void evaluate(InfoGainTree tree, Dataset data, int[] users) {
        int[] asked = new int[1];
        for (int i : users) {
            Profile truth = data.profile(i);
            for (int k = 0; k <= attributes; k++) {
                int[] out = tree.elicit(truth, k, asked);
                int m = 0;
                int counted = 0;
                for (int a = 0; a < attributes; a++) {
                    if (truth.isKnown(a)) {
                        counted++;
                        m += out[a] != truth.value(a) ? 1 : 0;
                    }
                }
                mistakes[k][i] = m;
                questions[k][i] = asked[0];
                scored[k][i] = counted;
            }
        }
    }

    public int attributes() {
        return attributes;
    }

    public int users() {
        return mistakes[0].length;
    }

    /** Every user's utility with k questions at cost c. */
    public UtilityDistribution utilities(int k, double cost) {
        int users = users();
        double[] u = new double[users];
        double[] p = new double[users];
        for (int i = 0; i < users; i++) {
            u[i] = scored[k][i] - mistakes[k][i] - cost * questions[k][i];
            p[i] = 1.0 / users;
        }
        return UtilityDistribution.of(u, p);
    }

    public double meanQuestions(int k) {
        double s = 0;
        for (int q : questions[k]) {
            s += q;
        }
        return s / users();
    }

    /** {@code EDE_γ} with k questions at cost c. */
    public double ede(int k, double cost, WelfareFunction w) {
        return w.ede(utilities(k, cost));
    }

    /** The welfare-optimal k (ties to fewer questions; γ = ∞ by the lexicographic order on the utility histogram). */
    public int optimalK(double cost, WelfareFunction w) {
        int best = 0;
        for (int k = 1; k <= attributes; k++) {
            if (w.isMaximin() ? lexBetter(utilities(k, cost), utilities(best, cost))
                : ede(k, cost, w) > ede(best, cost, w) + 1e-12) {
                best = k;
            }
        }
        return best;
    }

    private static boolean lexBetter(UtilityDistribution a, UtilityDistribution b) {
        double[] ua = a.values();
        double[] pa = a.probabilities();
        double[] ub = b.values();
        double[] pb = b.probabilities();
        int i = 0;
        int j = 0;
        while (i < ua.length && j < ub.length) {
            if (Math.abs(ua[i] - ub[j]) > 1e-9) {
                return ua[i] > ub[j];
            }
            if (Math.abs(pa[i] - pb[j]) > 1e-12) {
                return pa[i] < pb[j];
            }
            i++;
            j++;
        }
        return false;
    }
}
