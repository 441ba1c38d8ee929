package dev.askwise.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The stored form of a session: version 1 as the server before the typed state wrote it (real rows, see the
 * README beside the resources) reads into the state spelt out here by hand, version 2 round-trips every field, and
 * anything unknown is refused with its name.
 */
class SessionStateCodecTest {

    static String resource(String name) {
        try (InputStream in = SessionStateCodecTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The hotel row of v1-hotel-done.json, field by field. */
    static final SessionState HOTEL = new SessionState("hotel", "ann", 0.02, 2.0, "a hotel, breakfast not needed",
        map("breakfast", "not-included", "area", "downtown"), map(), map("price", "low"), List.of("chain"),
        List.of("price"), List.of(
            new SessionState.Turn("price", "xyzzy", null, "NOT_UNDERSTOOD", map()),
            new SessionState.Turn("price", "mid-range and downtown is great", "mid", "VALUE",
                map("price", "mid", "area", "downtown")),
            new SessionState.Turn("chain", null, null, "skipped", map()),
            new SessionState.Turn("price", null, "low", null, map())),
        2, null, true, null);

    @Nested
    class Version1 {
        @Test
        void aFinishedSessionReadsFieldByField() {
            String stored = resource("v1-hotel-done.json");
            assertThat(SessionStateCodec.version(stored)).isEqualTo(1);
            SessionState s = SessionStateCodec.decode(stored);
            assertThat(s).isEqualTo(HOTEL);
            assertThat(List.copyOf(s.stated().keySet())).as("order kept").containsExactly("breakfast", "area");
        }

        @Test
        void aPendingQuestionAndInfiniteGamma() {
            SessionState s = SessionStateCodec.decode(resource("v1-movies-pending.json"));
            assertThat(s).isEqualTo(new SessionState("movies", null, 0.3, Double.POSITIVE_INFINITY, "", map(), map(),
                map(), List.of(), List.of(), List.of(), 0, "strictness", false, null));
        }

        @Test
        void isWrittenBackAsTheCurrentVersion() {
            String again = SessionStateCodec.encode(SessionStateCodec.decode(resource("v1-hotel-done.json")));
            assertThat(SessionStateCodec.version(again)).isEqualTo(SessionStateCodec.VERSION);
            assertThat(SessionStateCodec.decode(again)).isEqualTo(HOTEL);
        }

        @Test
        void aFieldOnlyLaterVersionsHaveIsRefused() {
            String stored = resource("v1-movies-pending.json").replace("\"done\":false",
                "\"done\":false,\"confirming\":null");
            assertThatThrownBy(() -> SessionStateCodec.decode(stored)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored session state (version 1): unknown field 'confirming' in the state");
        }
    }

    @Nested
    class Version2 {
        @Test
        void roundTripsEveryField() {
            SessionState s = new SessionState("hotel", "bob", 0.5, 1.5, "quiet, near the station",
                map("area", "downtown"), map("chain", "no"), map("price", "mid"), List.of("breakfast"),
                List.of("price"), List.of(new SessionState.Turn("price", "somewhere decent", null, "CONFIRM",
                map("price", "mid"))), 3, "price", false, new SessionState.Confirmation("price", "mid", 0.41));
            String text = SessionStateCodec.encode(s);
            assertThat(text).startsWith("{\"v\":2,");
            assertThat(SessionStateCodec.decode(text)).isEqualTo(s);
            SessionState noPreference = new SessionState("hotel", null, 0, 0, "", map(), map(), map(), List.of(),
                List.of(), List.of(), 0, "price", false, new SessionState.Confirmation("price", null, 0.3));
            assertThat(SessionStateCodec.decode(SessionStateCodec.encode(noPreference))).isEqualTo(noPreference);
        }

        @Test
        void leavesOutEmptyFields() {
            SessionState s = SessionState.start("movies", null, 0.3, Double.POSITIVE_INFINITY, "");
            assertThat(SessionStateCodec.encode(s)).isEqualTo("{\"v\":2,\"domain\":\"movies\",\"cost\":0.3,"
                + "\"gamma\":\"inf\"}");
            assertThat(SessionStateCodec.decode(SessionStateCodec.encode(s))).isEqualTo(s);
        }

        @Test
        void isShorterThanVersion1() {
            String v1 = resource("v1-hotel-done.json");
            assertThat(SessionStateCodec.encode(SessionStateCodec.decode(v1)).length()).isLessThan(v1.length());
        }
    }

    @Nested
    class Refusals {
        @Test
        void unknownFieldsAreNamed() {
            assertThatThrownBy(() -> SessionStateCodec.decode("{\"v\":2,\"domain\":\"hotel\",\"cost\":0.3,"
                + "\"pendng\":\"price\"}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stored session state (version 2): unknown field 'pendng' in the state");
            assertThatThrownBy(() -> SessionStateCodec.decode("{\"v\":2,\"domain\":\"hotel\",\"cost\":0.3,"
                + "\"history\":[{\"attribute\":\"price\",\"txt\":\"x\"}]}"))
                .hasMessage("stored session state: unknown field 'txt' in history[0]");
            assertThatThrownBy(() -> SessionStateCodec.decode("{\"v\":2,\"domain\":\"hotel\",\"cost\":0.3,"
                + "\"pending\":\"price\",\"confirming\":{\"attribute\":\"price\",\"confidence\":0.4,"
                + "\"why\":1}}")).hasMessage("stored session state: unknown field 'why' in confirming");
        }

        @Test
        void unknownVersionsAndWrongTypes() {
            assertThatThrownBy(() -> SessionStateCodec.decode("{\"v\":3,\"domain\":\"hotel\",\"cost\":0.3}"))
                .hasMessage("stored session state: unsupported version 3 (this server reads 1 to 2)");
            assertThatThrownBy(() -> SessionStateCodec.decode("{\"domain\":\"hotel\",\"cost\":\"cheap\"}"))
                .hasMessage("stored session state: cost must be a number: cheap");
            assertThatThrownBy(() -> SessionStateCodec.decode("{\"domain\":\"hotel\",\"cost\":0.3,"
                + "\"stated\":{\"price\":1}}")).hasMessage("stored session state: stated.price must be a string: 1");
            assertThatThrownBy(() -> SessionStateCodec.decode("{\"cost\":0.3}"))
                .hasMessage("stored session state: domain is missing");
            assertThatThrownBy(() -> SessionStateCodec.decode("[1]"))
                .hasMessage("stored session state: the state must be an object: [");
        }

        @Test
        void aConfirmationIsAboutThePendingQuestion() {
            assertThatThrownBy(() -> SessionStateCodec.decode("{\"v\":2,\"domain\":\"hotel\",\"cost\":0.3,"
                + "\"pending\":\"area\",\"confirming\":{\"attribute\":\"price\",\"confidence\":0.4}}"))
                .hasMessage("a confirmation is about the pending attribute 'area': price");
        }
    }

    @Test
    void statesAreValuesAndImmutable() {
        SessionState copy = SessionStateCodec.decode(SessionStateCodec.encode(HOTEL));
        assertThat(copy).isEqualTo(HOTEL).hasSameHashCodeAs(HOTEL);
        assertThatThrownBy(() -> copy.stated().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> copy.history().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
