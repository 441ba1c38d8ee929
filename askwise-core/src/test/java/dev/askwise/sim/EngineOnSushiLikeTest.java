package dev.askwise.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.data.Dataset;
import dev.askwise.data.SushiLike;
import dev.askwise.welfare.WelfareFunction;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, point 5: on SUSHI-like data (5,000 users from {@link SushiLike}'s Mallows mixture, 5-fold CV) the engine's
 * default policy must reach, in every cell of c ∈ {0.1, 0.3, 0.5} × γ ∈ {0, 1, 2, 5, ∞}, at least the best of the
 * information-gain tree, never-ask and ask-all less 0.005 in held-out EDE; at γ = 0 it must be within 0.005 of the
 * Bayes-optimal adaptive policy under the training folds' empirical distribution, computed independently by
 * {@link EmpiricalOptimum}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineOnSushiLikeTest {

    private static final double[] GAMMAS = {0, 1, 2, 5, Double.POSITIVE_INFINITY};
    private Dataset users;

    @BeforeAll
    void data() {
        users = SushiLike.defaults().dataset(5000, 1);
    }

    @ParameterizedTest(name = "cost {0}")
    @ValueSource(doubles = {0.1, 0.3, 0.5})
    void engineReachesTheBestBaselineInEveryCell(double cost) {
        PolicyComparison.Result r = PolicyComparison.run(users, new PolicyComparison.Options(
            List.of("engine", "infogain-tree", "never-ask", "ask-all"), cost, GAMMAS, 5, 0, 1), null);
        assertThat(r.family()).isEqualTo("exemplar");
        for (double g : GAMMAS) {
            WelfareFunction w = WelfareFunction.of(g);
            double engine = r.row("engine", g).report().ede(w);
            double best = Math.max(r.row("infogain-tree", g).report().ede(w),
                Math.max(r.row("never-ask", g).report().ede(w), r.row("ask-all", g).report().ede(w)));
            System.out.printf(Locale.ROOT, "c=%.1f gamma=%s engine %.4f (%.2f q) tree %.4f never %.4f all %.4f%n",
                cost, WelfareFunction.formatGamma(g), engine, r.row("engine", g).report().meanQuestions(),
                r.row("infogain-tree", g).report().ede(w), r.row("never-ask", g).report().ede(w),
                r.row("ask-all", g).report().ede(w));
            assertThat(engine).as("engine at cost %s, gamma %s", cost, g).isGreaterThanOrEqualTo(best - 0.005);
        }
        double optimum = EmpiricalOptimum.crossValidated(users, cost, 5, 1).meanUtility();
        double engine0 = r.row("engine", 0).report().meanUtility();
        System.out.printf(Locale.ROOT, "c=%.1f Bayes-optimal %.4f engine %.4f%n", cost, optimum, engine0);
        assertThat(engine0).isCloseTo(optimum, org.assertj.core.data.Offset.offset(0.005));
    }
}
