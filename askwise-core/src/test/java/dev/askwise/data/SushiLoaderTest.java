package dev.askwise.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On small synthetic files in Kamishima's format (the real data may not be redistributed). */
class SushiLoaderTest {

    static void write(Path dir) throws Exception {
        Files.writeString(dir.resolve(SushiLoader.ORDER_A), String.join("\n",
            "10 1",
            "0 10 5 0 3 4 6 9 8 1 7 2",
            "0 10 0 9 6 3 7 2 8 1 5 4",
            "0 10 7 0 4 5 3 9 2 1 6 8") + "\n");
        Files.writeString(dir.resolve(SushiLoader.USERS), String.join("\n",
            "0\t1\t2\t277\t26\t6\t1\t26\t6\t1\t0",
            "1\t0\t1\t245\t37\t8\t1\t37\t8\t1\t0",
            "2\t1\t5\t329\t12\t3\t0\t22\t5\t0\t1") + "\n");
        Files.writeString(dir.resolve(SushiLoader.ITEMS), "0\tebi\t1\n1\tanago\t1\n5\tsake\t1\n");
    }

    @Test
    void topTwoBecomeOnesAndCovariatesAreRead(@TempDir Path dir) throws Exception {
        write(dir);
        Dataset d = SushiLoader.loadTopT(dir, 2);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.schema().get(0).name()).isEqualTo("ebi");
        assertThat(d.schema().get(5).name()).isEqualTo("sake");
        assertThat(d.schema().get(2).name()).isEqualTo("item2");
        // user 0 ranks 5 then 0 first
        assertThat(d.profile(0).toArray()).containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0, 0);
        assertThat(d.profile(1).toArray()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(SushiLoader.loadTopT(dir, 3).profile(0).toArray()).containsExactly(1, 0, 0, 1, 0, 1, 0, 0, 0, 0);
        assertThat(d.covariate("age", 0)).isEqualTo("30-39");
        assertThat(d.covariate("gender", 1)).isEqualTo("male");
        assertThat(d.covariate("region", 2)).isEqualTo("east");
    }

    @Test
    void windowsLineEndingsTabsAndBlankLinesAreRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SushiLoader.ORDER_A),
            "10\t1\r\n0 10 5 0 3 4 6 9 8 1 7 2\r\n\r\n0\t10\t0 9 6 3 7 2 8 1 5 4\r\n");
        Files.writeString(dir.resolve(SushiLoader.ITEMS), "0\tebi\t1\r\n\r\n7\ttoro\t1\r\n");
        Dataset d = SushiLoader.loadTopT(dir, 2);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.profile(1).toArray()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(d.schema().get(7).name()).isEqualTo("toro");
        Files.writeString(dir.resolve(SushiLoader.ORDER_A), "10 1 0\n");
        assertThatThrownBy(() -> SushiLoader.loadTopT(dir, 2)).hasMessageContaining("line 1: expected the header");
    }

    @Test
    void theArchivesFolderIsFoundInsideTheDirectoryGiven(@TempDir Path dir) throws Exception {
        Path inner = Files.createDirectory(dir.resolve("sushi3-2016"));
        write(inner);
        Dataset d = SushiLoader.loadTopT(dir, 2);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.schema().get(0).name()).isEqualTo("ebi");
        assertThat(d.covariate("age", 0)).isEqualTo("30-39");
    }

    @Test
    void missingDataSaysWhereToGetIt(@TempDir Path dir) {
        assertThatThrownBy(() -> SushiLoader.loadTopT(dir, 2)).hasMessageContaining("SUSHI file not found")
            .hasMessageContaining("https://www.kamishima.net/sushi/");
    }

    @Test
    void corruptFilesNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SushiLoader.ORDER_A), "10 1\n0 10 5 0 3 4 6 9 8 1 7 2\n0 10 1 2 3\n");
        assertThatThrownBy(() -> SushiLoader.loadTopT(dir, 2)).isInstanceOf(DataFormatException.class)
            .hasMessageEndingWith(SushiLoader.ORDER_A + " line 3: expected 12 integers, found 5");
        Files.writeString(dir.resolve(SushiLoader.ORDER_A), "10 1\n0 10 5 5 3 4 6 9 8 1 7 2\n");
        assertThatThrownBy(() -> SushiLoader.loadTopT(dir, 2))
            .hasMessageContaining("line 2: item ids must be a permutation of 0-9");
        Files.writeString(dir.resolve(SushiLoader.ORDER_A), "100 1\n");
        assertThatThrownBy(() -> SushiLoader.loadTopT(dir, 2)).hasMessageContaining("line 1: expected the header");
        assertThatThrownBy(() -> SushiLoader.loadTopT(dir, 0)).hasMessage("top must be in [1, 9]: 0");
    }

    @Test
    void scoresOfTheHundredItemSet(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < 2; u++) {
            for (int i = 0; i < 100; i++) {
                sb.append(i == 0 ? "" : " ").append(i % 10 == u ? Integer.toString(i % 5) : "-1");
            }
            sb.append('\n');
        }
        Files.writeString(dir.resolve(SushiLoader.SCORE_B), sb.toString());
        Dataset d = SushiLoader.loadScores(dir);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.value(0, 10)).isZero();
        assertThat(d.value(0, 11)).isEqualTo(-1);
        assertThat(d.value(1, 11)).isEqualTo(1);
        Files.writeString(dir.resolve(SushiLoader.SCORE_B), sb.toString().replaceFirst("-1", "7"));
        assertThatThrownBy(() -> SushiLoader.loadScores(dir)).hasMessageContaining("line 1: scores must be in [-1, 4]: 7");
    }
}
