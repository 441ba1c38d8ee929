package dev.askwise.sim;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import dev.askwise.policy.InfoGainTree;
import dev.askwise.welfare.UtilityDistribution;
import dev.askwise.welfare.WelfareFunction;

/**
 * The paper's §7 experiment: an information-gain tree asks k questions along each user's path and sets every other
 * attribute to its most common value at the node reached; for every k = 0..n this records each user's mistakes and
 * questions, from which {@code U = n − m − c·q} and welfare follow for any cost c and γ. In-sample (the tree is grown
 * on the users it is evaluated on, as the paper did) or cross-validated (grown on the other folds: the honest number).
 * Two procedures ({@link Procedure}): the paper's, exactly (every user asked k questions, {@code q = k}), and
 * Askwise's informative tree, which stops where no split gains information and charges the questions asked.
 */
public final class TreeCurve {

    /** Which elicitation procedure a curve follows. */
    public enum Procedure {
        /**
         * The paper's procedure as MODEL-NOTES §6 fixes it ({@code PaperTree}): a split at every node, even at zero
         * information gain, ties to the smallest attribute, back-off below 5 training users; everyone pays c·k.
         */
        PAPER,
        /**
         * The information-gain tree of {@code InfoGainTree}: asks only while a split gains information (nodes of
         * at least 2 users) and charges only the questions asked. A better procedure, not the paper's.
         */
        INFORMATIVE;

        /** The command-line name: {@code paper} or {@code informative}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Parses {@code paper} or {@code informative} (case-insensitive). */
        public static Procedure parse(String text) {
            for (Procedure p : values()) {
                if (p.label().equalsIgnoreCase(text.strip())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("--procedure must be paper or informative: '" + text + "'");
        }
    }

    /** Values of EDE within this distance are tied when choosing k* under the paper procedure (ties to fewer). */
    public static final double K_TIE = 1e-9;

    private final Procedure procedure;
    private final int attributes;
    private final int[][] mistakes;
    private final int[][] questions;
    private final int[][] scored;

    private TreeCurve(Procedure procedure, int attributes, int[][] mistakes, int[][] questions, int[][] scored) {
        this.procedure = procedure;
        this.attributes = attributes;
        this.mistakes = mistakes;
        this.questions = questions;
        this.scored = scored;
    }

    /** The informative tree grown on all users and evaluated on the same users (kept for existing callers). */
    public static TreeCurve inSample(Dataset data) {
        return inSample(data, Procedure.INFORMATIVE);
    }

    /** The informative tree, cross-validated (kept for existing callers). */
    public static TreeCurve crossValidated(Dataset data, int folds, long seed) {
        return crossValidated(data, folds, seed, Procedure.INFORMATIVE);
    }

    /**
     * The tree grown on all users and evaluated on the same users, as the paper did.
     *
     * @throws IllegalArgumentException if the data is empty, or incomplete under the paper procedure
     */
    public static TreeCurve inSample(Dataset data, Procedure procedure) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("the SUSHI experiment needs at least one user");
        }
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        TreeCurve c = empty(data, procedure);
        c.evaluate(data, all, all);
        return c;
    }

    /**
     * Each fold's users evaluated with a tree grown on the other folds ({@link Dataset#folds}: a seeded shuffle); the
     * held-out utilities of all folds pooled.
     *
     * @throws IllegalArgumentException if folds is outside [2, users] (the message names the number of users)
     */
    public static TreeCurve crossValidated(Dataset data, int folds, long seed, Procedure procedure) {
        if (data.size() < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 users, the data has "
                + data.size());
        }
        if (folds < 2 || folds > data.size()) {
            throw new IllegalArgumentException("folds must be between 2 and the number of users (" + data.size()
                + "): " + folds);
        }
        int[] assignment = data.folds(folds, seed);
        TreeCurve c = empty(data, procedure);
        for (int f = 0; f < folds; f++) {
            c.evaluate(data, Dataset.indices(assignment, f, true), Dataset.indices(assignment, f, false));
        }
        return c;
    }

    private static TreeCurve empty(Dataset data, Procedure procedure) {
        int n = data.schema().size();
        return new TreeCurve(procedure, n, new int[n + 1][data.size()], new int[n + 1][data.size()],
            new int[n + 1][data.size()]);
    }

    private void evaluate(Dataset data, int[] training, int[] users) {
        if (procedure == Procedure.INFORMATIVE) {
            Dataset train = training.length == data.size() ? data : data.subset(training);
            evaluate(InfoGainTree.train(train, attributes, 2), data, users);
            return;
        }
        PaperTree tree = PaperTree.train(data, training);
        for (int i : users) {
            int[] truth = new int[attributes];
            for (int a = 0; a < attributes; a++) {
                truth[a] = data.value(i, a);
            }
            int[][] out = tree.outputs(truth);
            for (int k = 0; k <= attributes; k++) {
                int m = 0;
                for (int a = 0; a < attributes; a++) {
                    m += out[k][a] != truth[a] ? 1 : 0;
                }
                mistakes[k][i] = m;
                questions[k][i] = k;
                scored[k][i] = attributes;
            }
        }
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

    /** The procedure this curve follows. */
    public Procedure procedure() {
        return procedure;
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

    /**
     * The welfare-optimal k. Paper procedure: {@code argmax_k EDE_γ}, values within {@link #K_TIE} tied, ties to the
     * smaller k (γ = ∞: EDE is min U). Informative procedure: ties to fewer questions within 1e-12, γ = ∞ by the
     * lexicographic order on the utility histogram.
     */
    public int optimalK(double cost, WelfareFunction w) {
        int best = 0;
        if (procedure == Procedure.PAPER) {
            double bestEde = ede(0, cost, w);
            for (int k = 1; k <= attributes; k++) {
                double e = ede(k, cost, w);
                if (e > bestEde + K_TIE) {
                    best = k;
                    bestEde = e;
                }
            }
            return best;
        }
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
