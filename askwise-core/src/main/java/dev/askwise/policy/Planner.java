package dev.askwise.policy;

import dev.askwise.Profile;
import dev.askwise.model.PopulationModel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The engine's default policy ({@code engine}): a non-myopic planner under the population model and the welfare
 * objective, for any γ ∈ [0, ∞] and question cost c.
 *
 * <p><b>Exact mode.</b> When the states reachable from the current one — partial answers, each askable attribute
 * unknown, answered with one of its values or (if the model has missing preferences) declined — number at most
 * {@link Options#maxStates}, the optimal adaptive policy is found by dynamic programming (expectimax) over them and
 * memoised: {@code V(s) = max(stop(s), max_a Σ_v P(v | s)·V(s + (a = v)))}. For finite γ, {@code stop(s)} is the best
 * response's {@code E[f(U)]} with U = n − m − c·q (exact enumeration of responses up to
 * {@link Options#maxResponses}, else the responder's coordinate ascent). For γ = ∞ each state carries the pair (lowest
 * utility over plausible users, expected utility) compared lexicographically: stopping scores the maximin response
 * ({@link Responder#maximin}); asking scores the lowest child value over the answers some live component may
 * plausibly give (within the budget {@link PopulationModel#budgets} leaves them) and the expected child value over all answers. Stopping is
 * always an option and wins ties, so under the model the planner is never worse than never asking. The solve runs once
 * per (model, objective, protections) and start state; afterwards {@link #decide} is a table lookup.
 *
 * <p><b>Rollout mode.</b> Otherwise the planner improves on {@code voi} (one step of policy iteration): each
 * candidate action — stop, or ask a — is scored by the exact expected value of following {@code voi} afterwards
 * (expectation over answers under the model), and the best is taken; {@code voi}'s own action is among the
 * candidates, so by the policy-improvement theorem the result is at least as good as {@code voi} under the model. The
 * rollouts are exact but bounded by {@link Options#rolloutBudget} base decisions per call; when a call would exceed it,
 * the planner takes {@code voi}'s decision (so it is never worse than {@code voi}, and equal when the budget binds).
 * Rollouts run at γ = 0 only, where a voi decision costs microseconds; for finite γ &gt; 0 rollout mode is voi, and at
 * γ = ∞ it compares open-loop plans of questions over plausible users with stopping (see the γ = ∞ lookahead).
 *
 * <p>Thread-safe: solutions are cached in a small bounded map (the 8 most recently used), and lookups are serialised.
 */
public final class Planner implements QueryPolicy {

    /** The registry name. */
    public static final String NAME = "engine";

    /**
     * Options.
     *
     * @param maxStates     largest number of reachable states solved exactly (≥ 1)
     * @param maxResponses  largest number of candidate responses enumerated exactly per state (≥ 1)
     * @param rolloutBudget base-policy decisions allowed per call in rollout mode (0 turns rollouts off)
     */
    public record Options(long maxStates, int maxResponses, int rolloutBudget) {
        /** Validates. */
        public Options {
            if (maxStates < 1) {
                throw new IllegalArgumentException("maxStates must be >= 1: " + maxStates);
            }
            if (maxResponses < 1) {
                throw new IllegalArgumentException("maxResponses must be >= 1: " + maxResponses);
            }
            if (rolloutBudget < 0) {
                throw new IllegalArgumentException("rolloutBudget must be >= 0: " + rolloutBudget);
            }
        }

        /** 200,000 states, 1,024 responses, 16 rollout decisions. */
        public static Options defaults() {
            return new Options(200_000, 1024, 16);
        }
    }

    private final Options options;
    private final VoiPolicy base = new VoiPolicy(1);
    private final Map<Key, Solver> solutions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Solver> eldest) {
            return size() > 8;
        }
    };

    /** A planner with default options. */
    public Planner() {
        this(Options.defaults());
    }

    /** A planner with the given options. */
    public Planner(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * True when the states reachable from this one are few enough for the exact dynamic program. At γ = ∞ under a
     * model that limits declines ({@link PopulationModel#maxDeclines}) never: each state's stop value would need the
     * limited adversary for every candidate response, so the planner uses the γ = ∞ lookahead at every size.
     */
    public boolean exact(ElicitationState state) {
        if (state.objective().maximin() && state.model().maxDeclines() != Integer.MAX_VALUE) {
            return false;
        }
        return reachable(state) <= options.maxStates();
    }

    /** Number of states reachable from this one (saturating at {@code Long.MAX_VALUE}). */
    static long reachable(ElicitationState state) {
        PopulationModel m = state.model();
        long total = 1;
        for (int a = 0; a < state.attributes(); a++) {
            if (!state.askable(a)) {
                continue;
            }
            int answers = m.schema().get(a).size() + (declinable(m, a) ? 1 : 0);
            if (total > Long.MAX_VALUE / (answers + 1)) {
                return Long.MAX_VALUE;
            }
            total *= answers + 1;
        }
        return total;
    }

    /**
     * How many more attributes a plausible user may decline ({@link PopulationModel#maxDeclines} less the declines
     * revealed), or {@link Integer#MAX_VALUE} when the model sets no limit or the user has already declined more than
     * it (then the limit says nothing about them).
     */
    static int declinesLeft(PopulationModel m, boolean[] declined) {
        int most = m.maxDeclines();
        if (most == Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        int revealed = 0;
        for (int a = 0; a < declined.length; a++) {
            revealed += declined[a] && declinable(m, a) ? 1 : 0;
        }
        return revealed > most ? Integer.MAX_VALUE : most - revealed;
    }

    static boolean declinable(PopulationModel m, int a) {
        if (!m.modelsMissing()) {
            return false;
        }
        for (int z = 0; z < m.components(); z++) {
            if (m.missingProbability(z, a) > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Decision decide(ElicitationState state) {
        if (!exact(state)) {
            return rollout(state);
        }
        Solver.Entry e = solver(state).solve(state);
        if (e.action < 0) {
            return new Decision.Stop("no question is worth its cost, now or later");
        }
        double gain = state.objective().maximin() ? Double.NaN
            : state.objective().certaintyEquivalent(e.value) - state.objective().certaintyEquivalent(e.stopValue);
        return new Decision.Ask(e.action, gain);
    }

    /**
     * The planner's value of a state: {@code E[f(U)]} of the optimal adaptive policy under the model for finite γ, or
     * for γ = ∞ the lowest utility over plausible users (exact mode only).
     *
     * @throws IllegalStateException if the state is too large for the exact dynamic program
     */
    public double value(ElicitationState state) {
        if (!exact(state)) {
            throw new IllegalStateException("the exact planner is limited to " + options.maxStates()
                + " reachable states; this state reaches " + reachable(state));
        }
        return solver(state).solve(state).value;
    }

    /** The planner's response: the output it plans for when it stops (same as in its own values). */
    @Override
    public int @Nullable [] response(ElicitationState state) {
        Objective o = state.objective();
        boolean[] scored = state.scored();
        double[] post = state.posterior();
        if (o.maximin()) {
            double[] live = state.model().budgets(state.known(), state.unanswerable());
            return Responder.maximin(state.model(), post, live, state.known(), scored, state.questions(), o.cost(),
                options.maxResponses(), declinesLeft(state.model(), state.unanswerable())).values();
        }
        if (o.utilitarian()) {
            return null; // the engine's response is the exact posterior mode
        }
        Responder.Response r = Responder.respondExact(state.model(), post, state.known(), scored, state.questions(), o,
            options.maxResponses());
        return r != null ? r.values() : null;
    }

    private Solver solver(ElicitationState state) {
        Key key = new Key(state.model(), state.objective(), Arrays.toString(state.neverAsk()),
            Arrays.toString(state.neverInfer()));
        synchronized (solutions) {
            return solutions.computeIfAbsent(key, k -> new Solver(state.model(), state.objective(), state.neverAsk(),
                state.neverInfer(), options.maxResponses()));
        }
    }

    private record Key(PopulationModel model, Objective objective, String neverAsk, String neverInfer) {
    }

    // ---------------------------------------------------------------- exact dynamic program

    /** Memoised expectimax over partial answers; one per model, objective and protections. */
    static final class Solver {
        final PopulationModel model;
        final Objective objective;
        final boolean[] neverAsk;
        final boolean[] neverInfer;
        final int maxResponses;
        final int n;
        final long[] stride;
        final Map<Long, Entry> memo = new HashMap<>();

        /** A solved state: best action (−1 stop), its value, the stop value, and for γ = ∞ the expected utility. */
        static final class Entry {
            final int action;
            final double value;
            final double mean;
            final double stopValue;

            Entry(int action, double value, double mean, double stopValue) {
                this.action = action;
                this.value = value;
                this.mean = mean;
                this.stopValue = stopValue;
            }
        }

        Solver(PopulationModel model, Objective objective, boolean[] neverAsk, boolean[] neverInfer,
               int maxResponses) {
            this.model = model;
            this.objective = objective;
            this.neverAsk = neverAsk;
            this.neverInfer = neverInfer;
            this.maxResponses = maxResponses;
            this.n = model.schema().size();
            this.stride = new long[n + 1];
            stride[0] = 1;
            for (int a = 0; a < n; a++) {
                long radix = model.schema().get(a).size() + 2L;
                stride[a + 1] = stride[a] > Long.MAX_VALUE / (radix * (n + 2)) ? Long.MAX_VALUE / (n + 2)
                    : stride[a] * radix;
            }
        }

        synchronized Entry solve(ElicitationState s) {
            return solve(s.known(), s.unanswerable(), s.questions());
        }

        private long key(Profile known, boolean[] declined, int q) {
            long code = 0;
            for (int a = 0; a < n; a++) {
                int digit = known.isKnown(a) ? known.value(a) + 1 : declined[a] ? model.schema().get(a).size() + 1 : 0;
                code += digit * stride[a];
            }
            return code * (n + 1) + q;
        }

        private Entry solve(Profile known, boolean[] declined, int q) {
            long key = key(known, declined, q);
            Entry hit = memo.get(key);
            if (hit != null) {
                return hit;
            }
            // the posterior from scratch, not by Bayes updates along the path: a state's value must not depend on
            // the path (or the start state) that first reached it, to the last bit
            double[] post = model.posterior(known, declined);
            boolean[] scored = new boolean[n];
            for (int a = 0; a < n; a++) {
                scored[a] = !declined[a] && !neverInfer[a];
            }
            Entry out = objective.maximin() ? solveMaximin(known, declined, q, post, scored)
                : solveFinite(known, declined, q, post, scored);
            memo.put(key, out);
            return out;
        }

        private Entry solveFinite(Profile known, boolean[] declined, int q, double[] post, boolean[] scored) {
            double stop = stopValue(known, q, post, scored);
            double best = stop;
            int action = -1;
            for (int a = 0; a < n; a++) {
                if (known.isKnown(a) || neverAsk[a] || declined[a]) {
                    continue;
                }
                double[] dist = model.answerDistribution(post, a);
                int size = dist.length - 1;
                double value = 0;
                for (int v = 0; v <= size; v++) {
                    if (!(dist[v] > 0)) {
                        continue;
                    }
                    Entry child = v < size ? solve(known.with(a, v), declined, q + 1)
                        : solve(known, with(declined, a), q + 1);
                    value += dist[v] * child.value;
                }
                if (Objective.improves(value, best)) {
                    best = value;
                    action = a;
                }
            }
            return new Entry(action, best, Double.NaN, stop);
        }

        private double stopValue(Profile known, int q, double[] post, boolean[] scored) {
            if (objective.utilitarian()) {
                return Responder.utilitarianValue(model, post, known, scored, q, objective);
            }
            Responder.Response r = Responder.respondExact(model, post, known, scored, q, objective, maxResponses);
            if (r == null) {
                r = Responder.respond(model, post, known, scored, q, objective, true);
            }
            return r.value();
        }

        private Entry solveMaximin(Profile known, boolean[] declined, int q, double[] post, boolean[] scored) {
            double[] live = model.budgets(known, declined);
            int left = declinesLeft(model, declined);
            Responder.Maximin stop = Responder.maximin(model, post, live, known, scored, q, objective.cost(),
                maxResponses, left);
            double bestMin = stop.min();
            double bestMean = stop.mean();
            int action = -1;
            for (int a = 0; a < n; a++) {
                if (known.isKnown(a) || neverAsk[a] || declined[a]) {
                    continue;
                }
                double[] dist = model.answerDistribution(post, a);
                int size = dist.length - 1;
                boolean[] plausibleAnswer = new boolean[size + 1];
                boolean any = false;
                for (int z = 0; z < live.length; z++) {
                    if (Double.isNaN(live[z])) {
                        continue;
                    }
                    for (int v = 0; v <= size; v++) {
                        if (v == size && left == 0) {
                            continue; // a plausible user has declined all they may
                        }
                        if (dist[v] > 0 && !plausibleAnswer[v] && model.answerCost(z, a, v) <= live[z] + 1e-12) {
                            plausibleAnswer[v] = true;
                            any = true;
                        }
                    }
                }
                double min = Double.POSITIVE_INFINITY;
                double mean = 0;
                for (int v = 0; v <= size; v++) {
                    if (!(dist[v] > 0)) {
                        continue;
                    }
                    Entry child = v < size ? solve(known.with(a, v), declined, q + 1)
                        : solve(known, with(declined, a), q + 1);
                    if (plausibleAnswer[v] || !any) {
                        min = Math.min(min, child.value);
                    }
                    mean += dist[v] * child.mean;
                }
                boolean better = min > bestMin + 1e-9
                    || (Math.abs(min - bestMin) <= 1e-9 && Objective.improves(mean, bestMean));
                if (better) {
                    bestMin = min;
                    bestMean = mean;
                    action = a;
                }
            }
            return new Entry(action, bestMin, bestMean, stop.min());
        }

        private static boolean[] with(boolean[] declined, int a) {
            boolean[] d = declined.clone();
            d[a] = true;
            return d;
        }
    }

    // ---------------------------------------------------------------- rollout mode

    private Decision rollout(ElicitationState state) {
        if (state.objective().maximin()) {
            return maximinLookahead(state);
        }
        Decision baseDecision = base.decide(state);
        if (options.rolloutBudget() == 0 || !state.objective().utilitarian()) {
            return baseDecision; // beyond gamma = 0 one voi decision costs milliseconds: no rollouts
        }
        int[] budget = {options.rolloutBudget()};
        double stop = stopValue(state);
        double best = Double.NEGATIVE_INFINITY;
        int action = Integer.MIN_VALUE;
        // the base's own action first, so that ties keep it
        List<Integer> order = new java.util.ArrayList<>();
        order.add(baseDecision instanceof Decision.Ask ask ? ask.attribute() : -1);
        order.add(-1);
        for (int a = 0; a < state.attributes(); a++) {
            if (state.askable(a)) {
                order.add(a);
            }
        }
        for (int a : order) {
            double q = a < 0 ? stop : askThenBase(state, a, budget);
            if (Double.isNaN(q)) {
                return baseDecision; // the budget ran out: stay with the base policy
            }
            if (action == Integer.MIN_VALUE || Objective.improves(q, best)) {
                best = q;
                action = a;
            }
        }
        if (action < 0) {
            return new Decision.Stop("no question is worth its cost (rollout of voi)");
        }
        return new Decision.Ask(action, state.objective().certaintyEquivalent(best)
            - state.objective().certaintyEquivalent(stop));
    }

    /**
     * γ = ∞ in rollout mode: open-loop plans over plausible users. Plan k asks the k askable attributes that most
     * raise the worst case (each answer is then either known or a decline the adversary pays for from its budget) and
     * outputs the posterior mode on the rest; its worst plausible utility is computed exactly by the greedy adversary
     * of {@link Responder#maximin}. The planner asks the first attribute of the best plan when that plan beats stopping
     * now (lowest utility, then expected utility). Re-planning after each answer keeps the rest of the plan available
     * and the adversary's choice on the answered attribute made, so the realised worst case is at least the chosen
     * plan's value, which is at least stopping's: never worse than never-ask under the model.
     */
    private Decision maximinLookahead(ElicitationState s) {
        PopulationModel m = s.model();
        double[] post = s.posterior();
        double[] budgets = m.budgets(s.known(), s.unanswerable());
        int capLeft = declinesLeft(m, s.unanswerable());
        Responder.Maximin stop = Responder.maximin(m, post, budgets, s.known(), s.scored(), s.questions(),
            s.objective().cost(), options.maxResponses(), capLeft);
        int n = s.attributes();
        boolean[] scored = s.scored();
        int scoredCount = 0;
        List<Integer> guessed = new java.util.ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (scored[a]) {
                scoredCount++;
                if (!s.known().isKnown(a)) {
                    guessed.add(a);
                }
            }
        }
        double cost = s.objective().cost();
        double base = scoredCount - cost * s.questions();
        int g = guessed.size();
        int[] y = new int[g];
        double[] miss = new double[g];
        double[] wrong = new double[g];
        for (int i = 0; i < g; i++) {
            int a = guessed.get(i);
            double[] pred = m.predictive(post, a);
            y[i] = Responder.argmax(pred);
            double[] ans = m.answerDistribution(post, a);
            miss[i] = ans[ans.length - 1];
            wrong[i] = 1 - pred[y[i]];
        }
        // per live component: the cost of a loss on each guessed attribute, unasked (0 when already lost) or asked
        List<double[]> unaskedCost = new java.util.ArrayList<>();
        List<double[]> askedCost = new java.util.ArrayList<>();
        List<Double> left = new java.util.ArrayList<>();
        for (int z = 0; z < budgets.length; z++) {
            if (Double.isNaN(budgets[z])) {
                continue;
            }
            double[] u = new double[g];
            double[] q = new double[g];
            for (int i = 0; i < g; i++) {
                int a = guessed.get(i);
                int size = m.schema().get(a).size();
                int mode = m.modeCategory(z, a);
                if (mode == size || mode != y[i]) {
                    u[i] = 0;
                } else {
                    double second = Double.POSITIVE_INFINITY;
                    for (int c = 0; c <= size; c++) {
                        if (c != y[i]) {
                            second = Math.min(second, m.answerCost(z, a, c));
                        }
                    }
                    u[i] = second;
                }
                q[i] = m.answerCost(z, a, size);
            }
            unaskedCost.add(u);
            askedCost.add(q);
            left.add(budgets[z]);
        }
        // order the askable guessed attributes by how much asking raises the cost of a loss (mean over components)
        List<Integer> askable = new java.util.ArrayList<>();
        for (int i = 0; i < g; i++) {
            if (s.askable(guessed.get(i))) {
                askable.add(i);
            }
        }
        double[] gain = new double[g];
        for (int i : askable) {
            double acc = 0;
            for (int c = 0; c < unaskedCost.size(); c++) {
                double cap = left.get(c) + 1;
                acc += Math.min(cap, askedCost.get(c)[i]) - Math.min(cap, unaskedCost.get(c)[i]);
            }
            gain[i] = acc / Math.max(1, unaskedCost.size()) - wrong[i] * 1e-6;
        }
        askable.sort((x, z) -> Double.compare(gain[z], gain[x]));
        double bestMin = stop.min();
        double bestMean = stop.mean();
        int action = -1;
        boolean[] inPlan = new boolean[g];
        for (int k = 1; k <= askable.size(); k++) {
            inPlan[askable.get(k - 1)] = true;
            int worst = capLeft == Integer.MAX_VALUE ? -1 : cappedPlanLoss(m, budgets, guessed, y, inPlan, capLeft);
            if (worst < 0) { // no limit, or no live component fits within it: the greedy adversary
                worst = 0;
                for (int c = 0; c < unaskedCost.size(); c++) {
                    double[] costs = new double[g];
                    for (int i = 0; i < g; i++) {
                        costs[i] = inPlan[i] ? askedCost.get(c)[i] : unaskedCost.get(c)[i];
                    }
                    java.util.Arrays.sort(costs);
                    double budget = left.get(c) + 1e-12;
                    int loss = 0;
                    for (double x : costs) {
                        if (x > budget) {
                            break;
                        }
                        budget -= x;
                        loss++;
                    }
                    worst = Math.max(worst, loss);
                }
            }
            worst = Math.max(0, worst);
            double mean = base - cost * k;
            for (int i = 0; i < g; i++) {
                mean -= inPlan[i] ? miss[i] : wrong[i];
            }
            double min = base - cost * k - worst;
            if (min > bestMin + 1e-9 || (Math.abs(min - bestMin) <= 1e-9 && Objective.improves(mean, bestMean))) {
                bestMin = min;
                bestMean = mean;
                action = guessed.get(askable.get(0));
            }
        }
        if (action < 0) {
            return new Decision.Stop("no plan of questions raises the worst plausible outcome");
        }
        return new Decision.Ask(action, Double.NaN);
    }

    /**
     * The worst plausible number of losses of an open-loop plan (ask the attributes in {@code inPlan}, output
     * {@code y} on the others) when plausible users may decline at most {@code capLeft} more attributes: per live
     * component the exact {@link Responder#maxLosses} — an asked attribute is lost only by a decline, an unasked one by
     * another value or a decline; −1 when no live component has a plausible user within the limit.
     */
    private static int cappedPlanLoss(PopulationModel m, double[] budgets, List<Integer> guessed, int[] y,
                                      boolean[] inPlan, int capLeft) {
        int g = guessed.size();
        int worst = -1;
        for (int z = 0; z < budgets.length; z++) {
            if (Double.isNaN(budgets[z])) {
                continue;
            }
            double[] r = new double[g];
            double[] w = new double[g];
            double[] d = new double[g];
            for (int i = 0; i < g; i++) {
                int a = guessed.get(i);
                int size = m.schema().get(a).size();
                d[i] = m.answerCost(z, a, size);
                double right = Double.POSITIVE_INFINITY;
                double other = Double.POSITIVE_INFINITY;
                for (int v = 0; v < size; v++) {
                    double c = m.answerCost(z, a, v);
                    if (inPlan[i] || v == y[i]) {
                        right = Math.min(right, c);
                    } else {
                        other = Math.min(other, c);
                    }
                }
                r[i] = right;
                w[i] = other;
            }
            worst = Math.max(worst, Responder.maxLosses(r, w, d, budgets[z], capLeft));
        }
        return worst;
    }

    private static double stopValue(ElicitationState s) {
        Objective o = s.objective();
        return o.utilitarian() ? Responder.utilitarianValue(s.model(), s.posterior(), s.known(), s.scored(),
            s.questions(), o) : s.stop().value();
    }

    /** Exact expected value of asking a and then following the base policy; NaN when the budget runs out. */
    private double askThenBase(ElicitationState s, int a, int[] budget) {
        double[] dist = s.model().answerDistribution(s.posterior(), a);
        int size = dist.length - 1;
        double value = 0;
        for (int v = 0; v <= size; v++) {
            if (!(dist[v] > 0)) {
                continue;
            }
            double child = baseValue(v < size ? s.answered(a, v) : s.declined(a), budget);
            if (Double.isNaN(child)) {
                return Double.NaN;
            }
            value += dist[v] * child;
        }
        return value;
    }

    private double baseValue(ElicitationState s, int[] budget) {
        if (--budget[0] < 0) {
            return Double.NaN;
        }
        Decision d = base.decide(s);
        if (d instanceof Decision.Ask ask) {
            return askThenBase(s, ask.attribute(), budget);
        }
        return stopValue(s);
    }
}
