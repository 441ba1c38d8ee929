package dev.askwise.sim;

import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test oracle: the exact Bayes-optimal adaptive elicitation policy at γ = 0 under the empirical distribution of a
 * training set of complete binary profiles, and its score on held-out users. Written from the definitions only, with no
 * use of the planner, model or policy code it is meant to check.
 *
 * <p><b>Objective.</b> A user with binary profile x ∈ {0, 1}^n is asked questions one at a time (each answer is the
 * true value, each question costs c); when the policy stops, every unasked attribute is set to a guess. U = n − m − c·q
 * with m the wrong guesses and q the questions. The policy maximises the mean U over the training users.
 *
 * <p><b>Dynamic programme.</b> A state is a partial answer: the set of asked attributes and their values (memoised by
 * the pair of bit masks). S(s) is the multiset of training users consistent with s, N its size. The total loss
 * L(s) = Σ_{u ∈ S(s)} (m_u + c·q_u) of the best continuation is min(stop, ask_j): stop = Σ_{j unasked} min(n1_j, N − n1_j)
 * for guesses that are each attribute's majority value in S(s) (ties → 0, so a tie costs n1_j); ask_j = c·N + L(s, j=0)
 * + L(s, j=1), an empty child contributing 0. Ties (within 1e-9) go to stopping, then to the smallest j. An attribute
 * that is constant on S(s) is never asked (it cannot lower L and for c &gt; 0 strictly raises it). The training value is
 * n − L(root)/N.
 *
 * <p><b>Back-off.</b> A state with no consistent training user takes its parent's statistics: the policy stops there
 * and guesses each unasked attribute's majority value among the parent's training users (ties → 0). Because a
 * constant attribute is never asked, both answers to every question asked lead to non-empty states, so with this
 * policy the back-off is never triggered, on training or held-out users; it is implemented for completeness and the
 * test suite checks that unseen held-out profiles are scored without it.
 *
 * <p>Cost: at most (distinct profiles) · 2^n states, each filtering the distinct profiles; n ≤ 30.
 */
final class EmpiricalOptimum {

    /** Held-out scores, pooled over users. */
    record Score(double meanUtility, double minUtility, double meanQuestions, int users) {
    }

    private static final double TIE = 1e-9;
    private static final int STOP = -1;

    /** A solved state: the best action, the majority guesses (bit mask over all attributes) and the total loss. */
    private record Node(int action, int majority, double loss) {
    }

    private final int n;
    private final double cost;
    private final int[] profiles;
    private final int[] counts;
    private final Map<Long, Node> memo = new HashMap<>();
    private final Node root;
    private final int trainUsers;

    private EmpiricalOptimum(int n, double cost, List<int[]> train) {
        this.n = n;
        this.cost = cost;
        Map<Integer, Integer> distinct = new LinkedHashMap<>();
        for (int[] x : train) {
            distinct.merge(mask(x, n), 1, Integer::sum);
        }
        profiles = distinct.keySet().stream().mapToInt(Integer::intValue).toArray();
        counts = distinct.values().stream().mapToInt(Integer::intValue).toArray();
        trainUsers = train.size();
        int[] all = new int[profiles.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        root = solve(0, 0, all);
    }

    /**
     * The optimal policy for the training profiles at question cost c.
     *
     * @throws IllegalArgumentException if train is empty, the profiles are not binary or differ in length, n is outside
     *                                  [1, 30], or cost is not finite and ≥ 0
     */
    static EmpiricalOptimum solve(List<int[]> train, double cost) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("train must not be empty: 0 users");
        }
        if (!(cost >= 0 && cost < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("cost must be finite and >= 0: " + cost);
        }
        int n = train.get(0).length;
        if (n < 1 || n > 30) {
            throw new IllegalArgumentException("attributes must be in [1, 30]: " + n);
        }
        return new EmpiricalOptimum(n, cost, train);
    }

    /** Mean U over held-out users of the policy solved on train. */
    static double heldOutMeanUtility(List<int[]> train, List<int[]> test, double cost) {
        return heldOut(train, test, cost).meanUtility();
    }

    /** Mean and minimum U and mean questions over held-out users of the policy solved on train. */
    static Score heldOut(List<int[]> train, List<int[]> test, double cost) {
        return solve(train, cost).score(test);
    }

