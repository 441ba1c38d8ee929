package dev.askwise.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core's strict JSON reader (model and domain files). */
class JsonTest {

    @Test
    void readsWhatModelFilesHold() {
        Map<String, Object> inner = new java.util.LinkedHashMap<>();
        inner.put("c", null);
        inner.put("d", true);
        assertThat(Json.parse("{\"a\": [1, 2.5, -3e2], \"b\": {\"c\": null, \"d\": true}, \"e\": \"x\\u00e9\"}"))
            .isEqualTo(Map.of("a", List.of(1.0, 2.5, -300.0), "b", inner, "e", "xé"));
    }

    /** A file nested thousands of levels deep used to overflow the stack (a StackOverflowError, not an error line). */
    @Test
    void deepNestingIsALineAndColumnNotAStackOverflow() {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok)).isInstanceOf(List.class);
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("malformed JSON at line 1, column " + (5 * Json.MAX_DEPTH + 1) + ": nested deeper than "
                + Json.MAX_DEPTH + " levels");
        assertThatThrownBy(() -> Json.parse("[".repeat(50_000))).hasMessageContaining("nested deeper than");
    }
}
