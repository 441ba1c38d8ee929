package dev.askwise.policy;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import dev.askwise.math.LogMath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The elicitation procedure of the paper's §7: a decision tree whose split at each node is the attribute with the
 * largest information gain about the user's other preferences (the sum of the other attributes' entropies), computed
 * on the training users that reach the node; a user is asked the attributes along their path, up to k questions, and
 * every other attribute is set to its most common value among the training users at the node reached. Users missing
 * the split attribute follow the most common answer. Immutable once trained.
 */
public final class InfoGainTree implements QueryPolicy {

    private final Node root;
    private final int maxQuestions;

    private InfoGainTree(Node root, int maxQuestions) {
        this.root = root;
        this.maxQuestions = maxQuestions;
    }

    private static final class Node {
        int split = -1;
        Node @Nullable [] children;
        final int[] mode;

        Node(int[] mode) {
            this.mode = mode;
        }
    }

    /**
     * Trains the tree.
     *
     * @param maxQuestions depth limit k (questions asked along a path)
     * @param minNodeSize  nodes with fewer training users are not split (≥ 1)
     */
    public static InfoGainTree train(Dataset data, int maxQuestions, int minNodeSize) {
        if (maxQuestions < 0) {
            throw new IllegalArgumentException("maxQuestions must be >= 0: " + maxQuestions);
        }
        if (minNodeSize < 1) {
            throw new IllegalArgumentException("minNodeSize must be >= 1: " + minNodeSize);
        }
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new InfoGainTree(build(data, all, new boolean[data.schema().size()], maxQuestions, minNodeSize, null),
            maxQuestions);
    }

    private static Node build(Dataset data, int[] users, boolean[] used, int depthLeft, int minSize,
                              int @Nullable [] parentMode) {
        Node node = new Node(new int[data.schema().size()]);
        int attrs = data.schema().size();
        double[][] counts = counts(data, users);
        for (int a = 0; a < attrs; a++) {
            node.mode[a] = total(counts[a]) == 0 && parentMode != null ? parentMode[a] : Responder.argmax(counts[a]);
        }
        if (depthLeft == 0 || users.length < Math.max(2, minSize)) {
            return node;
        }
        double before = 0;
        for (int a = 0; a < attrs; a++) {
            before += LogMath.entropyBits(normalise(counts[a]));
        }
        int best = -1;
        double bestGain = 1e-12;
        for (int a = 0; a < attrs; a++) {
            if (used[a]) {
                continue;
            }
            List<int[]> parts = partition(data, users, a, node.mode[a]);
            double after = 0;
            for (int[] part : parts) {
                if (part.length == 0) {
                    continue;
                }
                double[][] c = counts(data, part);
                double h = 0;
                for (int b = 0; b < attrs; b++) {
                    if (b != a) {
                        h += LogMath.entropyBits(normalise(c[b]));
                    }
                }
                after += (double) part.length / users.length * h;
            }
            double gain = (before - LogMath.entropyBits(normalise(counts[a]))) - after;
            if (gain > bestGain) {
                bestGain = gain;
                best = a;
            }
        }
        if (best < 0) {
            return node;
        }
        node.split = best;
        List<int[]> parts = partition(data, users, best, node.mode[best]);
        node.children = new Node[parts.size()];
        boolean[] usedNext = used.clone();
        usedNext[best] = true;
        for (int v = 0; v < parts.size(); v++) {
            node.children[v] = parts.get(v).length == 0 ? leaf(node.mode)
                : build(data, parts.get(v), usedNext, depthLeft - 1, minSize, node.mode);
        }
        return node;
    }

    private static Node leaf(int[] mode) {
        return new Node(mode.clone());
    }

    private static List<int[]> partition(Dataset data, int[] users, int a, int missingTo) {
        int size = data.schema().get(a).size();
        List<List<Integer>> buckets = new ArrayList<>();
        for (int v = 0; v < size; v++) {
            buckets.add(new ArrayList<>());
        }
        for (int i : users) {
            int v = data.value(i, a);
            buckets.get(v == Profile.UNKNOWN ? missingTo : v).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> b : buckets) {
            out.add(b.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static double[][] counts(Dataset data, int[] users) {
        int attrs = data.schema().size();
        double[][] c = new double[attrs][];
        for (int a = 0; a < attrs; a++) {
            c[a] = new double[data.schema().get(a).size()];
        }
        for (int i : users) {
            for (int a = 0; a < attrs; a++) {
                int v = data.value(i, a);
                if (v != Profile.UNKNOWN) {
                    c[a][v]++;
                }
            }
        }
        return c;
    }

    private static double total(double[] c) {
        double s = 0;
        for (double x : c) {
            s += x;
        }
        return s;
    }

    private static double[] normalise(double[] c) {
        double s = total(c);
        double[] p = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            p[i] = s == 0 ? 0 : c[i] / s;
        }
        return p;
    }

    /** The same tree asking at most k questions (a tree grown greedily to depth n, cut at depth k, is the depth-k tree). */
    public InfoGainTree withMaxQuestions(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("maxQuestions must be >= 0: " + k);
        }
        return new InfoGainTree(root, k);
    }

    @Override
    public String name() {
        return "infogain-tree";
    }

    /** The node reached by following the revealed answers; null fields below stop at the first unrevealed split. */
    private Node walk(ElicitationState state) {
        Node node = root;
        while (node.split >= 0 && state.known().isKnown(node.split)) {
            node = Objects.requireNonNull(node.children, "a split has children")[state.known().value(node.split)];
        }
        return node;
    }

    /**
     * The procedure for one user whose answers are their true values: follow the tree for up to k questions (a user
     * without a value for the split ends the path there, the question counted), then output the node's most common
     * values, keeping the answers.
     *
     * @param asked receives the number of questions asked in element 0
     */
    public int[] elicit(Profile truth, int k, int[] asked) {
        Node node = root;
        int[] out = new int[truth.size()];
        java.util.Arrays.fill(out, Profile.UNKNOWN);
        int q = 0;
        while (node.split >= 0 && q < k) {
            q++;
            int v = truth.value(node.split);
            if (v == Profile.UNKNOWN) {
                break;
            }
            out[node.split] = v;
            node = Objects.requireNonNull(node.children, "a split has children")[v];
        }
        for (int a = 0; a < out.length; a++) {
            if (out[a] == Profile.UNKNOWN) {
                out[a] = node.mode[a];
            }
        }
        asked[0] = q;
        return out;
    }

    @Override
    public Decision decide(ElicitationState state) {
        if (state.questions() >= maxQuestions) {
            return new Decision.Stop("infogain-tree reached its limit of " + maxQuestions + " questions");
        }
        Node node = walk(state);
        if (node.split < 0) {
            return new Decision.Stop("infogain-tree reached a leaf");
        }
        if (!state.askable(node.split)) {
            return new Decision.Stop("infogain-tree's next split is protected or declined");
        }
        return new Decision.Ask(node.split, Double.NaN);
    }

    @Override
    public int[] response(ElicitationState state) {
        int[] out = walk(state).mode.clone();
        for (int a = 0; a < out.length; a++) {
            if (state.known().isKnown(a)) {
                out[a] = state.known().value(a);
            } else if (state.isNeverInfer(a)) {
                out[a] = Profile.UNKNOWN;
            }
        }
        return out;
    }
}
