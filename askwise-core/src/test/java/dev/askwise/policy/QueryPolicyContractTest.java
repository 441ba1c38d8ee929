package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import dev.askwise.model.LatentClassModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every registered policy passes: never asks an attribute already known, protected from asking or
 * declined; stops within the number of attributes; deterministic for a seed.
 */
class QueryPolicyContractTest {

    static final LatentClassModel MODEL = ResponderTest.randomModel(new SplittableRandom(3), 6, 3);

    static Dataset sample(int users, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            rows.add(MODEL.sample(random).profile().toArray());
        }
        return Dataset.of("sample", MODEL.schema(), rows, Map.of());
    }

    static Stream<Arguments> policies() {
        List<Arguments> out = new ArrayList<>();
        for (String name : Policies.NAMES) {
            for (double gamma : new double[] {0, 2, Double.POSITIVE_INFINITY}) {
                out.add(Arguments.of(name, gamma));
            }
        }
        return out.stream();
    }

    static QueryPolicy create(String name) {
        return Policies.create(name, new Policies.Context(6, sample(300, 1), 3, 7L, null));
    }

    @ParameterizedTest(name = "{0} gamma={1}")
    @MethodSource("policies")
    void respectsTheContract(String name, double gamma) {
        Objective objective = Objective.of(0.1, WelfareFunction.of(gamma), 6);
        boolean[] neverAsk = {false, true, false, false, false, false};
        boolean[] neverInfer = {false, false, false, false, false, true};
        Dataset users = sample(40, 2);
        for (int i = 0; i < users.size(); i++) {
            Profile truth = users.profile(i);
            List<Integer> first = run(create(name), objective, neverAsk, neverInfer, truth, i);
            List<Integer> second = run(create(name), objective, neverAsk, neverInfer, truth, i);
            assertThat(second).as("deterministic").isEqualTo(first);
            assertThat(first.size()).isLessThanOrEqualTo(6);
            assertThat(first).doesNotContain(1).doesNotHaveDuplicates();
        }
    }

    /** Runs one conversation, checking each question is askable; user i declines attribute 2 when i is odd. */
    private static List<Integer> run(QueryPolicy policy, Objective o, boolean[] neverAsk, boolean[] neverInfer,
                                     Profile truth, int i) {
        ElicitationState state = new ElicitationState(MODEL, o, Profile.empty(6).with(0, truth.value(0)), 0,
            neverAsk, neverInfer, new boolean[6], truth);
        List<Integer> asked = new ArrayList<>();
        for (int step = 0; step < 10; step++) {
            Decision d = policy.decide(state);
            if (!(d instanceof Decision.Ask ask)) {
                break;
            }
            assertThat(state.askable(ask.attribute())).as("%s asked %d", policy.name(), ask.attribute()).isTrue();
            asked.add(ask.attribute());
            state = ask.attribute() == 2 && i % 2 == 1 ? state.declined(2)
                : state.answered(ask.attribute(), truth.value(ask.attribute()));
        }
        assertThat(asked.size()).isLessThanOrEqualTo(6);
        int[] response = policy.response(state);
        if (response != null && !state.known().isKnown(5)) {
            assertThat(response[5]).as("never-infer attribute stays unset").isEqualTo(Profile.UNKNOWN);
        }
        return asked;
    }
}
