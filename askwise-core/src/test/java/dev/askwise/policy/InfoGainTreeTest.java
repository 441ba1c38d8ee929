package dev.askwise.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import dev.askwise.model.LatentClassModel;
import dev.askwise.welfare.WelfareFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoGainTreeTest {

    /**
     * Attribute 1 copies attribute 0 and attribute 2 is independent noise; by hand, splitting on 0 or 1 gains
     * H(x1) = 1 bit about the others and splitting on 2 gains nothing, so the root splits on attribute 0 (first of
     * the tie), the leaf after x0 = 1 answers x1 = 1, and x2 gets the majority value 0.
     */
    @Test
    void splitsOnTheMostInformativeAttributeAndAnswersWithLeafModes() {
        List<int[]> rows = List.of(new int[] {0, 0, 0}, new int[] {0, 0, 1}, new int[] {1, 1, 0},
            new int[] {1, 1, 0}, new int[] {0, 0, 0}, new int[] {1, 1, 1});
        Dataset data = Dataset.of("toy", Schema.binary(3), rows, Map.of());
        InfoGainTree tree = InfoGainTree.train(data, 1, 1);
        LatentClassModel model = LatentClassModel.of(Schema.binary(3), new double[] {1.0},
            new double[][][] {{{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}});
        Objective o = Objective.of(0.1, WelfareFunction.utilitarian(), 3);
        boolean[] none = new boolean[3];
        ElicitationState start = new ElicitationState(model, o, Profile.empty(3), 0, none, none, none, null);
        Decision d = tree.decide(start);
        assertThat(d).isEqualTo(new Decision.Ask(0, Double.NaN));
        ElicitationState after = start.answered(0, 1);
        assertThat(tree.decide(after)).isInstanceOf(Decision.Stop.class);
        assertThat(tree.response(after)).containsExactly(1, 1, 0);
        assertThat(tree.response(start.answered(0, 0))).containsExactly(0, 0, 0);
    }
}
