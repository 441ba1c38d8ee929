package dev.askwise.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.askwise.server.session.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * JSON at the HTTP boundary: request bodies read strictly (size, charset, depth, number length, duplicates, trailing
 * content) and replies — the service's records or trees — written with one mapper. Thread-safe.
 */
public final class Json {

    /** Largest request body accepted. */
    public static final int MAX_BODY = 64 * 1024;
    /** Deepest JSON nesting a request may have. */
    public static final int MAX_DEPTH = 32;
    /** Longest number literal a request may have. */
    public static final int MAX_NUMBER_LENGTH = 64;

    /** Strict JSON: no trailing content, no duplicate fields, bounded nesting and number length. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_BODY).build()).build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private Json() {
    }

    /** A reply as JSON text (a record of {@code session.Replies}, a tree, or any value Jackson writes). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // our own records always serialise
        }
    }

    /**
     * Refuses (415) a body declared as something other than JSON: {@code application/json} or any
     * {@code application/*+json}; also {@code text/plain} and {@code application/x-www-form-urlencoded}, which
     * {@code curl -d} and a browser's plain {@code fetch} send without being asked, so a JSON body they carry is read
     * as JSON. A missing or empty Content-Type is read as JSON too.
     */
    static void checkMediaType(String header) {
        int semi = header.indexOf(';');
        String media = (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        boolean json = media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json")
            && media.indexOf('/') == media.lastIndexOf('/'));
        if (!json && !media.isEmpty() && !media.equals("text/plain") && !media.equals("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "the body must be JSON: send Content-Type: application/json", "Content-Type",
                media.length() > 64 ? media.substring(0, 64) : media);
        }
    }

    /**
     * The request body as JSON: at most {@link #MAX_BODY} bytes (413), UTF-8 only (another charset is 415, invalid
     * bytes 400), strict JSON (trailing content, duplicate fields, depth over 32, numbers over 64 digits: 400), an
     * object (400 otherwise). A media type that is not JSON is 415 ({@link #checkMediaType}).
     */
    public static JsonNode body(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type != null) {
            checkMediaType(type);
            for (String part : type.split(";")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String cs = p.substring(8).replace("\"", "").strip().toLowerCase(Locale.ROOT);
                    if (!cs.equals("utf-8") && !cs.equals("utf8") && !cs.equals("us-ascii")) {
                        throw new ApiException(415, "the body must be UTF-8 JSON; charset not supported",
                            "Content-Type", cs.length() > 64 ? cs.substring(0, 64) : cs);
                    }
                }
            }
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY) {
            throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes", null, declared);
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("the request body could not be read (truncated, too slow, or broken "
                + "chunked encoding)", null, null);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes", null, null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("the request body is not valid UTF-8", null, null);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw HttpErrors.badJson(e);
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", null, null);
        }
        checkStrings(node, "");
        return node;
    }

    /**
     * Refuses strings (values and field names) that the stores cannot keep as sent: an unpaired surrogate escape
     * ({@code "\ud800"}) would be stored as "?" — so two different user ids would become one — and U+0000 is refused by
     * PostgreSQL's text columns. 400 naming the field.
     */
    private static void checkStrings(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = unstorable(node.textValue());
            if (problem != null) {
                String field = path.isEmpty() ? null : path;
                throw ApiException.badRequest((field == null ? "a string" : field) + " " + problem, field, null);
            }
            return;
        }
        int i = 0;
        for (var e : node.properties()) {
            String name = e.getKey();
            String problem = unstorable(name);
            if (problem != null) {
                throw ApiException.badRequest("a field name " + problem, null, null);
            }
            checkStrings(e.getValue(), path.isEmpty() ? name : path + "." + name);
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                checkStrings(element, path + "[" + i++ + "]");
            }
        }
    }

    /** Why a string cannot be stored as sent (an unpaired surrogate, or U+0000), or null when it can. */
    public static String unstorable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "must not contain the character U+0000 (at index " + i + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format(Locale.ROOT, "is not valid Unicode: unpaired surrogate U+%04X at index %d",
                    (int) c, i);
            }
        }
        return null;
    }
}
