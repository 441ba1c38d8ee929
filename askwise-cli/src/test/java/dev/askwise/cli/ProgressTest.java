package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void withoutATerminalLogsTheStartEachTenthOnceAndTheEnd() {
        List<String> lines = new ArrayList<>();
        try (Progress p = new Progress("compare", 200, false, lines::add)) {
            LongConsumer l = p.listener();
            for (long done = 1; done <= 200; done++) {
                l.accept(done);
            }
            l.accept(150); // a late, smaller count logs nothing
        }
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("compare: started (200 steps)");
        for (int t = 1; t <= 9; t++) {
            assertThat(lines.get(t)).startsWith("compare: " + t * 10 + "% (" + t * 20 + " of 200) after ")
                .contains(" s left");
        }
        assertThat(lines.get(10)).startsWith("compare: ended after ").endsWith(" s");
    }

    @Test
    void aJumpLogsOnlyTheTenthReached() {
        List<String> lines = new ArrayList<>();
        try (Progress p = new Progress("EM", 1000, false, lines::add)) {
            p.listener().accept(5);
            p.listener().accept(730); // EM converged early: one line for 70 %, none for 10 to 60
            p.listener().accept(1000); // 100 % is the end line's
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("EM: 70% (730 of 1000)");
    }

    @Test
    void concurrentCallersLogEachTenthAtMostOnce() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (Progress p = new Progress("compare", 10_000, false, lines::add)) {
            LongConsumer l = p.listener();
            IntStream.rangeClosed(1, 10_000).parallel().forEach(l::accept);
        }
        List<String> tenths = lines.subList(1, lines.size() - 1);
        assertThat(tenths).hasSizeLessThanOrEqualTo(9);
        assertThat(tenths.stream().map(s -> s.substring(0, s.indexOf('%'))).distinct().count())
            .isEqualTo(tenths.size());
    }

    @Test
    void nothingToDoLogsOnlyStartAndEnd() {
        List<String> lines = new ArrayList<>();
        try (Progress p = new Progress("sushi", 0, false, lines::add)) {
            p.listener().accept(0);
        }
        assertThat(lines).hasSize(2);
    }
}
