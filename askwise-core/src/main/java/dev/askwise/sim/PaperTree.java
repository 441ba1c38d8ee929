package dev.askwise.sim;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import org.jspecify.annotations.Nullable;

/**
 * The paper's §7 elicitation tree exactly as MODEL-NOTES §6 (copied into {@code docs/research.md}) fixes it, so that
 * independent implementations agree to 1e-4:
 * <ul>
 *   <li>At a node with training users S and asked attributes A, split on the unasked j maximising
 *       {@code IG(j) = Σ_{f ∉ A, f ≠ j} [H(x_f | S) − Σ_v P(x_j = v | S) · H(x_f | S, x_j = v)]} (entropies in bits,
 *       estimated on S). Values within {@link #TIE} of the largest are tied; ties go to the smallest j. A node whose
 *       best gain is 0 still splits: every user is asked exactly k questions.</li>
 *   <li>Fill-in after k answers: every unrevealed attribute takes its mode among the training users at the node
 *       reached (ties to the smallest value, 0 for binary attributes).</li>
 *   <li>Back-off, for the split and the fill-in alike: a node reached by fewer than {@link #MIN_USERS} training users
 *       uses the statistics of its nearest ancestor with at least that many (empty nodes included). The root always
 *       uses its own users.</li>
 * </ul>
 * Nodes are created on first visit (a held-out user may reach a node no training user reached), so an instance is
 * not safe to share across threads. Requires complete data (no unknown values): SUSHI's top-T vectors are complete.
 */
final class PaperTree {

    /** Nodes with fewer training users back off to their nearest ancestor with at least this many. */
    static final int MIN_USERS = 5;
    /** Information gains within this distance of the best are tied (ties to the smallest attribute index). */
    static final double TIE = 1e-12;

    private final Dataset data;
    private final int attributes;
    private final Node root;

    private static final class Node {
        final int[] users;
        /** The users whose statistics this node uses: its own, or its nearest ancestor's with ≥ MIN_USERS. */
        final int[] stats;
        final boolean[] asked;
        final int depth;
        int split = -2;
        int @Nullable [] mode; // computed when first needed
        Node @Nullable [] children; // created when first needed

        Node(int[] users, int[] stats, boolean[] asked, int depth) {
            this.users = users;
            this.stats = stats;
            this.asked = asked;
            this.depth = depth;
        }
    }

    private PaperTree(Dataset data, int[] training) {
        this.data = data;
        this.attributes = data.schema().size();
        this.root = new Node(training, training, new boolean[attributes], 0);
    }

    /**
     * The tree over the given training users of {@code data}.
     *
     * @throws IllegalArgumentException if a training user has an unknown value or there are no training users
     */
    static PaperTree train(Dataset data, int[] training) {
        if (training.length == 0) {
            throw new IllegalArgumentException("the paper tree needs at least one training user");
        }
        for (int i : training) {
            for (int a = 0; a < data.schema().size(); a++) {
                if (data.value(i, a) == Profile.UNKNOWN) {
                    throw new IllegalArgumentException("the paper procedure needs complete data: user " + i
                        + " has no value for " + data.schema().get(a).name());
                }
            }
        }
        return new PaperTree(data, training);
    }

    /**
     * The outputs of the procedure for one user after k = 0..n questions along their path: element k is the output
     * after k answers (answers kept, the rest filled in).
     */
    int[][] outputs(int[] truth) {
        int[][] out = new int[attributes + 1][];
        Node node = root;
        for (int k = 0; k <= attributes; k++) {
            int[] o = fill(node).clone();
            for (int a = 0; a < attributes; a++) {
                if (node.asked[a]) {
                    o[a] = truth[a];
                }
            }
            out[k] = o;
            if (k < attributes) {
                node = child(node, truth[split(node)]);
            }
        }
        return out;
    }

    /** The attributes asked along the path of a user with these values, in order (all n of them). */
    int[] path(int[] truth) {
        int[] order = new int[attributes];
        Node node = root;
        for (int k = 0; k < attributes; k++) {
            order[k] = split(node);
            node = child(node, truth[order[k]]);
        }
        return order;
    }

    private int[] fill(Node node) {
        if (node.mode == null) {
            node.mode = new int[attributes];
            for (int a = 0; a < attributes; a++) {
                int[] c = new int[data.schema().get(a).size()];
                for (int i : node.stats) {
                    c[data.value(i, a)]++;
                }
                int best = 0;
                for (int v = 1; v < c.length; v++) {
                    if (c[v] > c[best]) {
                        best = v;
                    }
                }
                node.mode[a] = best;
            }
        }
        return node.mode;
    }

    private int split(Node node) {
        if (node.split == -2) {
            double[] gain = new double[attributes];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < attributes; j++) {
                if (!node.asked[j]) {
                    gain[j] = gain(node.stats, node.asked, j);
                    max = Math.max(max, gain[j]);
                }
            }
            node.split = -1;
            for (int j = 0; j < attributes && node.split < 0; j++) {
                if (!node.asked[j] && gain[j] >= max - TIE) {
                    node.split = j;
                }
            }
            if (node.split < 0) {
                throw new IllegalStateException("no unasked attribute at depth " + node.depth);
            }
        }
        return node.split;
    }

    private Node child(Node node, int value) {
        int j = split(node);
        if (node.children == null) {
            node.children = new Node[data.schema().get(j).size()];
        }
        if (node.children[value] == null) {
            int count = 0;
            for (int i : node.users) {
                count += data.value(i, j) == value ? 1 : 0;
            }
            int[] users = new int[count];
            int c = 0;
            for (int i : node.users) {
                if (data.value(i, j) == value) {
                    users[c++] = i;
                }
            }
            boolean[] asked = node.asked.clone();
            asked[j] = true;
            node.children[value] = new Node(users, users.length >= MIN_USERS ? users : node.stats, asked,
                node.depth + 1);
        }
        return node.children[value];
    }

    /** IG(j) on the users S, summed over the unasked attributes other than j. */
    private double gain(int[] s, boolean[] asked, int j) {
        int vj = data.schema().get(j).size();
        int[] partSize = new int[vj];
        for (int i : s) {
            partSize[data.value(i, j)]++;
        }
        double total = 0;
        for (int f = 0; f < attributes; f++) {
            if (asked[f] || f == j) {
                continue;
            }
            int vf = data.schema().get(f).size();
            int[] marginal = new int[vf];
            int[][] joint = new int[vj][vf];
            for (int i : s) {
                int x = data.value(i, f);
                marginal[x]++;
                joint[data.value(i, j)][x]++;
            }
            double conditional = 0;
            for (int v = 0; v < vj; v++) {
                if (partSize[v] > 0) {
                    conditional += (double) partSize[v] / s.length * entropyBits(joint[v], partSize[v]);
                }
            }
            total += entropyBits(marginal, s.length) - conditional;
        }
        return total;
    }

    private static double entropyBits(int[] counts, int n) {
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h / Math.log(2);
    }
}
