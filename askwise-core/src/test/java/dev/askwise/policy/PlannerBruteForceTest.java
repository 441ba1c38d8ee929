package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.model.ExemplarModel;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.PopulationModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner's value under the model against a brute-force expectimax written separately here: posteriors from the
 * model's primitive parameters (weights, θ, missing), every response enumerated, every completion of the guessed
 * attributes enumerated, and for γ = ∞ the plausibility rules of the two families restated from their Javadoc. Small
 * random instances (n ≤ 6), γ ∈ {0, 1, 2, ∞}; agreement to 1e-9. Also checks that the rollout mode is never worse than
 * voi under the model, and the exact mode never worse than stopping now.
 */
public class PlannerBruteForceTest {

    static Stream<Arguments> instances() {
        List<Arguments> out = new ArrayList<>();
        double[] gammas = {0, 1, 2, Double.POSITIVE_INFINITY};
        for (int seed = 0; seed < 12; seed++) {
            for (double g : gammas) {
                out.add(Arguments.of(seed, g));
            }
        }
        return out.stream();
    }

    /** A random latent-class or exemplar model over n ≤ 6 binary (and one ternary) attributes. */
    public static PopulationModel randomModel(int seed) {
        SplittableRandom r = new SplittableRandom(1000 + seed);
        int n = 3 + seed % 4; // 3..6
        boolean ternary = seed % 3 == 0 && n <= 5;
        List<dev.askwise.Attribute> attrs = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            attrs.add(ternary && a == 0 ? new dev.askwise.Attribute("t", List.of("x", "y", "z"))
                : dev.askwise.Attribute.binary("b" + a));
        }
        Schema schema = Schema.of(attrs);
        boolean missing = seed % 4 == 1;
        if (seed % 2 == 0) {
            int k = 1 + r.nextInt(3);
            double[] w = normalised(r, k);
            double[][][] theta = new double[k][n][];
            double[][] miss = missing ? new double[k][n] : null;
            for (int z = 0; z < k; z++) {
                for (int a = 0; a < n; a++) {
                    theta[z][a] = normalised(r, schema.get(a).size());
                    if (miss != null) {
                        miss[z][a] = r.nextDouble() < 0.5 ? 0.0 : 0.3 * r.nextDouble();
                    }
                }
            }
            LatentClassModel m = LatentClassModel.of(schema, w, theta, miss);
            return seed % 3 == 0 ? m.withTrainingUsers(20) : m;
        }
        int d = 2 + r.nextInt(5);
        Set<String> seen = new HashSet<>();
        List<int[]> ex = new ArrayList<>();
        while (ex.size() < d) {
            int[] e = new int[n];
            for (int a = 0; a < n; a++) {
                e[a] = missing && r.nextDouble() < 0.2 ? Profile.UNKNOWN : r.nextInt(schema.get(a).size());
            }
            if (seen.add(Arrays.toString(e))) {
                ex.add(e);
            }
        }
        long[] counts = new long[d];
        for (int z = 0; z < d; z++) {
            counts[z] = 1L + r.nextInt(6);
        }
        double[] eta = new double[n];
        boolean[] dec = new boolean[n];
        for (int a = 0; a < n; a++) {
            dec[a] = missing;
            eta[a] = 0.001 + 0.2 * r.nextDouble();
        }
        return ExemplarModel.of(schema, ex, counts, eta, dec);
    }

    private static double[] normalised(SplittableRandom r, int size) {
        double[] p = new double[size];
        double t = 0;
        for (int i = 0; i < size; i++) {
            p[i] = 0.05 + r.nextDouble();
            t += p[i];
        }
        for (int i = 0; i < size; i++) {
            p[i] /= t;
        }
        return p;
    }

    @ParameterizedTest(name = "seed {0}, gamma {1}")
    @MethodSource("instances")
    void plannerValueEqualsBruteForceExpectimax(int seed, double gamma) {
        PopulationModel model = randomModel(seed);
        int n = model.schema().size();
        double cost = new double[] {0.1, 0.3, 0.6}[seed % 3];
        Objective objective = Objective.of(cost, WelfareFunction.of(gamma), n);
        boolean[] neverAsk = new boolean[n];
        boolean[] neverInfer = new boolean[n];
        if (seed % 5 == 4) {
            neverAsk[n - 1] = true;
        }
        if (seed % 7 == 3) {
            neverInfer[0] = true;
        }
        ElicitationState root = new ElicitationState(model, objective, Profile.empty(n), 0, neverAsk, neverInfer,
            new boolean[n], null);
        Planner planner = new Planner();
        assertThat(planner.exact(root)).isTrue();
        BruteForce bf = new BruteForce(model, objective, neverAsk, neverInfer);
        double expected = bf.value(new int[n], new boolean[n], 0)[0];
        assertThat(planner.value(root)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        // never worse than stopping now (never-ask) under the model
        double stopNow = bf.stop(new int[n], new boolean[n], 0)[0];
        assertThat(planner.value(root)).isGreaterThanOrEqualTo(stopNow - 1e-12);
        // a state part-way: answer the first askable attribute with its most likely value
        int a = neverAsk[0] ? 1 : 0;
        ElicitationState mid = root.answered(a, 0);
        int[] known = new int[n];
        known[a] = 1; // digit v + 1
        assertThat(planner.value(mid)).isCloseTo(bf.value(known, new boolean[n], 1)[0],
            org.assertj.core.data.Offset.offset(1e-9));
    }

    @ParameterizedTest(name = "seed {0}, gamma {1}")
    @MethodSource("instances")
    void rolloutIsNeverWorseThanVoiUnderTheModel(int seed, double gamma) {
        if (Double.isInfinite(gamma)) {
            return; // rollout mode at gamma = inf is voi itself
        }
        PopulationModel model = randomModel(seed);
        int n = model.schema().size();
        Objective objective = Objective.of(0.2, WelfareFunction.of(gamma), n);
        ElicitationState root = new ElicitationState(model, objective, Profile.empty(n), 0, new boolean[n],
            new boolean[n], new boolean[n], null);
        Planner rollout = new Planner(new Planner.Options(1, 1024, 1_000_000));
        assertThat(rollout.exact(root)).isFalse();
        double voi = evaluate(new VoiPolicy(1), root);
        double improved = evaluate(rollout, root);
        assertThat(improved).isGreaterThanOrEqualTo(voi - 1e-9);
        double optimum = new Planner().value(root);
        assertThat(optimum).isGreaterThanOrEqualTo(improved - 1e-9);
    }

    /** Exact expected objective of following a policy from a state (stop values from the engine's responder). */
    private static double evaluate(QueryPolicy policy, ElicitationState s) {
        Decision d = policy.decide(s);
        if (d instanceof Decision.Ask ask) {
            double[] dist = s.model().answerDistribution(s.posterior(), ask.attribute());
            int size = dist.length - 1;
            double v = 0;
            for (int x = 0; x <= size; x++) {
                if (dist[x] > 0) {
                    v += dist[x] * evaluate(policy, x < size ? s.answered(ask.attribute(), x)
                        : s.declined(ask.attribute()));
                }
            }
            return v;
        }
        return s.objective().utilitarian() ? Responder.utilitarianValue(s.model(), s.posterior(), s.known(),
            s.scored(), s.questions(), s.objective()) : s.stop().value();
    }

    /**
     * Brute-force expectimax. States: known[a] = 0 unknown or v + 1; declined[a]. Values: {objective} for finite γ,
     * {lowest plausible utility, expected utility} for γ = ∞.
     */
    static final class BruteForce {
        final PopulationModel m;
        final Objective o;
        final boolean[] neverAsk;
        final boolean[] neverInfer;
        final int n;
        final Map<String, double[]> memo = new HashMap<>();

        BruteForce(PopulationModel m, Objective o, boolean[] neverAsk, boolean[] neverInfer) {
            this.m = m;
            this.o = o;
            this.neverAsk = neverAsk;
            this.neverInfer = neverInfer;
            this.n = m.schema().size();
        }

        boolean declinable(int a) {
            for (int z = 0; z < m.components(); z++) {
                if (m.missingProbability(z, a) > 0) {
                    return true;
                }
            }
            return false;
        }

        double[] posterior(int[] known, boolean[] declined) {
            int k = m.components();
            double[] p = new double[k];
            double t = 0;
            for (int z = 0; z < k; z++) {
                double w = m.weight(z);
                for (int a = 0; a < n; a++) {
                    if (known[a] > 0) {
                        w *= (1 - m.missingProbability(z, a)) * m.probability(z, a, known[a] - 1);
                    } else if (declined[a] && declinable(a)) {
                        w *= m.missingProbability(z, a);
                    }
                }
                p[z] = w;
                t += w;
            }
            for (int z = 0; z < k; z++) {
                p[z] /= t;
            }
            return p;
        }

        double[] value(int[] known, boolean[] declined, int q) {
            String key = Arrays.toString(known) + Arrays.toString(declined) + q;
            double[] hit = memo.get(key);
            if (hit != null) {
                return hit;
            }
            double[] best = stop(known, declined, q);
            double[] post = posterior(known, declined);
            double[] live = o.maximin() ? live(post, known, declined) : null;
            for (int a = 0; a < n; a++) {
                if (known[a] > 0 || declined[a] || neverAsk[a]) {
                    continue;
                }
                int size = m.schema().get(a).size();
                double[] dist = new double[size + 1];
                for (int z = 0; z < post.length; z++) {
                    double keep = 1 - m.missingProbability(z, a);
                    for (int v = 0; v < size; v++) {
                        dist[v] += post[z] * keep * m.probability(z, a, v);
                    }
                    dist[size] += post[z] * m.missingProbability(z, a);
                }
                double exp = 0;
                double min = Double.POSITIVE_INFINITY;
                for (int v = 0; v <= size; v++) {
                    if (dist[v] <= 0) {
                        continue;
                    }
                    int[] k2 = known.clone();
                    boolean[] d2 = declined.clone();
                    if (v < size) {
                        k2[a] = v + 1;
                    } else {
                        d2[a] = true;
                    }
                    double[] child = value(k2, d2, q + 1);
                    if (o.maximin()) {
                        exp += dist[v] * child[1];
                        if (plausibleAnswer(live, a, v)) {
                            min = Math.min(min, child[0]);
                        }
                    } else {
                        exp += dist[v] * child[0];
                    }
                }
                if (o.maximin()) {
                    if (min > best[0] + 1e-9 || (Math.abs(min - best[0]) <= 1e-9 && exp > best[1] + 1e-10)) {
                        best = new double[] {min, exp};
                    }
                } else if (exp > best[0] + 1e-10 * Math.max(1, Math.abs(exp))) {
                    best = new double[] {exp};
                }
            }
            memo.put(key, best);
            return best;
        }

        boolean plausibleAnswer(double[] live, int a, int v) {
            for (int z = 0; z < live.length; z++) {
                if (!Double.isNaN(live[z]) && cost(z, a, v) <= live[z] + 1e-12) {
                    return true;
                }
            }
            return false;
        }

        /** P(answer category c about a | z): a value (1 − missing)·θ, or "no preference" (c = size) missing. */
        double category(int z, int a, int c) {
            int size = m.schema().get(a).size();
            double miss = m.missingProbability(z, a);
            return c == size ? miss : (1 - miss) * m.probability(z, a, c);
        }

        /** The families' budgets, restated from their Javadoc: ln(2N) for latent-class, 0 for exemplar. */
        double budget() {
            return m instanceof ExemplarModel ? 0.0 : Math.log(2.0 * (m.trainingUsers() > 0 ? m.trainingUsers() : 1000));
        }

        int mode(int z, int a) {
            if (m instanceof ExemplarModel e) {
                int ev = e.exemplar(z)[a];
                return ev == Profile.UNKNOWN ? m.schema().get(a).size() : ev;
            }
            int size = m.schema().get(a).size();
            int best = 0;
            for (int c = 1; c <= size; c++) {
                if (category(z, a, c) > category(z, a, best) * (1 + 1e-12) + 1e-300) {
                    best = c;
                }
            }
            return best;
        }

        /** One answer is plausible when within the budget of the component's most likely answer. */
        boolean plausible(int z, int a, int v) {
            double p = category(z, a, v);
            return p > 0 && Math.log(category(z, a, mode(z, a))) - Math.log(p) <= budget() + 1e-12;
        }

        double cost(int z, int a, int c) {
            double p = category(z, a, c);
            return p > 0 ? Math.max(0, Math.log(category(z, a, mode(z, a))) - Math.log(p)) : Double.POSITIVE_INFINITY;
        }

        /**
         * Budget left per component (NaN: no plausible user gave these answers), restated: components of weight at
         * least τ (latent-class) whose revealed answers cost at most the budget; else the least-spending ones with 0.
         */
        double[] live(double[] post, int[] known, boolean[] declined) {
            int k = post.length;
            double tau = m instanceof ExemplarModel ? 0 : 0.5 / (m.trainingUsers() > 0 ? m.trainingUsers() : 1000);
            double[] spent = new double[k];
            double least = Double.POSITIVE_INFINITY;
            for (int z = 0; z < k; z++) {
                if (m.weight(z) < tau) {
                    spent[z] = Double.NaN;
                    continue;
                }
                for (int a = 0; a < n; a++) {
                    if (known[a] > 0) {
                        spent[z] += cost(z, a, known[a] - 1);
                    } else if (declined[a] && declinable(a)) {
                        spent[z] += cost(z, a, m.schema().get(a).size());
                    }
                }
                least = Math.min(least, spent[z]);
            }
            double[] out = new double[k];
            boolean any = false;
            for (int z = 0; z < k; z++) {
                out[z] = spent[z] <= budget() + 1e-12 ? budget() - spent[z] : Double.NaN;
                any |= !Double.isNaN(out[z]);
            }
            if (!any) {
                for (int z = 0; z < k; z++) {
                    out[z] = !Double.isNaN(spent[z]) && Math.abs(spent[z] - least) <= 1e-9 * Math.max(1, least) ? 0
                        : Double.NaN;
                }
            }
            return out;
        }

        /** Best stop value: every response enumerated, every completion of the guessed attributes enumerated. */
        double[] stop(int[] known, boolean[] declined, int q) {
            double[] post = posterior(known, declined);
            List<Integer> guessed = new ArrayList<>();
            int scored = 0;
            for (int a = 0; a < n; a++) {
                if (!declined[a] && !neverInfer[a]) {
                    scored++;
                    if (known[a] == 0) {
                        guessed.add(a);
                    }
                }
            }
            double base = scored - o.cost() * q;
            List<int[]> all = completions(guessed);
            double[] live = o.maximin() ? live(post, known, declined) : null;
            double[] best = null;
            for (int[] y : all) {
                double[] score;
                if (o.maximin()) {
                    double worst = Double.POSITIVE_INFINITY;
                    for (int z = 0; z < post.length; z++) {
                        if (!Double.isNaN(live[z])) {
                            worst = Math.min(worst, base - worstLoss(z, guessed, y, live[z]));
                        }
                    }
                    double mean = base;
                    for (int i = 0; i < y.length; i++) {
                        int a = guessed.get(i);
                        double p = 0;
                        for (int z = 0; z < post.length; z++) {
                            p += post[z] * m.probability(z, a, y[i]);
                        }
                        mean -= 1 - p;
                    }
                    score = new double[] {worst, mean};
                    if (best == null || score[0] > best[0] + 1e-9
                        || (Math.abs(score[0] - best[0]) <= 1e-9 && score[1] > best[1] + 1e-12)) {
                        best = score;
                    }
                } else {
                    double e = 0;
                    for (int z = 0; z < post.length; z++) {
                        for (int[] x : all) {
                            double px = 1;
                            int wrong = 0;
                            for (int i = 0; i < x.length; i++) {
                                px *= m.probability(z, guessed.get(i), x[i]);
                                wrong += x[i] == y[i] ? 0 : 1;
                            }
                            e += post[z] * px * o.f(base - wrong);
                        }
                    }
                    if (best == null || e > best[0]) {
                        best = new double[] {e};
                    }
                }
            }
            return best;
        }

        /**
         * The largest loss over every completion of the guessed attributes (values and, where possible, "no
         * preference") whose log-probability in z is within the budget of z's most likely completion; a completion
         * loses on an attribute when it is "no preference" or differs from the response.
         */
        int worstLoss(int z, List<Integer> guessed, int[] y, double left) {
            return worstLoss(z, guessed, y, 0, left + 1e-12, 0);
        }

        private int worstLoss(int z, List<Integer> guessed, int[] y, int i, double left, int loss) {
            if (i == guessed.size()) {
                return loss;
            }
            int a = guessed.get(i);
            int size = m.schema().get(a).size();
            double top = Math.log(category(z, a, mode(z, a)));
            int best = -1;
            for (int c = 0; c <= size; c++) {
                double p = category(z, a, c);
                if (!(p > 0)) {
                    continue;
                }
                double cost = top - Math.log(p);
                if (cost > left) {
                    continue;
                }
                int l = c == size || c != y[i] ? 1 : 0;
                best = Math.max(best, worstLoss(z, guessed, y, i + 1, left - Math.max(0, cost), loss + l));
            }
            return best;
        }

        List<int[]> completions(List<Integer> guessed) {
            List<int[]> out = new ArrayList<>();
            out.add(new int[guessed.size()]);
            for (int i = 0; i < guessed.size(); i++) {
                List<int[]> next = new ArrayList<>();
                for (int[] c : out) {
                    for (int v = 0; v < m.schema().get(guessed.get(i)).size(); v++) {
                        int[] d = c.clone();
                        d[i] = v;
                        next.add(d);
                    }
                }
                out = next;
            }
            return out;
        }
    }
}
