package dev.askwise.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import org.junit.jupiter.api.Test;

class LandscapeTest {

    @Test
    void everyCellIsThePointwiseOptimum() {
        double[] ps = {0.05, 0.3, 0.5, 0.8};
        double[] eps = {0.0, 0.1, 0.25, 0.5};
        for (WelfareFunction w : new WelfareFunction[] {WelfareFunction.of(0), WelfareFunction.of(2),
            WelfareFunction.maximin()}) {
            int[][] grid = Landscape.kStar(10, 1.0, w, ps, eps);
            for (int i = 0; i < ps.length; i++) {
                for (int j = 0; j < eps.length; j++) {
                    assertThat(grid[i][j]).isEqualTo(StylizedAnalysis.optimalK(SymmetricMixture.of(10, ps[i], eps[j]),
                        1.0, w));
                }
            }
        }
    }

    /** Figure 4's message: at γ = 0, p = ½, ε = 0.1 one question; a 95% majority, none. */
    @Test
    void figureFourCorners() {
        int[][] grid = Landscape.kStar(10, 1.0, WelfareFunction.utilitarian(), new double[] {0.5, 0.95},
            new double[] {0.1});
        assertThat(grid[0][0]).isEqualTo(1);
        assertThat(grid[1][0]).isZero();
    }

    @Test
    void rejectsBadGridValuesBeforeWorking() {
        assertThatThrownBy(() -> Landscape.kStar(10, 1.0, WelfareFunction.utilitarian(), new double[] {0.5, 1.2},
            new double[] {0.1})).hasMessage("p must be in [0, 1]: 1.2");
    }
}