    /**
     * k-fold cross-validation with {@link Dataset#folds(int, long)} (a seeded shuffle, the folds every comparison in
     * Askwise uses): each fold scored by the policy solved on the others, utilities pooled.
     */
    static Score crossValidated(Dataset data, double cost, int folds, long seed) {
        int[] assignment = data.folds(folds, seed);
        List<Integer> questions = new ArrayList<>();
        List<Double> utilities = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<int[]> train = rows(data, Dataset.indices(assignment, f, true));
            List<int[]> test = rows(data, Dataset.indices(assignment, f, false));
            EmpiricalOptimum policy = solve(train, cost);
            for (int[] x : test) {
                int[] qm = policy.play(x);
                questions.add(qm[0]);
                utilities.add(policy.n - qm[1] - cost * qm[0]);
            }
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double u : utilities) {
            sum += u;
            min = Math.min(min, u);
        }
        double q = questions.stream().mapToInt(Integer::intValue).sum();
        return new Score(sum / utilities.size(), min, q / questions.size(), utilities.size());
    }

    /** 5-fold cross-validation of complete binary profiles, folds as {@link #crossValidated(Dataset, double, int, long)}. */
    static Score crossValidated(List<int[]> rows, double cost, long seed) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty: 0 users");
        }
        return crossValidated(Dataset.of("profiles", Schema.binary(rows.get(0).length), rows, Map.of()), cost, 5, seed);
    }

    /** The expected U of the policy under the training distribution: n − L(root)/N. */
    double trainingValue() {
        return n - root.loss() / trainUsers;
    }

    /** Number of memoised (non-empty) states. */
    int states() {
        return memo.size();
    }

    /** Mean, minimum U and mean questions on the given users. */
    Score score(List<int[]> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("test must not be empty: 0 users");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        long q = 0;
        for (int[] x : users) {
            int[] qm = play(x);
            double u = n - qm[1] - cost * qm[0];
            sum += u;
            min = Math.min(min, u);
            q += qm[0];
        }
        return new Score(sum / users.size(), min, (double) q / users.size(), users.size());
    }

    /** Plays the policy on one user: {questions, mistakes}. */
    int[] play(int[] user) {
        int x = mask(user, n);
        int asked = 0;
        int values = 0;
        Node node = root;
        int questions = 0;
        while (node.action() != STOP) {
            int j = node.action();
            asked |= 1 << j;
            values |= x & (1 << j);
            questions++;
            Node child = memo.get(key(asked, values));
            if (child == null) {
                // back-off: no training user is consistent; stop with the parent's majority guesses
                return new int[] {questions, Integer.bitCount((node.majority() ^ x) & ~asked & full())};
            }
            node = child;
        }
        return new int[] {questions, Integer.bitCount((node.majority() ^ x) & ~asked & full())};
    }

    private Node solve(int asked, int values, int[] consistent) {
        long key = key(asked, values);
        Node known = memo.get(key);
        if (known != null) {
            return known;
        }
        int total = 0;
        int[] ones = new int[n];
        for (int i : consistent) {
            total += counts[i];
            for (int j = 0; j < n; j++) {
                ones[j] += (profiles[i] >>> j & 1) * counts[i];
            }
        }
        int majority = 0;
        double stop = 0;
        for (int j = 0; j < n; j++) {
            if ((asked >>> j & 1) == 0) {
                if (ones[j] > total - ones[j]) {
                    majority |= 1 << j;
                    stop += total - ones[j];
                } else {
                    stop += ones[j];
                }
            }
        }
        int action = STOP;
        double best = stop;
        for (int j = 0; j < n; j++) {
            if ((asked >>> j & 1) != 0 || ones[j] == 0 || ones[j] == total) {
                continue;
            }
            double ask = cost * total;
            for (int v = 0; v <= 1; v++) {
                int childValues = values | (v << j);
                int[] sub = filter(consistent, j, v);
                ask += solve(asked | (1 << j), childValues, sub).loss();
            }
            if (ask < best - TIE) {
                best = ask;
                action = j;
            }
        }
        Node node = new Node(action, majority, best);
        memo.put(key, node);
        return node;
    }

    private int[] filter(int[] consistent, int j, int v) {
        int count = 0;
        for (int i : consistent) {
            count += (profiles[i] >>> j & 1) == v ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int i : consistent) {
            if ((profiles[i] >>> j & 1) == v) {
                out[k++] = i;
            }
        }
        return out;
    }

    private int full() {
        return (int) ((1L << n) - 1);
    }

    private static long key(int asked, int values) {
        return ((long) asked << 32) | (values & 0xFFFFFFFFL);
    }

    private static int mask(int[] x, int n) {
        if (x.length != n) {
            throw new IllegalArgumentException("profile must have " + n + " attributes: " + x.length);
        }
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (x[j] != 0 && x[j] != 1) {
                throw new IllegalArgumentException("profile values must be in [0, 1]: " + x[j]);
            }
            m |= x[j] << j;
        }
        return m;
    }

    private static List<int[]> rows(Dataset data, int[] indices) {
        List<int[]> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(data.profile(i).toArray());
        }
        return out;
    }
}
