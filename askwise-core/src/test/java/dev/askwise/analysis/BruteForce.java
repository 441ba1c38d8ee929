package dev.askwise.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reference implementation for tests, written independently of the fast solver: it enumerates all 2^n preference
 * vectors with their probabilities, asks the first k features (features are exchangeable), and for every revealed
 * pattern tries every one of the 2^(n−k) response vectors — not just their number of ones. Welfare is computed from
 * the resulting population distribution of utilities with the textbook power mean. Linear-space doubles, no
 * shortcuts; feasible for n ≤ 12.
 */
final class BruteForce {

    final int n;
    final double p;
    final double eps;
    final double cost;
    final double gamma;
    final double shift;
    private final double[] probX;

    BruteForce(int n, double p, double eps, double cost, double gamma, double shift) {
        this.n = n;
        this.p = p;
        this.eps = eps;
        this.cost = cost;
        this.gamma = gamma;
        this.shift = shift;
        this.probX = new double[1 << n];
        for (int x = 0; x < (1 << n); x++) {
            int ones = Integer.bitCount(x);
            probX[x] = p * Math.pow(eps, ones) * Math.pow(1 - eps, n - ones)
                + (1 - p) * Math.pow(1 - eps, ones) * Math.pow(eps, n - ones);
        }
    }

    boolean maximin() {
        return gamma == Double.POSITIVE_INFINITY;
    }

    /** Probability of x within cluster c. */
    double probXGivenCluster(int x, int c) {
        int ones = Integer.bitCount(x);
        return c == 0 ? Math.pow(eps, ones) * Math.pow(1 - eps, n - ones)
            : Math.pow(1 - eps, ones) * Math.pow(eps, n - ones);
    }

    double f(double u) {
        double x = u + shift;
        if (gamma == 1.0) {
            return Math.log(x);
        }
        return Math.pow(x, 1 - gamma) / (1 - gamma);
    }

    double utility(int mistakes, int k) {
        return n - mistakes - cost * k;
    }

    /** Features 0..k-1 are asked; the revealed pattern is the low k bits of x. */
    static int revealed(int x, int k) {
        return x & ((1 << k) - 1);
    }

    /** The response covers features k..n-1; mistakes between x and (pattern, y). */
    static int mistakes(int x, int k, int y) {
        return Integer.bitCount((x >>> k) ^ y);
    }

    /** Distribution (utility → probability) of users with the given revealed pattern, answered with y. */
    NavigableMap<Double, Double> distribution(int k, int pattern, int y) {
        NavigableMap<Double, Double> d = new TreeMap<>();
        for (int x = 0; x < (1 << n); x++) {
            if (revealed(x, k) == pattern && probX[x] > 0) {
                d.merge(utility(mistakes(x, k, y), k), probX[x], Double::sum);
            }
        }
        return d;
    }

    /** Unnormalised E[f(U); pattern] for response y. */
    double value(int k, int pattern, int y) {
        double acc = 0;
        for (int x = 0; x < (1 << n); x++) {
            if (revealed(x, k) == pattern) {
                acc += probX[x] * f(utility(mistakes(x, k, y), k));
            }
        }
        return acc;
    }

    double probPattern(int k, int pattern) {
        double acc = 0;
        for (int x = 0; x < (1 << n); x++) {
            if (revealed(x, k) == pattern) {
                acc += probX[x];
            }
        }
        return acc;
    }

    /** Lexicographic order of MODEL-NOTES §2 on (unnormalised) distributions: positive if a is better. */
    static int lex(NavigableMap<Double, Double> a, NavigableMap<Double, Double> b) {
        NavigableMap<Double, double[]> merged = new TreeMap<>();
        a.forEach((u, pr) -> merged.computeIfAbsent(u, z -> new double[2])[0] += pr);
        b.forEach((u, pr) -> merged.computeIfAbsent(u, z -> new double[2])[1] += pr);
        for (Map.Entry<Double, double[]> e : mergeClose(merged).entrySet()) {
            double pa = e.getValue()[0];
            double pb = e.getValue()[1];
            double scale = Math.max(pa, pb);
            if (Math.abs(pa - pb) > 1e-9 * scale) {
                return pa < pb ? 1 : -1;
            }
        }
        return 0;
    }

    private static NavigableMap<Double, double[]> mergeClose(NavigableMap<Double, double[]> m) {
        NavigableMap<Double, double[]> out = new TreeMap<>();
        Double last = null;
        for (Map.Entry<Double, double[]> e : m.entrySet()) {
            if (last != null && e.getKey() - last < 1e-9) {
                double[] acc = out.get(last);
                acc[0] += e.getValue()[0];
                acc[1] += e.getValue()[1];
            } else {
                out.put(e.getKey(), e.getValue().clone());
                last = e.getKey();
            }
        }
        return out;
    }

    /** Result of one k: welfare and, per revealed pattern, the best response vector. */
    record KResult(int k, double ede, double meanUtility, int[] bestY, NavigableMap<Double, Double> population) {
    }

