package dev.askwise.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {

    @Test
    void sameShapeAndSeedSameUsersAndBlocksAreSlicesOfTheWhole() {
        SyntheticData.Shape shape = SyntheticData.Shape.parse("10_000, 7, 3, 4");
        assertThat(shape).isEqualTo(new SyntheticData.Shape(10_000, 7, 3, 4));
        CodedRows a = SyntheticData.rows(shape, 5);
        assertThat(SyntheticData.rows(shape, 5).codes()).isEqualTo(a.codes());
        assertThat(SyntheticData.rows(shape, 6).codes()).isNotEqualTo(a.codes());
        var model = SyntheticData.model(shape, 5);
        for (int b = 0; b < 3; b++) {
            int from = b * SyntheticData.BLOCK * 7;
            int to = Math.min(a.codes().length, from + SyntheticData.BLOCK * 7);
            assertThat(SyntheticData.block(model, 10_000, 5, b)).isEqualTo(Arrays.copyOfRange(a.codes(), from, to));
        }
        for (byte c : a.codes()) {
            assertThat(c & 0xFF).isBetween(1, 3);
        }
        assertThat(SyntheticData.Shape.parse("1e6,50,4,10").users()).isEqualTo(1_000_000);
    }

    @Test
    void badShapesNameThePartAndItsRange() {
        assertThatThrownBy(() -> SyntheticData.Shape.parse("100,5,256,2")).hasMessage(
            "values must be in [2, 255]: 256");
        assertThatThrownBy(() -> SyntheticData.Shape.parse("100,5,4,0")).hasMessage("clusters must be in [1, 1000]: 0");
        assertThatThrownBy(() -> SyntheticData.Shape.parse("many,5,4,2")).hasMessage(
            "users must be a whole number: 'many'");
        assertThatThrownBy(() -> SyntheticData.Shape.parse("2.5,5,4,2")).hasMessage(
            "users must be a whole number: '2.5'");
        assertThatThrownBy(() -> SyntheticData.Shape.parse("100000000,50,4,2")).hasMessage(
            "users × attributes must be at most 2147483639: 5000000000");
    }
}
