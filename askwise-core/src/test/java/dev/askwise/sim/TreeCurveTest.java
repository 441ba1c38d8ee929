package dev.askwise.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import dev.askwise.welfare.WelfareFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeCurveTest {

    /**
     * The toy data of InfoGainTreeTest: x1 copies x0, x2 is noise with majority 0. By hand, in-sample:
     * k = 0 outputs the root's modes (0, 0, 0) (x0 ties 3–3 and goes to the smaller value): mistakes 0, 1, 2, 2, 0, 3
     * → mean utility 3 − 8/6; k = 1 asks x0, after which x1 is right and both leaves answer x2 = 0: mistakes
     * 0, 1, 0, 0, 0, 1 → mean utility 3 − 2/6 − c. Neither leaf splits again (no information gain left).
     */
    @Test
    void inSampleCurveByHand() {
        List<int[]> rows = List.of(new int[] {0, 0, 0}, new int[] {0, 0, 1}, new int[] {1, 1, 0},
            new int[] {1, 1, 0}, new int[] {0, 0, 0}, new int[] {1, 1, 1});
        Dataset data = Dataset.of("toy", Schema.binary(3), rows, Map.of());
        TreeCurve c = TreeCurve.inSample(data);
        assertThat(c.utilities(0, 0.2).mean()).isCloseTo(3 - 8.0 / 6, within(1e-12));
        assertThat(c.utilities(1, 0.2).mean()).isCloseTo(3 - 2.0 / 6 - 0.2, within(1e-12));
        assertThat(c.meanQuestions(2)).isEqualTo(1.0);
        assertThat(c.meanQuestions(1)).isEqualTo(1.0);
        assertThat(c.optimalK(0.2, WelfareFunction.utilitarian())).isEqualTo(1);
        assertThat(c.optimalK(0.99, WelfareFunction.utilitarian())).isEqualTo(1);
        // a question costing 2 never pays
        assertThat(c.optimalK(2.0, WelfareFunction.utilitarian())).isZero();
    }
}
