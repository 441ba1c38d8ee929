package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.Profile;
import dev.askwise.data.SyntheticData;
import dev.askwise.model.LatentClassModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Large schemas at a steep γ: the scaled power objective's values are tiny there (300 attributes, γ = 10: about
 * 1e-10), and a tolerance of {@code 1e-10·max(1, |v|)} made every question tie with stopping — voi stopped at once
 * although asking gained 8 utility units, and at 100 attributes it took a question worth 2.42 over one worth 2.70.
 * Ties are now relative to the values when they share a sign.
 */
class SteepObjectiveTest {

    @Test
    void tolerancesAreRelativeToSameSignedValues() {
        assertThat(Objective.improves(-5e-11, -6e-11)).isTrue();
        assertThat(Objective.improves(-6e-11 + 1e-24, -6e-11)).isFalse(); // rounding: a tie
        assertThat(Objective.improves(3e-13, 1e-13)).isTrue();
        assertThat(Objective.improves(1e-12, -1e-12)).isFalse(); // across zero (a logarithm): the floor of 1
        assertThat(Objective.improves(0.5 + 1e-12, 0.5)).isFalse();
        assertThat(Objective.improves(2.0 + 1e-9, 2.0)).isTrue();
    }

    @ParameterizedTest(name = "{0} attributes, gamma {1}")
    @CsvSource({"30, 10", "100, 10", "300, 10", "300, 5", "300, 2"})
    void voiAsksTheQuestionWithTheLargestGain(int n, double gamma) {
        LatentClassModel m = SyntheticData.model(new SyntheticData.Shape(1, n, 2, 4), 7);
        Objective o = Objective.of(0.3, WelfareFunction.of(gamma), n);
        ElicitationState s = new ElicitationState(m, o, Profile.empty(n), 0, new boolean[n], new boolean[n],
            new boolean[n], null);
        VoiPolicy voi = new VoiPolicy(1);
        Map<Integer, Double> gains = voi.gains(s);
        double best = gains.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(best).as("asking is worth several utility units here").isGreaterThan(0.5);
        Decision d = voi.decide(s);
        assertThat(d).isInstanceOf(Decision.Ask.class);
        Decision.Ask ask = (Decision.Ask) d;
        assertThat(gains.get(ask.attribute())).isGreaterThanOrEqualTo(best - 1e-6 * best);
    }
}
