package dev.askwise.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Schema;
import dev.askwise.analysis.Analysis;
import dev.askwise.analysis.StylizedAnalysis;
import dev.askwise.audit.UserOutcome;
import dev.askwise.data.Dataset;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.SymmetricMixture;
import dev.askwise.policy.Objective;
import dev.askwise.policy.Policies;
import dev.askwise.policy.QueryPolicy;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorTest {

    /** Every one of the 2^n users with their probabilities: simulation without sampling error. */
    static double[] exactOutcomes(SymmetricMixture sm, QueryPolicy policy, Objective o, List<UserOutcome> out) {
        int n = sm.n();
        LatentClassModel m = LatentClassModel.fromSymmetricMixture(sm);
        List<int[]> rows = new ArrayList<>();
        double[] prob = new double[1 << n];
        for (int x = 0; x < (1 << n); x++) {
            int[] row = new int[n];
            int ones = 0;
            for (int a = 0; a < n; a++) {
                row[a] = (x >>> a) & 1;
                ones += row[a];
            }
            rows.add(row);
            prob[x] = sm.p() * Math.pow(sm.eps(), ones) * Math.pow(1 - sm.eps(), n - ones)
                + (1 - sm.p()) * Math.pow(1 - sm.eps(), ones) * Math.pow(sm.eps(), n - ones);
        }
        Dataset all = Dataset.of("all", Schema.binary(n), rows, Map.of());
        Simulator sim = new Simulator(m, o);
        for (int i = 0; i < all.size(); i++) {
            out.add(sim.simulate(policy, all, i));
        }
        return prob;
    }

    /** Fixed order with k questions on the paper's model reproduces the exact E[U](k) and EDE (n = 8). */
    @Test
    void fixedOrderReproducesTheExactAnalysis() {
        SymmetricMixture sm = SymmetricMixture.of(8, 0.6, 0.15);
        for (double gamma : new double[] {0, 2}) {
            WelfareFunction w = WelfareFunction.of(gamma);
            Objective o = Objective.of(1, w, 8);
            Analysis exact = StylizedAnalysis.analyze(sm, 1, w, false);
            for (int k : new int[] {0, 1, 3}) {
                QueryPolicy p = Policies.create("fixed-order", new Policies.Context(8, null, k, 1, null));
                List<UserOutcome> outcomes = new ArrayList<>();
                double[] prob = exactOutcomes(sm, p, o, outcomes);
                double mean = 0;
                double power = 0;
                for (int i = 0; i < prob.length; i++) {
                    mean += prob[i] * outcomes.get(i).utility();
                    power += prob[i] * o.f(outcomes.get(i).utility());
                    assertThat(outcomes.get(i).questions()).isEqualTo(k);
                }
                assertThat(o.certaintyEquivalent(power)).as("EDE gamma=%s k=%d", gamma, k)
                    .isCloseTo(exact.forK(k).ede(), within(1e-9));
                if (gamma == 0) {
                    assertThat(mean).isCloseTo(exact.forK(k).meanUtility(), within(1e-9));
                }
            }
        }
    }

    /**
     * VOI (depth 1 and 2, exact and fast) is bounded by the exact optimal adaptive policy and at least as good as never
     * asking, on every user of the paper's model (n = 8, p = ½, ε = 0.1, c = 1, γ = 2); looking two questions ahead is
     * never worse here than one.
     */
    @Test
    void voiLiesBetweenNeverAskAndTheOptimalAdaptivePolicy() {
        SymmetricMixture sm = SymmetricMixture.of(8, 0.5, 0.1);
        WelfareFunction w = WelfareFunction.of(2);
        Objective o = Objective.of(1, w, 8);
        Analysis exact = StylizedAnalysis.analyze(sm, 1, w);
        Map<String, Double> ede = new java.util.HashMap<>();
        for (String name : List.of("voi", "voi-2", "voi-fast")) {
            List<UserOutcome> outcomes = new ArrayList<>();
            double[] prob = exactOutcomes(sm, Policies.create(name, new Policies.Context(8, null, 8, 1, null)), o,
                outcomes);
            double power = 0;
            for (int i = 0; i < prob.length; i++) {
                power += prob[i] * o.f(outcomes.get(i).utility());
            }
            double value = o.certaintyEquivalent(power);
            ede.put(name, value);
            assertThat(value).as(name).isLessThanOrEqualTo(exact.adaptive().ede() + 1e-9);
            assertThat(value).as(name).isGreaterThanOrEqualTo(exact.forK(0).ede() - 1e-9);
        }
        assertThat(ede.get("voi-2")).isGreaterThanOrEqualTo(ede.get("voi") - 1e-9);
    }

    /** A budget cuts the same conversation: budget n is the policy itself, budget 0 asks nothing. */
    @Test
    void budgetsCutOneConversation() {
        SymmetricMixture sm = SymmetricMixture.of(6, 0.5, 0.1);
        LatentClassModel m = LatentClassModel.fromSymmetricMixture(sm);
        Objective o = Objective.of(0.2, WelfareFunction.of(1), 6);
        Simulator sim = new Simulator(m, o);
        QueryPolicy voi = Policies.create("voi", new Policies.Context(6, null, 6, 1, null));
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(m.sample(random).profile().toArray());
        }
        Dataset users = Dataset.of("s", m.schema(), rows, Map.of());
        for (int i = 0; i < users.size(); i++) {
            List<UserOutcome> budgets = sim.simulateBudgets(voi, users, i);
            assertThat(budgets).hasSize(7);
            assertThat(budgets.get(6)).isEqualTo(sim.simulate(voi, users, i));
            for (int k = 0; k <= 6; k++) {
                assertThat(budgets.get(k).questions()).isLessThanOrEqualTo(k);
            }
            assertThat(budgets.get(0).questions()).isZero();
        }
        List<dev.askwise.audit.AuditReport> reports = sim.runBudgets(voi, users, null);
        assertThat(reports.get(6).meanUtility()).isEqualTo(sim.run(voi, users, 1, Map.of(), null).report()
            .meanUtility());
    }

    @Test
    void runIsDeterministicAndCarriesAManifest() {
        SymmetricMixture sm = SymmetricMixture.of(6, 0.7, 0.1);
        LatentClassModel m = LatentClassModel.fromSymmetricMixture(sm);
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<int[]> rows = new ArrayList<>();
        List<String> cluster = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            dev.askwise.model.PopulationModel.Draw d = m.sample(random);
            rows.add(d.profile().toArray());
            cluster.add(d.cluster() == 0 ? "majority" : "minority");
        }
        Dataset users = Dataset.of("sample", m.schema(), rows, Map.of("cluster", cluster));
        Simulator sim = new Simulator(m, Objective.of(0.5, WelfareFunction.of(1), 6));
        QueryPolicy p = Policies.create("random", new Policies.Context(6, null, 2, 9, null));
        Simulator.Result a = sim.run(p, users, 9, Map.of("cost", "0.5"), null);
        Simulator.Result b = sim.run(p, users, 9, Map.of("cost", "0.5"), null);
        assertThat(a.complete()).isTrue();
        assertThat(a.report().meanUtility()).isEqualTo(b.report().meanUtility());
        assertThat(a.report().meanQuestions()).isEqualTo(2.0);
        assertThat(a.report().groups("cluster")).containsOnlyKeys("majority", "minority");
        assertThat(a.manifest().dataHash()).isEqualTo(users.sha256()).hasSize(64);
        assertThat(a.manifest().policy()).isEqualTo("random");
    }

    /**
     * The simulator remembers each stopped state's best response: every user's outcome, at every budget, equals the
     * outcome from a fresh simulator that has remembered nothing (γ = 2, where the response is an optimisation, on
     * seeded models with missing preferences, so that users decline and declined states occur).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 9, 13})
    void rememberedResponsesEqualFreshOnes(int seed) {
        dev.askwise.model.PopulationModel m = dev.askwise.policy.PlannerBruteForceTest.randomModel(seed);
        assertThat(m.modelsMissing()).isTrue();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int n = m.schema().size();
        Objective o = Objective.of(0.1, WelfareFunction.of(2), n);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            rows.add(m.sample(random).profile().toArray());
        }
        Dataset users = Dataset.of("s", m.schema(), rows, Map.of());
        Simulator shared = new Simulator(m, o);
        for (String name : List.of("voi", "never-ask", "ask-all")) {
            QueryPolicy p = Policies.create(name, new Policies.Context(n, null, n, 1, null));
            for (int i = 0; i < users.size(); i++) {
                assertThat(shared.simulateBudgets(p, users, i)).as("%s, user %d", name, i)
                    .isEqualTo(new Simulator(m, o).simulateBudgets(p, users, i));
            }
        }
    }

    /**
     * Two users stop knowing the same values after the same number of questions but having declined different
     * attributes: their responses differ (a declined attribute is not scored), so the remembered response of one must
     * not be served to the other.
     */
    @Test
    void rememberedResponsesTellDeclinedAttributesApart() {
        dev.askwise.model.PopulationModel m = dev.askwise.policy.PlannerBruteForceTest.randomModel(1);
        int n = m.schema().size();
        Objective o = Objective.of(0.1, WelfareFunction.of(2), n);
        int[] first = new int[n];
        int[] second = new int[n];
        first[0] = dev.askwise.Profile.UNKNOWN;
        second[1] = dev.askwise.Profile.UNKNOWN;
        Dataset users = Dataset.of("two", m.schema(), List.of(first, second), Map.of());
        QueryPolicy askWhatTheyLack = new QueryPolicy() { // one question, about the user's first missing value
            @Override
            public String name() {
                return "ask-what-they-lack";
            }

            @Override
            public dev.askwise.policy.Decision decide(dev.askwise.policy.ElicitationState state) {
                dev.askwise.Profile truth = java.util.Objects.requireNonNull(state.truth(), "simulated");
                for (int a = 0; a < n && state.questions() == 0; a++) {
                    if (!truth.isKnown(a)) {
                        return new dev.askwise.policy.Decision.Ask(a, 0.0);
                    }
                }
                return new dev.askwise.policy.Decision.Stop("one question");
            }
        };
        Simulator shared = new Simulator(m, o);
        UserOutcome a = shared.simulate(askWhatTheyLack, users, 0);
        UserOutcome b = shared.simulate(askWhatTheyLack, users, 1);
        assertThat(a.questions()).isEqualTo(1);
        assertThat(b.output()).isNotEqualTo(a.output());
        assertThat(b).isEqualTo(new Simulator(m, o).simulate(askWhatTheyLack, users, 1));
    }
}
