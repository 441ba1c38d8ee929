package dev.askwise.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raw-byte scan behind the whitespace check, against the answer read off each request by eye: the request arrives
 * in random pieces and the "parser" consumes random amounts, as Jetty's may, and the verdict must not change.
 */
class KeyHeadersTest {

    private static final String KEY = "aw_" + "0123456789abcdef".repeat(3);

    /** Feeds the request as a connection would (seeded pieces, partial consumption); the scanner's verdict. */
    private static boolean flagged(String request, long seed) {
        byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
        SplittableRandom random = new SplittableRandom(seed);
        KeyHeaders.Scanner scanner = new KeyHeaders.Scanner();
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length);
        buffer.limit(0);
        int arrived = 0;
        while (buffer.position() < bytes.length) {
            int more = Math.min(bytes.length - arrived, random.nextInt(0, 12));
            buffer.limit(arrived + more);
            buffer.put(arrived, bytes, arrived, more);
            arrived += more;
            scanner.scan(buffer);
            int consume = random.nextInt(0, buffer.remaining() + 1);
            buffer.position(buffer.position() + consume);
            scanner.consumed(buffer);
        }
        return scanner.flagged;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void whitespaceAfterAKeyIsSeenHoweverTheBytesArrive(long seed) {
        String head = "POST /v1/sessions HTTP/1.1\r\nHost: x\r\n";
        String tail = "Content-Length: 2\r\n\r\n{}";
        assertThat(flagged(head + "Authorization: Bearer " + KEY + "\r\n" + tail, seed)).isFalse();
        assertThat(flagged(head + "Authorization: Bearer " + KEY + " \r\n" + tail, seed)).isTrue();
        assertThat(flagged(head + "authorization: Bearer " + KEY + "\t\r\n" + tail, seed)).isTrue();
        assertThat(flagged(head + "X-API-Key:  " + KEY + "\r\n" + tail, seed)).as("before the key is OWS").isFalse();
        assertThat(flagged(head + "X-Api-Key: " + KEY + "  \r\n" + tail, seed)).isTrue();
        assertThat(flagged(head + "X-API-Key: " + KEY + " \n" + tail, seed)).as("bare LF").isTrue();
        assertThat(flagged(head + "X-Other: y \r\nX-API-Key: " + KEY + "\r\n" + tail, seed)).isFalse();
        assertThat(flagged(head + "X-API-Keys: " + KEY + " \r\n" + tail, seed)).as("another header").isFalse();
        assertThat(flagged(head + "Content-Length: 14\r\n\r\nX-API-Key: k \n", seed)).as("the body is not scanned")
            .isFalse();
    }
}
