package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.model.LatentClassModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A small domain where questions can be asked and then not scored — two attributes users may have no preference on,
 * one never inferred (the built-in hotel domain's shape) — at every allowed cost. A user who declines can end below
 * zero utility, where the power objective used to be undefined or of the wrong sign: the exact planner then asked
 * questions whose own gain it reported as −3 to −7 certainty-equivalent units (hotel, γ = 2, cost 0.6 to 1.19).
 * Under any objective, the optimal policy asks only when asking gains: every decision reachable under the model
 * must be a stop or an ask with a positive gain, and the planner (exact) is never worse than voi at the start.
 */
class SmallDomainCostTest {

    static LatentClassModel hotelShaped() {
        Schema schema = Schema.of(List.of(new Attribute("price", List.of("low", "mid", "high")),
            Attribute.binary("area"), Attribute.binary("chain"), Attribute.binary("breakfast"),
            Attribute.binary("accessibility")));
        double[] w = {0.4, 0.6};
        double[][][] theta = {
            {{0.75, 0.2, 0.05}, {0.3, 0.7}, {0.25, 0.75}, {0.7, 0.3}, {0.1, 0.9}},
            {{0.05, 0.45, 0.5}, {0.85, 0.15}, {0.8, 0.2}, {0.4, 0.6}, {0.1, 0.9}}};
        double[][] missing = {{0, 0, 0.2, 0.1, 0}, {0, 0, 0.1, 0.3, 0}};
        return LatentClassModel.of(schema, w, theta, missing);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (double g : new double[] {0.5, 1, 2, 5}) {
            for (double c : new double[] {0.1, 0.3, 0.5, 0.6, 0.7, 0.9, 1.0, 1.1, 1.19}) {
                out.add(Arguments.of(g, c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "gamma {0}, cost {1}")
    @MethodSource("cases")
    void everyReachableQuestionGains(double gamma, double cost) {
        LatentClassModel m = hotelShaped();
        int n = m.schema().size();
        Objective o = Objective.of(cost, WelfareFunction.of(gamma), n);
        boolean[] neverInfer = new boolean[n];
        neverInfer[4] = true;
        ElicitationState root = new ElicitationState(m, o, Profile.empty(n), 0, new boolean[n], neverInfer,
            new boolean[n], null);
        Planner planner = new Planner();
        assertThat(planner.exact(root)).isTrue();
        Deque<ElicitationState> todo = new ArrayDeque<>(List.of(root));
        int asks = 0;
        while (!todo.isEmpty()) {
            ElicitationState s = todo.pop();
            Decision d = planner.decide(s);
            if (!(d instanceof Decision.Ask ask)) {
                continue;
            }
            asks++;
            assertThat(ask.gain()).as("gain of asking %s at %s", m.schema().get(ask.attribute()).name(), s.known())
                .isPositive();
            int a = ask.attribute();
            double[] dist = m.answerDistribution(s.posterior(), a);
            for (int v = 0; v < dist.length; v++) {
                if (dist[v] > 0) {
                    todo.push(v < dist.length - 1 ? s.answered(a, v) : s.declined(a));
                }
            }
        }
        Decision voi = new VoiPolicy(1).decide(root);
        double stop = root.stop().value();
        double plannerValue = planner.value(root);
        assertThat(plannerValue).isGreaterThanOrEqualTo(stop - 1e-12 * Math.abs(stop));
        if (voi instanceof Decision.Ask v) {
            assertThat(o.certaintyEquivalent(plannerValue) - o.certaintyEquivalent(stop))
                .as("the planner's gain is at least voi's one-step gain").isGreaterThanOrEqualTo(v.gain() - 1e-9);
            assertThat(asks).isPositive();
        }
    }
}
