package dev.askwise.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askwise.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvUsersTest {

    @Test
    void readsLabelsSortedPerAttributeWithEmptyCellsMissing(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("u.csv");
        Files.writeString(f, "budget, pace\nlow,slow\n high ,\nmid,fast\n\nlow,fast\n");
        Dataset d = CsvUsers.load(f);
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.schema().get(0).values()).containsExactly("high", "low", "mid");
        assertThat(d.schema().get(1).name()).isEqualTo("pace");
        assertThat(d.schema().get(1).values()).containsExactly("fast", "slow");
        assertThat(d.profile(1).toArray()).containsExactly(0, Profile.UNKNOWN);
        assertThat(d.profile(3).toArray()).containsExactly(1, 0);
    }

    /** Spreadsheet programs save CSV with a UTF-8 byte-order mark; it must not become part of the first name. */
    @Test
    void aByteOrderMarkIsNotPartOfTheFirstName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bom.csv");
        Files.writeString(f, "\uFEFFbudget,pace\nlow,slow\nhigh,fast\n");
        assertThat(CsvUsers.load(f).schema().get(0).name()).isEqualTo("budget");
    }

    @Test
    void badFilesNameTheLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "a,b\nx,y\nx,y,z\n");
        assertThatThrownBy(() -> CsvUsers.load(f)).hasMessage("line 3: 3 cells, the header has 2");
        Files.writeString(f, "a,,b\n");
        assertThatThrownBy(() -> CsvUsers.load(f)).hasMessageStartingWith("line 1: the header needs a name");
        Files.writeString(f, "a,b\nx,y\nx,z\n");
        assertThatThrownBy(() -> CsvUsers.load(f)).hasMessage(
            "attribute 'a' must have at least 2 distinct values: [x]");
        Files.writeString(f, "");
        assertThatThrownBy(() -> CsvUsers.load(f)).isInstanceOf(DataFormatException.class)
            .hasMessageContaining("empty file");
    }
}