    KResult solveK(int k) {
        int patterns = 1 << k;
        int responses = 1 << (n - k);
        int[] bestY = new int[patterns];
        NavigableMap<Double, Double> population = new TreeMap<>();
        for (int pat = 0; pat < patterns; pat++) {
            if (probPattern(k, pat) == 0) {
                bestY[pat] = -1;
                continue;
            }
            int best = 0;
            if (maximin()) {
                NavigableMap<Double, Double> bestD = distribution(k, pat, 0);
                for (int y = 1; y < responses; y++) {
                    NavigableMap<Double, Double> d = distribution(k, pat, y);
                    if (lex(d, bestD) > 0) {
                        best = y;
                        bestD = d;
                    }
                }
            } else {
                double bestV = value(k, pat, 0);
                for (int y = 1; y < responses; y++) {
                    double v = value(k, pat, y);
                    if (v > bestV + 1e-12 * Math.max(1, Math.abs(bestV))) {
                        best = y;
                        bestV = v;
                    }
                }
            }
            bestY[pat] = best;
            distribution(k, pat, best).forEach((u, pr) -> population.merge(u, pr, Double::sum));
        }
        return new KResult(k, ede(population), mean(population), bestY, population);
    }

    List<KResult> solveAll() {
        List<KResult> out = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            out.add(solveK(k));
        }
        return out;
    }

    /** k* by brute force: best EDE (finite γ) or lexicographic order (γ = ∞); ties to fewer questions. */
    static int kStar(List<KResult> results, boolean maximin) {
        int best = 0;
        for (int k = 1; k < results.size(); k++) {
            boolean better = maximin
                ? lex(results.get(k).population(), results.get(best).population()) > 0
                : results.get(k).ede() > results.get(best).ede() + 1e-9 * Math.max(1, Math.abs(results.get(best).ede()));
            if (better) {
                best = k;
            }
        }
        return best;
    }

    double ede(NavigableMap<Double, Double> d) {
        if (maximin()) {
            return d.firstKey();
        }
        double q = 1 - gamma;
        double acc = 0;
        for (Map.Entry<Double, Double> e : d.entrySet()) {
            double x = e.getKey() + shift;
            acc += e.getValue() * (q == 0 ? Math.log(x) : Math.pow(x, q));
        }
        double m = q == 0 ? Math.exp(acc) : Math.pow(acc, 1 / q);
        return m - shift;
    }

    static double mean(NavigableMap<Double, Double> d) {
        double acc = 0;
        for (Map.Entry<Double, Double> e : d.entrySet()) {
            acc += e.getKey() * e.getValue();
        }
        return acc;
    }

    // ---------------------------------------------------------------- adaptive, by recursion over answer prefixes

    /** Result of the optimal adaptive policy by brute force: EDE and expected number of questions. */
    record AdaptiveResult(double ede, double meanQuestions) {
    }

    private record Node(double value, NavigableMap<Double, Double> dist, double questions) {
    }

    AdaptiveResult adaptive() {
        Node root = node(0, 0);
        double ede = maximin() ? root.dist().firstKey() : ede(root.dist());
        return new AdaptiveResult(ede, root.questions());
    }

    /** Best policy below the revealed prefix (its first q bits); values are unnormalised. */
    private Node node(int q, int prefix) {
        double mass = probPattern(q, prefix);
        if (mass == 0) {
            return null;
        }
        int responses = 1 << (n - q);
        int bestY = 0;
        double bestV = value(q, prefix, 0);
        NavigableMap<Double, Double> bestD = distribution(q, prefix, 0);
        for (int y = 1; y < responses; y++) {
            if (maximin()) {
                NavigableMap<Double, Double> d = distribution(q, prefix, y);
                if (lex(d, bestD) > 0) {
                    bestY = y;
                    bestD = d;
                }
            } else {
                double v = value(q, prefix, y);
                if (v > bestV + 1e-12 * Math.max(1, Math.abs(bestV))) {
                    bestY = y;
                    bestV = v;
                }
            }
        }
        bestD = distribution(q, prefix, bestY);
        Node stop = new Node(value(q, prefix, bestY), bestD, q * mass);
        if (q == n) {
            return stop;
        }
        Node zero = node(q + 1, prefix);
        Node one = node(q + 1, prefix | (1 << q));
        double contValue = 0;
        double contQuestions = 0;
        NavigableMap<Double, Double> contD = new TreeMap<>();
        for (Node child : new Node[] {zero, one}) {
            if (child != null) {
                contValue += child.value();
                contQuestions += child.questions();
                child.dist().forEach((u, pr) -> contD.merge(u, pr, Double::sum));
            }
        }
        boolean ask = maximin() ? lex(contD, stop.dist()) > 0
            : contValue > stop.value() + 1e-10 * Math.max(1, Math.abs(stop.value()));
        return ask ? new Node(contValue, contD, contQuestions) : stop;
    }
}
