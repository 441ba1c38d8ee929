package dev.askwise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askwise.dialogue.ChoiceResolver;
import dev.askwise.dialogue.clarify.Clarifier;
import dev.askwise.dialogue.clarify.Reading;
import dev.askwise.server.http.Json;
import dev.askwise.server.session.ApiException;
import dev.askwise.server.session.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /v1/clarify}: clarify or answer for a question whose readings the assistant already has (for example
 * from its own model): the engine's decision, the clarifying question built from the readings' differences, and —
 * when the request carries the user's reply — the reading it resolves to, or, when the reply is not understood, the
 * question to ask again ({@link Clarifier#resolver}, {@link Clarifier#askAgain}). Stateless; nothing is stored.
 */
final class ClarifyService {

    /** Most readings one request may carry. */
    static final int MAX_READINGS = 50;

    private ClarifyService() {
    }

    static ObjectNode clarify(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("body must be a JSON object", null, null);
        }
        Requests.only(body, null, "question", "interpretations", "cost", "reply");
        String question = text(body.get("question"), "question");
        JsonNode list = body.get("interpretations");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_READINGS) {
            throw ApiException.badRequest("interpretations must be an array of 1 to " + MAX_READINGS + " readings",
                "interpretations", list == null ? null : list.isArray() ? list.size() : list.toString());
        }
        List<Reading> readings = new ArrayList<>();
        double[] weights = new double[list.size()];
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String where = "interpretations[" + i + "]";
            if (!r.isObject()) {
                throw ApiException.badRequest(where + " must be an object", where, r.toString());
            }
            Requests.only(r, where, "question", "answers", "weight");
            String q = text(r.get("question"), where + ".question");
            JsonNode answers = r.get("answers");
            if (answers == null || !answers.isArray() || answers.isEmpty()) {
                throw ApiException.badRequest(where + ".answers must be a non-empty array of strings",
                    where + ".answers", answers == null ? null : answers.toString());
            }
            List<String> a = new ArrayList<>();
            for (int j = 0; j < answers.size(); j++) {
                a.add(text(answers.get(j), where + ".answers[" + j + "]"));
            }
            readings.add(new Reading(q, a));
            JsonNode w = r.get("weight");
            if (w == null || w.isNull()) {
                weights[i] = 1.0;
            } else if (!w.isNumber() || !(w.asDouble() >= 0) || Double.isInfinite(w.asDouble())) {
                throw ApiException.badRequest(where + ".weight must be a number >= 0: " + w, where + ".weight",
                    w.toString());
            } else {
                weights[i] = w.asDouble();
            }
        }
        double largest = 0;
        for (double w : weights) {
            largest = Math.max(largest, w);
        }
        if (largest == 0) {
            throw ApiException.badRequest("the interpretations' weights must not all be 0", "interpretations", null);
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= largest; // weights are relative: scaled to at most 1, their sum cannot overflow (1e308 each)
        }
        double cost = 0.3;
        JsonNode c = body.get("cost");
        if (c != null && !c.isNull()) {
            if (!c.isNumber() || !(c.asDouble() >= 0 && c.asDouble() <= 1)) {
                throw ApiException.badRequest("cost must be a number in [0, 1]: " + c, "cost", c.toString());
            }
            cost = c.asDouble();
        }
        Clarifier.Decision d = Clarifier.decide(question, readings, weights, cost);
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("decision", d.ask() ? "ask" : "answer");
        boolean single = readings.size() == 1; // nothing to tell apart: no question, no options
        if (!single) {
            out.put("clarifyingQuestion", d.clarification().text());
        }
        ArrayNode options = out.putArray("options");
        if (!single) {
            d.clarification().options().forEach(options::add);
        }
        out.put("defaultReading", d.defaultReading());
        out.put("answerNow", d.answerNow());
        out.put("afterAsking", d.afterAsking());
        out.put("cost", cost);
        out.put("why", single ? "there is only one reading: nothing to clarify" : String.format(Locale.ROOT, d.ask()
            ? "asking raises the expected accuracy from %.3f to %.3f, more than its cost %s"
            : "asking would raise the expected accuracy from %.3f to %.3f, not more than its cost %s",
            d.answerNow(), d.afterAsking(), Json.MAPPER.valueToTree(cost).toString()));
        JsonNode reply = body.get("reply");
        if (reply != null && !reply.isNull()) {
            ChoiceResolver.Resolution r = Clarifier.resolver(question, readings, d.clarification())
                .resolve(text(reply, "reply"), d.defaultReading());
            out.put("understood", r.understood());
            out.put("resolvedBy", r.source());
            out.put("replyConfidence", r.confidence());
            if (r.understood()) {
                out.put("resolvedReading", r.choice());
                ArrayNode answers = out.putArray("answers");
                readings.get(r.choice()).answers().forEach(answers::add);
            } else {
                out.put("askAgain", Clarifier.askAgain(d.clarification(), r.remaining()));
                ArrayNode remaining = out.putArray("remainingReadings");
                r.remaining().forEach(remaining::add);
            }
        }
        return out;
    }

    /** A string with something to read (not only spaces and control characters), at most MAX_TEXT characters. */
    private static String text(JsonNode n, String field) {
        if (n == null || !n.isTextual() || n.asText().codePoints().allMatch(c -> Character.isWhitespace(c)
            || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            throw ApiException.badRequest(field + " must be a non-empty string", field,
                n == null ? null : n.toString());
        }
        String t = n.asText();
        if (t.length() > Requests.MAX_TEXT) {
            throw ApiException.badRequest(field + " must be at most " + Requests.MAX_TEXT + " characters: "
                + t.length(), field, t.length());
        }
        return t;
    }
}
