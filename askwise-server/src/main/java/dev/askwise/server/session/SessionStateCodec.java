package dev.askwise.server.session;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.askwise.welfare.WelfareFunction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored form of a {@link SessionState}, versioned. {@link #encode} writes version {@value #VERSION}; {@link
 * #decode} reads it and every earlier version, so sessions stored by an older server keep working (a stored state is
 * never rewritten except by the session's next step, which writes the current version).
 * <ul>
 *   <li>Version 1 (no {@code "v"} field): every field always written, {@code gamma} as text, {@code pending} and
 *       {@code userId} as null or absent. Written by servers before the typed state.</li>
 *   <li>Version 2 ({@code "v": 2} first): compact — empty maps and lists, an empty request, zero questions, a false
 *       {@code done} and null fields are left out; adds {@code confirming} ({@code {"attribute", "value"?,
 *       "confidence"}}).</li>
 * </ul>
 * Decoding is strict: an unknown field (of the state, a turn or a confirmation), a field of the wrong type or a
 * version this code does not know is an {@link IllegalArgumentException} naming it — a misspelt field would otherwise
 * be silently lost. Missing fields take their empty value. Thread-safe.
 */
public final class SessionStateCodec {

    /** The version {@link #encode} writes. */
    public static final int VERSION = 2;

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Set<String> V1 = Set.of("domain", "userId", "cost", "gamma", "request", "stated",
        "remembered", "answered", "declined", "rephrased", "history", "questions", "pending", "done");
    private static final Set<String> V2 = union(V1, Set.of("v", "confirming"));
    private static final Set<String> TURN = Set.of("attribute", "text", "value", "interpretation", "understood");
    private static final Set<String> CONFIRMATION = Set.of("attribute", "value", "confidence");

    private SessionStateCodec() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }

    /** The state in the current version's form. */
    public static String encode(SessionState s) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", VERSION);
            g.writeStringField("domain", s.domain());
            if (s.userId() != null) {
                g.writeStringField("userId", s.userId());
            }
            g.writeNumberField("cost", s.cost());
            g.writeStringField("gamma", WelfareFunction.formatGamma(s.gamma()));
            if (!s.request().isEmpty()) {
                g.writeStringField("request", s.request());
            }
            map(g, "stated", s.stated());
            map(g, "remembered", s.remembered());
            map(g, "answered", s.answered());
            list(g, "declined", s.declined());
            list(g, "rephrased", s.rephrased());
            if (s.questions() != 0) {
                g.writeNumberField("questions", s.questions());
            }
            if (s.pending() != null) {
                g.writeStringField("pending", s.pending());
            }
            if (s.done()) {
                g.writeBooleanField("done", true);
            }
            if (s.confirming() != null) {
                g.writeObjectFieldStart("confirming");
                g.writeStringField("attribute", s.confirming().attribute());
                if (s.confirming().value() != null) {
                    g.writeStringField("value", s.confirming().value());
                }
                g.writeNumberField("confidence", s.confirming().confidence());
                g.writeEndObject();
            }
            if (!s.history().isEmpty()) {
                g.writeArrayFieldStart("history");
                for (SessionState.Turn t : s.history()) {
                    g.writeStartObject();
                    g.writeStringField("attribute", t.attribute());
                    if (t.text() != null) {
                        g.writeStringField("text", t.text());
                    }
                    if (t.value() != null) {
                        g.writeStringField("value", t.value());
                    }
                    if (t.interpretation() != null) {
                        g.writeStringField("interpretation", t.interpretation());
                    }
                    map(g, "understood", t.understood());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void map(JsonGenerator g, String name, Map<String, String> m) throws IOException {
        if (m.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, String> e : m.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void list(JsonGenerator g, String name, List<String> l) throws IOException {
        if (l.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String s : l) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    /** The version a stored text was written in (1 when it has no {@code "v"} field). */
    public static int version(String stored) {
        try (JsonParser p = FACTORY.createParser(stored)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the state");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                if (p.currentName().equals("v")) {
                    p.nextToken();
                    return versionOf(p);
                }
                p.nextToken();
                p.skipChildren();
            }
            return 1;
        } catch (IOException e) {
            throw new IllegalArgumentException("stored session state is not JSON: " + e.getMessage(), e);
        }
    }

    private static int versionOf(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException("stored session state: v must be an integer: " + p.getText());
        }
        int v = p.getIntValue();
        if (v < 1 || v > VERSION) {
            throw new IllegalArgumentException("stored session state: unsupported version " + v + " (this server reads "
                + "1 to " + VERSION + ")");
        }
        return v;
    }

    /** Reads a state stored in any known version. */
    public static SessionState decode(String stored) {
        try (JsonParser p = FACTORY.createParser(stored)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "the state");
            int version = 1;
            String domain = null;
            String userId = null;
            double cost = Double.NaN;
            double gamma = 0;
            String request = "";
            Map<String, String> stated = Map.of();
            Map<String, String> remembered = Map.of();
            Map<String, String> answered = Map.of();
            List<String> declined = List.of();
            List<String> rephrased = List.of();
            List<SessionState.Turn> history = List.of();
            int questions = 0;
            String pending = null;
            boolean done = false;
            SessionState.Confirmation confirming = null;
            List<String> seen = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                seen.add(name);
                JsonToken t = p.nextToken();
                switch (name) {
                    case "v" -> version = versionOf(p);
                    case "domain" -> domain = string(p, name);
                    case "userId" -> userId = nullableString(p, name);
                    case "cost" -> cost = number(p, name);
                    case "gamma" -> {
                        if (t == JsonToken.VALUE_STRING) {
                            gamma = WelfareFunction.parseGamma(p.getText());
                        } else {
                            gamma = number(p, name);
                        }
                    }
                    case "request" -> request = string(p, name);
                    case "stated" -> stated = map(p, name);
                    case "remembered" -> remembered = map(p, name);
                    case "answered" -> answered = map(p, name);
                    case "declined" -> declined = strings(p, name);
                    case "rephrased" -> rephrased = strings(p, name);
                    case "history" -> history = turns(p);
                    case "questions" -> {
                        expect(p, t, JsonToken.VALUE_NUMBER_INT, name);
                        questions = p.getIntValue();
                    }
                    case "pending" -> pending = nullableString(p, name);
                    case "done" -> {
                        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                            throw new IllegalArgumentException("stored session state: done must be true or false");
                        }
                        done = t == JsonToken.VALUE_TRUE;
                    }
                    case "confirming" -> confirming = t == JsonToken.VALUE_NULL ? null : confirmation(p);
                    default -> throw unknown(name, "the state", version);
                }
            }
            Set<String> allowed = version == 1 ? V1 : V2;
            for (String name : seen) {
                if (!allowed.contains(name)) {
                    throw unknown(name, "the state", version);
                }
            }
            if (domain == null) {
                throw new IllegalArgumentException("stored session state: domain is missing");
            }
            if (Double.isNaN(cost)) {
                throw new IllegalArgumentException("stored session state: cost is missing");
            }
            return new SessionState(domain, userId, cost, gamma, request, stated, remembered, answered, declined,
                rephrased, history, questions, pending, done, confirming);
        } catch (IOException e) {
            throw new IllegalArgumentException("stored session state is not JSON: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException unknown(String name, String where, int version) {
        return new IllegalArgumentException("stored session state (version " + version + "): unknown field '" + name
            + "' in " + where);
    }

    private static void expect(JsonParser p, JsonToken got, JsonToken want, String what) throws IOException {
        if (got != want) {
            throw new IllegalArgumentException("stored session state: " + what + " must be " + switch (want) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_NUMBER_INT -> "an integer";
                default -> want.asString() == null ? want.name() : want.asString();
            } + ": " + (got == null ? "end of input" : p.getText()));
        }
    }

    private static String string(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("stored session state: " + name + " must be a string: " + p.getText());
        }
        return p.getText();
    }

    private static String nullableString(JsonParser p, String name) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : string(p, name);
    }

    private static double number(JsonParser p, String name) throws IOException {
        if (!p.currentToken().isNumeric()) {
            throw new IllegalArgumentException("stored session state: " + name + " must be a number: " + p.getText());
        }
        return p.getDoubleValue();
    }

    private static Map<String, String> map(JsonParser p, String name) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, name);
        Map<String, String> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            out.put(key, string(p, name + "." + key));
        }
        return out;
    }

    private static List<String> strings(JsonParser p, String name) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, name);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(string(p, name + "[" + out.size() + "]"));
        }
        return out;
    }

    private static List<SessionState.Turn> turns(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_ARRAY, "history");
        List<SessionState.Turn> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String where = "history[" + out.size() + "]";
            expect(p, p.currentToken(), JsonToken.START_OBJECT, where);
            String attribute = null;
            String text = null;
            String value = null;
            String interpretation = null;
            Map<String, String> understood = Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!TURN.contains(name)) {
                    throw new IllegalArgumentException("stored session state: unknown field '" + name + "' in "
                        + where);
                }
                switch (name) {
                    case "attribute" -> attribute = string(p, where + ".attribute");
                    case "text" -> text = nullableString(p, where + ".text");
                    case "value" -> value = nullableString(p, where + ".value");
                    case "interpretation" -> interpretation = nullableString(p, where + ".interpretation");
                    default -> understood = map(p, where + ".understood");
                }
            }
            if (attribute == null) {
                throw new IllegalArgumentException("stored session state: " + where + ".attribute is missing");
            }
            out.add(new SessionState.Turn(attribute, text, value, interpretation, understood));
        }
        return out;
    }

    private static SessionState.Confirmation confirmation(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT, "confirming");
        String attribute = null;
        String value = null;
        double confidence = Double.NaN;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!CONFIRMATION.contains(name)) {
                throw new IllegalArgumentException("stored session state: unknown field '" + name + "' in confirming");
            }
            switch (name) {
                case "attribute" -> attribute = string(p, "confirming.attribute");
                case "value" -> value = nullableString(p, "confirming.value");
                default -> confidence = number(p, "confirming.confidence");
            }
        }
        if (attribute == null || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("stored session state: confirming needs attribute and confidence");
        }
        return new SessionState.Confirmation(attribute, value, confidence);
    }
}
