package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void inclusiveDecimalGrid() {
        double[] v = Ranges.parse("--p", "0:1:0.01");
        assertThat(v).hasSize(101);
        assertThat(v[57]).isEqualTo(0.57);
        assertThat(v[100]).isEqualTo(1.0);
        assertThat(Ranges.parse("--eps", "0:0.5:0.005")).hasSize(101);
        assertThat(Ranges.parse("--eps", "0:0.5:0.3")).containsExactly(0, 0.3);
    }

    @Test
    void listsAndSingleValues() {
        assertThat(Ranges.parse("--p", "0.1, 0.2,0.5")).containsExactly(0.1, 0.2, 0.5);
        assertThat(Ranges.parse("--p", "0.5")).containsExactly(0.5);
    }

    @Test
    void rejectsMalformed() {
        for (String bad : new String[] {"1:0:0.1", "0:1:0", "0:1:-0.1", "a:b:c", "0:1", "", "0,,1"}) {
            assertThatThrownBy(() -> Ranges.parse("--p", bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--p must be START:STOP:STEP");
        }
        assertThatThrownBy(() -> Ranges.parse("--p", "0:1:0.000001")).hasMessageContaining("more than 100001 points");
    }
}
