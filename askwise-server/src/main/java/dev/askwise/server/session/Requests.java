package dev.askwise.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askwise.welfare.WelfareFunction;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The service's requests as records, and their validation: every field's type and range is checked here, once,
 * and a bad field is an {@link ApiException} (400) naming it. Fields other than a request's own are refused (a
 * misspelt field would otherwise be silently lost). What needs the domain (its attributes, values, and the costs
 * its engine can compute) is checked by {@link SessionService}.
 */
public final class Requests {

    /** Longest first request. */
    public static final int MAX_REQUEST = 4000;
    /** Longest answer text. */
    public static final int MAX_TEXT = 2000;
    /** Default cost of a question. */
    public static final double DEFAULT_COST = 0.3;

    private Requests() {
    }

    /**
     * {@code POST /v1/sessions}.
     *
     * @param domain  the domain's name (non-blank; whether it exists is the service's check)
     * @param request the first request ("" when none), at most {@value #MAX_REQUEST} characters
     * @param userId  1 to 128 characters, or null
     * @param cost    in [0, 100)
     * @param gamma   in [0, 100] or +∞
     */
    public record Create(String domain, String request, String userId, double cost, double gamma) {
    }

    /**
     * {@code POST /v1/sessions/{id}/answers}: exactly one of text, value and skip.
     *
     * @param attribute the attribute answered, or null for the pending question
     * @param text      a free-text answer (at most {@value #MAX_TEXT} characters), or null
     * @param value     one of the attribute's values, or null
     * @param skip      whether the user skipped the question
     */
    public record Answer(String attribute, String text, String value, boolean skip) {
    }

    /** Longest user id. */
    public static final int MAX_USER_ID = 128;

    /**
     * A user id is 1 to {@value #MAX_USER_ID} characters, not blank, without control characters, and valid Unicode
     * (what the stores keep is then exactly what was sent, so two different ids never name one profile): else 400
     * naming {@code userId}.
     */
    public static void checkUserId(String userId) {
        if (userId.isEmpty() || userId.length() > MAX_USER_ID) {
            throw ApiException.badRequest("userId must be 1 to " + MAX_USER_ID + " characters: " + userId.length(),
                "userId", userId.length() > MAX_USER_ID ? userId.length() : userId);
        }
        if (userId.isBlank()) {
            throw ApiException.badRequest("userId must not be blank", "userId", userId);
        }
        String problem = dev.askwise.server.http.Json.unstorable(userId);
        if (problem != null) {
            throw ApiException.badRequest("userId " + problem, "userId", null);
        }
        for (int i = 0; i < userId.length(); i++) {
            if (Character.isISOControl(userId.charAt(i))) {
                throw ApiException.badRequest(String.format(java.util.Locale.ROOT,
                    "userId must not contain control characters (U+%04X at index %d)", (int) userId.charAt(i), i),
                    "userId", null);
            }
        }
    }

    /** {@code POST /v1/sessions/{id}/feedback}: a correction of an inferred value. */
    public record Feedback(String attribute, String value) {
    }

    static Create create(JsonNode body) {
        object(body);
        only(body, null, "domain", "request", "userId", "cost", "gamma");
        String domain = text(body, "domain");
        String request = optionalText(body, "request");
        request = request == null ? "" : request;
        if (request.length() > MAX_REQUEST) {
            throw ApiException.badRequest("request must be at most " + MAX_REQUEST + " characters: "
                + request.length(), "request", request.length());
        }
        String userId = optionalText(body, "userId");
        if (userId != null) {
            checkUserId(userId);
        }
        double cost = body.hasNonNull("cost") ? number(body, "cost") : DEFAULT_COST;
        checkCost(cost, cost);
        JsonNode g = body.get("gamma");
        if (g != null && !g.isNull() && !g.isNumber() && !g.isTextual()) {
            throw ApiException.badRequest("gamma must be a number or \"inf\": " + g, "gamma", g.toString());
        }
        double gamma = g == null || g.isNull() ? 0.0 : gamma(g.asText(), g.asText());
        return new Create(domain, request, userId, cost, gamma);
    }

    static Answer answer(JsonNode body) {
        object(body);
        only(body, null, "attribute", "text", "value", "skip");
        String attribute = optionalText(body, "attribute");
        String text = optionalText(body, "text");
        String value = optionalText(body, "value");
        JsonNode skipNode = body.get("skip");
        if (skipNode != null && !skipNode.isNull() && !skipNode.isBoolean()) {
            throw ApiException.badRequest("skip must be true or false: " + skipNode, "skip", skipNode.toString());
        }
        boolean skip = skipNode != null && skipNode.asBoolean(false);
        int kinds = (skip ? 1 : 0) + (text != null ? 1 : 0) + (value != null ? 1 : 0);
        if (kinds > 1) {
            throw ApiException.badRequest("give exactly one of text, value or skip", text != null && value != null
                ? "value" : "skip", null);
        }
        if (kinds == 0) {
            throw ApiException.badRequest("give text, value or skip", "text", null);
        }
        if (text != null && text.length() > MAX_TEXT) {
            throw ApiException.badRequest("text must be at most " + MAX_TEXT + " characters: " + text.length(),
                "text", text.length());
        }
        return new Answer(attribute, text, value, skip);
    }

    static Feedback feedback(JsonNode body) {
        object(body);
        only(body, null, "attribute", "value");
        return new Feedback(text(body, "attribute"), text(body, "value"));
    }

    /** Explain's what-if cost: a number in [0, 100), or the session's when absent. */
    static double whatIfCost(String param, double session) {
        if (param == null) {
            return session;
        }
        double cost;
        try {
            cost = Double.parseDouble(param);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("cost must be a number: " + param, "cost", param);
        }
        checkCost(cost, param);
        return cost;
    }

    /** Explain's what-if γ: a number in [0, 100] or inf, or the session's when absent. */
    static double whatIfGamma(String param, double session) {
        return param == null ? session : gamma(param, param);
    }

    private static void checkCost(double cost, Object shown) {
        if (!(cost >= 0 && cost < 100)) {
            throw ApiException.badRequest("cost must be in [0, 100): " + shown, "cost", shown);
        }
    }

    private static double gamma(String text, String shown) {
        try {
            double gamma = WelfareFunction.parseGamma(text);
            WelfareFunction.of(gamma);
            return gamma;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), "gamma", shown);
        }
    }

    private static void object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", null, null);
        }
    }

    /** Refuses fields other than the allowed ones: a misspelt field would otherwise be silently lost. */
    public static void only(JsonNode body, String where, String... allowed) {
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!Arrays.asList(allowed).contains(name)) {
                String field = where == null ? name : where + "." + name;
                throw ApiException.badRequest("unknown field '" + field + "'; allowed: " + String.join(", ",
                    allowed), field, null);
            }
        }
    }

    /** An optional string field: absent or null gives null; any other non-string is a 400. */
    public static String optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field + " must be a string: " + n, field, n.toString());
        }
        return n.asText();
    }

    /** A required non-blank string field. */
    public static String text(JsonNode body, String field) {
        JsonNode n = body == null ? null : body.get(field);
        if (n == null || n.isNull() || !n.isTextual() || n.asText().isBlank()) {
            throw ApiException.badRequest(field + " must be a non-empty string", field,
                n == null ? null : n.toString());
        }
        return n.asText();
    }

    private static double number(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (!n.isNumber()) {
            throw ApiException.badRequest(field + " must be a number: " + n, field, n.toString());
        }
        return n.asDouble();
    }
}
