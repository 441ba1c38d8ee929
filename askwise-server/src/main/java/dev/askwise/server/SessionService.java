package dev.askwise.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.dialogue.InterpretationPipeline;
import dev.askwise.dialogue.Understanding;
import dev.askwise.dialogue.Domain;
import dev.askwise.engine.ElicitationEngine;
import dev.askwise.engine.ElicitationSession;
import dev.askwise.engine.Step;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's logic: sessions over a domain, each step decided by the elicitation engine, answers understood by the
 * {@link InterpretationPipeline}, state stored after every step (so a restarted server continues where it stopped),
 * remembered profiles (stated and answered values only, never inferred ones) and feedback. Answers to one session are
 * serialised by a per-session lock and, across processes, by the stored version.
 */
final class SessionService {

    /** Deepest JSON nesting a request may have. */
    static final int MAX_DEPTH = 32;
    /** Longest number literal a request may have. */
    static final int MAX_NUMBER_LENGTH = 64;
    /** Turns kept in a session's history (older turns are dropped; the answers themselves are kept). */
    static final int MAX_HISTORY = 50;
    /** Engines cached per (domain, cost, γ); what-if values in explain would otherwise grow the cache without end. */
    static final int MAX_ENGINES = 256;
    /** Lock stripes: answers to one session are serialised by the stripe of its id (a fixed number of locks). */
    static final int LOCK_STRIPES = 1024;
    /** Longest session id looked up (ours are 36-character UUIDs). */
    static final int MAX_ID = 64;

    /** Strict JSON: no trailing content, no duplicate fields, bounded nesting and number length. */
    static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder(
            com.fasterxml.jackson.core.JsonFactory.builder().streamReadConstraints(
                com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH).maxStringLength(AskwiseServer.MAX_BODY).build()).build())
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();

    private final Store store;
    private final Map<String, Domain> domains = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final com.github.benmanes.caffeine.cache.Cache<String, ElicitationEngine> engines =
        com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(MAX_ENGINES).build();
    /** One interpretation pipeline per domain (keyed like {@link #domains}, so bounded by it). */
    private final Map<String, InterpretationPipeline> pipelines = new ConcurrentHashMap<>();

    SessionService(Store store, List<Domain> extra) {
        this.store = store;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        for (String name : Domain.BUILT_IN) {
            domains.put(name, Domain.builtIn(name));
        }
        for (Domain d : extra) {
            domains.put(d.name(), d); // a file may replace a built-in domain (for example a refitted model)
        }
        // load the embedding model and every domain's example embeddings now, not on a user's first answer: a
        // server that says it is up answers at full speed (and a restart after a crash is back at once)
        domains.values().forEach(this::pipeline);
    }

    List<String> domainNames() {
        return domains.keySet().stream().sorted().toList();
    }

    Domain domain(String name) {
        Domain d = name == null ? null : domains.get(name);
        if (d == null) {
            throw ApiException.badRequest("unknown domain '" + name + "'; known: " + String.join(", ",
                domainNames()), "domain", name);
        }
        return d;
    }

    /** A domain as a developer needs it to build a UI: attributes, their questions, values with descriptions. */
    ObjectNode domainInfo(String name) {
        Domain d = domains.get(name);
        if (d == null) {
            throw ApiException.notFound("unknown domain '" + name + "'; known: " + String.join(", ", domainNames()),
                "name", name);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("name", d.name());
        out.put("description", d.description());
        out.put("provenance", d.provenance());
        var clusters = out.putArray("clusters");
        d.clusterNames().forEach(clusters::add);
        var attributes = out.putArray("attributes");
        for (Domain.AttributeSpec a : d.attributes()) {
            ObjectNode n = attributes.addObject();
            n.put("name", a.name());
            n.put("question", a.question());
            if (a.yesNo() != null) {
                n.putObject("yesNo").put("value", a.yesNo().value()).put("question", a.yesNo().question());
            }
            n.put("neverAsk", a.neverAsk());
            n.put("neverInfer", a.neverInfer());
            var values = n.putArray("values");
            for (Domain.Value v : a.values()) {
                ObjectNode vn = values.addObject().put("value", v.name()).put("description", v.description());
                var syn = vn.putArray("synonyms");
                v.synonyms().forEach(syn::add);
            }
        }
        out.put("costBoundWhenGammaFinite", 1 + 1.0 / d.schema().size()); // cost must be below it for 0 < γ < ∞
        return out;
    }

    // ------------------------------------------------------------------ state

    /** A session's stored state (JSON). */
    static ObjectNode newState(String domain, String userId, double cost, double gamma, String request) {
        ObjectNode s = JSON.createObjectNode();
        s.put("domain", domain);
        if (userId != null) {
            s.put("userId", userId);
        }
        s.put("cost", cost);
        s.put("gamma", WelfareFunction.formatGamma(gamma));
        s.put("request", request == null ? "" : request);
        s.putObject("stated");
        s.putObject("remembered");
        s.putObject("answered");
        s.putArray("declined");
        s.putArray("rephrased");
        s.putArray("history");
        s.put("questions", 0);
        s.putNull("pending");
        s.put("done", false);
        return s;
    }

    private static Profile profileOf(Schema schema, JsonNode values) {
        int[] v = new int[schema.size()];
        java.util.Arrays.fill(v, Profile.UNKNOWN);
        values.properties().forEach(e -> {
            int a = schema.indexOf(e.getKey());
            v[a] = schema.get(a).indexOf(e.getValue().asText());
        });
        return Profile.of(schema, v);
    }

    private ElicitationSession engineSession(ObjectNode s) {
        Domain d = domain(s.get("domain").asText());
        Schema schema = d.schema();
        ElicitationEngine engine = engine(d, s.get("cost").asDouble(), WelfareFunction.parseGamma(
            s.get("gamma").asText()));
        boolean[] declined = new boolean[schema.size()];
        for (JsonNode n : s.get("declined")) {
            declined[schema.indexOf(n.asText())] = true;
        }
        return engine.resume(profileOf(schema, s.get("stated")), profileOf(schema, s.get("remembered")),
            profileOf(schema, s.get("answered")), declined, s.get("questions").asInt());
    }

    /**
     * The engine for a domain, cost and γ (cached, bounded). The core refuses combinations it cannot compute — for
     * 0 &lt; γ &lt; ∞ every utility plus the shift (1) must stay positive, so the cost must be below 1 + 1/n for a
     * domain of n attributes — and that refusal is a 400 naming the field.
     */
    ElicitationEngine engine(Domain d, double cost, double gamma) {
        String key = d.name() + "|" + cost + "|" + WelfareFunction.formatGamma(gamma);
        ElicitationEngine cached = engines.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        ElicitationEngine built;
        try {
            built = ElicitationEngine.builder(d.model()).cost(cost).gamma(gamma).neverAsk(d.neverAsk())
                .neverInfer(d.neverInfer()).build();
        } catch (IllegalArgumentException e) {
            if (gamma > 0 && !Double.isInfinite(gamma) && cost >= 1) {
                int n = d.schema().size();
                throw ApiException.badRequest(String.format(Locale.ROOT, "cost must be below 1 + 1/%d = %.6f when "
                    + "0 < gamma < inf (domain '%s' has %d attributes; a utility could reach -1, where the "
                    + "inequality-averse welfare is undefined): %s", n, 1 + 1.0 / n, d.name(), n, JSON.valueToTree(
                    cost)), "cost", cost);
            }
            throw ApiException.badRequest(e.getMessage(), "gamma", WelfareFunction.formatGamma(gamma));
        }
        engines.put(key, built);
        return built;
    }

    private Object lock(String id) {
        return locks[Math.floorMod(id.hashCode(), locks.length)];
    }

    /** Refuses fields other than the allowed ones: a misspelt field would otherwise be silently lost. */
    static void only(JsonNode body, String where, String... allowed) {
        java.util.Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!java.util.Arrays.asList(allowed).contains(name)) {
                String field = where == null ? name : where + "." + name;
                throw ApiException.badRequest("unknown field '" + field + "'; allowed: " + String.join(", ",
                    allowed), field, null);
            }
        }
    }

    /** An optional string field: absent or null gives null; any other non-string is a 400. */
    static String optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field + " must be a string: " + n, field, n.toString());
        }
        return n.asText();
    }

    // ------------------------------------------------------------------ operations

    ObjectNode create(String tenant, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", null, null);
        }
        only(body, null, "domain", "request", "userId", "cost", "gamma");
        Domain d = domain(text(body, "domain"));
        String request = optionalText(body, "request");
        request = request == null ? "" : request;
        if (request.length() > 4000) {
            throw ApiException.badRequest("request must be at most 4000 characters: " + request.length(), "request",
                request.length());
        }
        String userId = optionalText(body, "userId");
        if (userId != null && (userId.isBlank() || userId.length() > 128)) {
            throw ApiException.badRequest("userId must be 1 to 128 characters", "userId", userId);
        }
        double cost = body.hasNonNull("cost") ? number(body, "cost") : 0.3;
        if (!(cost >= 0 && cost < 100)) {
            throw ApiException.badRequest("cost must be in [0, 100): " + cost, "cost", cost);
        }
        double gamma;
        JsonNode g = body.get("gamma");
        if (g != null && !g.isNull() && !g.isNumber() && !g.isTextual()) {
            throw ApiException.badRequest("gamma must be a number or \"inf\": " + g, "gamma", g.toString());
        }
        try {
            gamma = g != null && !g.isNull() ? WelfareFunction.parseGamma(g.asText()) : 0.0;
            WelfareFunction.of(gamma);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), "gamma", g.asText());
        }
        engine(d, cost, gamma); // refuses what the core cannot compute, naming the field
        ObjectNode s = newState(d.name(), userId, cost, gamma, request);
        Understanding fromRequest = pipeline(d).interpret(request, null);
        Map<String, String> stated = new java.util.LinkedHashMap<>();
        for (Understanding.Reading r : fromRequest.readings()) {
            if (r.noPreference()) {
                ((ArrayNode) s.get("declined")).add(r.attribute()); // "don't care about breakfast": not asked
            } else {
                stated.put(r.attribute(), r.value());
            }
        }
        stated.forEach(((ObjectNode) s.get("stated"))::put);
        if (userId != null) {
            Map<String, String> remembered = store.profile(tenant, userId, d.name());
            remembered.forEach((k, v) -> {
                if (!stated.containsKey(k)) {
                    ((ObjectNode) s.get("remembered")).put(k, v);
                }
            });
        }
        String id = UUID.randomUUID().toString();
        ObjectNode step = advance(tenant, s);
        store.createSession(new Store.StoredSession(id, tenant, d.name(), userId, s.toString(), 1));
        ObjectNode created = response(id, s, step);
        if (!request.isBlank()) {
            created.set("understood", understood(fromRequest));
        }
        return created;
    }

    ObjectNode get(String tenant, String id) {
        checkId(id);
        Store.StoredSession stored = load(tenant, id);
        ObjectNode s = parse(stored.state());
        return response(id, s, step(s, engineSession(s).next()));
    }

    ObjectNode answer(String tenant, String id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", null, null);
        }
        checkId(id);
        only(body, null, "attribute", "text", "value", "skip");
        String given = optionalText(body, "attribute");
        String textAnswer = optionalText(body, "text");
        String valueAnswer = optionalText(body, "value");
        JsonNode skipNode = body.get("skip");
        if (skipNode != null && !skipNode.isNull() && !skipNode.isBoolean()) {
            throw ApiException.badRequest("skip must be true or false: " + skipNode, "skip", skipNode.toString());
        }
        boolean skip = skipNode != null && skipNode.asBoolean(false);
        int kinds = (skip ? 1 : 0) + (textAnswer != null ? 1 : 0) + (valueAnswer != null ? 1 : 0);
        if (kinds > 1) {
            throw ApiException.badRequest("give exactly one of text, value or skip", textAnswer != null
                && valueAnswer != null ? "value" : "skip", null);
        }
        synchronized (lock(id)) {
            Store.StoredSession stored = load(tenant, id);
            ObjectNode s = parse(stored.state());
            Domain d = domain(s.get("domain").asText());
            String attribute = given != null ? given
                : s.get("pending").isNull() ? null : s.get("pending").asText();
            if (attribute == null) {
                throw ApiException.badRequest("no question is pending: name the attribute to correct", "attribute",
                    null);
            }
            Domain.AttributeSpec spec;
            try {
                spec = d.attribute(attribute);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage(), "attribute", attribute);
            }
            ObjectNode answered = (ObjectNode) s.get("answered");
            boolean correction = answered.has(attribute) || s.get("stated").has(attribute)
                || s.get("remembered").has(attribute);
            ArrayNode history = (ArrayNode) s.get("history");
            while (history.size() >= MAX_HISTORY) {
                history.remove(0);
            }
            ObjectNode turn = history.addObject();
            turn.put("attribute", attribute);
            ObjectNode understood = null;
            if (skip) {
                decline(s, attribute, correction);
                turn.put("interpretation", "skipped");
            } else if (valueAnswer != null) {
                String value = valueAnswer;
                if (spec.indexOf(value) < 0) {
                    throw ApiException.badRequest("unknown value '" + value + "' for '" + attribute + "'; allowed: "
                        + spec.values().stream().map(Domain.Value::name).toList(), "value", value);
                }
                set(s, attribute, value, correction);
                turn.put("value", value);
            } else if (textAnswer != null) {
                String text = textAnswer;
                if (text.length() > 2000) {
                    throw ApiException.badRequest("text must be at most 2000 characters: " + text.length(), "text",
                        text.length());
                }
                turn.put("text", text);
                Understanding u = pipeline(d).interpret(text, attribute);
                understood = understood(u);
                turn.set("understood", understood.deepCopy());
                for (Understanding.Reading r : u.readings()) {
                    if (!r.attribute().equals(attribute)) {
                        volunteer(s, r); // "mid-range and downtown is great": both, one question
                    }
                }
                Understanding.Reading in = u.reading(attribute).orElse(null);
                turn.put("interpretation", in == null ? "NOT_UNDERSTOOD" : in.noPreference() ? "NO_PREFERENCE"
                    : "VALUE");
                if (in != null && !in.noPreference()) {
                    set(s, attribute, in.value(), correction);
                    turn.put("value", in.value());
                } else if (in != null) {
                    decline(s, attribute, correction);
                } else {
                    ArrayNode rephrased = (ArrayNode) s.get("rephrased");
                    boolean already = false;
                    for (JsonNode n : rephrased) {
                        already |= n.asText().equals(attribute);
                    }
                    if (!already && !correction) {
                        rephrased.add(attribute);
                        String state = s.toString();
                        if (!store.updateSession(tenant, id, state, stored.version())) {
                            throw new ApiException(409, "the session changed meanwhile; retry", "id", id);
                        }
                        ObjectNode step = rephrase(spec);
                        ObjectNode again = response(id, s, step);
                        again.set("understood", understood);
                        return again;
                    }
                    decline(s, attribute, correction); // understood neither time: move on
                }
            } else {
                throw ApiException.badRequest("give text, value or skip", "text", null);
            }
            ObjectNode step = advance(tenant, s);
            if (!store.updateSession(tenant, id, s.toString(), stored.version())) {
                throw new ApiException(409, "the session changed meanwhile; retry", "id", id);
            }
            ObjectNode reply = response(id, s, step);
            if (understood != null) {
                reply.set("understood", understood);
            }
            return reply;
        }
    }

    private InterpretationPipeline pipeline(Domain d) {
        return pipelines.computeIfAbsent(d.name(), k -> InterpretationPipeline.of(d));
    }

    /** What a text settled, attribute → value or "no-preference" (the page says it back). */
    private static ObjectNode understood(Understanding u) {
        ObjectNode out = JSON.createObjectNode();
        u.understood().forEach(out::put);
        return out;
    }

    /**
     * Information volunteered for an attribute that was not asked ("and downtown"): stated, or declined for no
     * preference, without counting a question; what the user already said about it is kept.
     */
    private static void volunteer(ObjectNode s, Understanding.Reading r) {
        String a = r.attribute();
        boolean known = s.get("answered").has(a) || s.get("stated").has(a);
        for (JsonNode n : s.get("declined")) {
            known |= n.asText().equals(a);
        }
        if (known) {
            return;
        }
        ((ObjectNode) s.get("remembered")).remove(a);
        if (r.noPreference()) {
            ((ArrayNode) s.get("declined")).add(a);
        } else {
            ((ObjectNode) s.get("stated")).put(a, r.value());
        }
    }

    /**
     * The reasoning behind the current step: the posterior over the domain's clusters and each askable attribute's
     * expected gain against its cost — under the session's cost and γ, or under what-if values (the page's sliders).
     */
    ObjectNode explain(String tenant, String id, String costParam, String gammaParam) {
        checkId(id);
        Store.StoredSession stored = load(tenant, id);
        ObjectNode s = parse(stored.state());
        Domain d = domain(s.get("domain").asText());
        double cost = s.get("cost").asDouble();
        double gamma = WelfareFunction.parseGamma(s.get("gamma").asText());
        if (costParam != null) {
            try {
                cost = Double.parseDouble(costParam);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("cost must be a number: " + costParam, "cost", costParam);
            }
        }
        if (gammaParam != null) {
            try {
                gamma = WelfareFunction.parseGamma(gammaParam);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("gamma must be a number or inf: " + gammaParam, "gamma", gammaParam);
            }
        }
        if (!(cost >= 0 && cost < 100)) {
            throw ApiException.badRequest("cost must be in [0, 100): " + costParam, "cost", costParam);
        }
        try {
            WelfareFunction.of(gamma);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), "gamma", gammaParam);
        }
        engine(d, cost, gamma);
        ObjectNode what = s.deepCopy();
        what.put("cost", cost);
        what.put("gamma", WelfareFunction.formatGamma(gamma));
        ElicitationSession session = engineSession(what);
        ObjectNode out = JSON.createObjectNode();
        out.put("cost", cost);
        out.put("gamma", WelfareFunction.formatGamma(gamma));
        ArrayNode post = out.putArray("posterior");
        double[] p = session.state().posterior();
        for (int z = 0; z < p.length; z++) {
            post.addObject().put("cluster", d.clusterNames().get(z)).put("probability", p[z]);
        }
        ArrayNode cands = out.putArray("candidates");
        dev.askwise.policy.VoiPolicy voi = new dev.askwise.policy.VoiPolicy(1);
        List<Map.Entry<Integer, Double>> gains = new ArrayList<>(voi.gains(session.state()).entrySet());
        gains.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        for (Map.Entry<Integer, Double> g : gains) {
            ObjectNode n = cands.addObject();
            n.put("attribute", d.schema().get(g.getKey()).name());
            if (Double.isFinite(g.getValue())) {
                n.put("gain", g.getValue());
            } else {
                n.putNull("gain");
            }
        }
        out.set("step", step(what, session.next()));
        return out;
    }

    ObjectNode feedback(String tenant, String id, JsonNode body) {
        checkId(id);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", null, null);
        }
        only(body, null, "attribute", "value");
        Store.StoredSession stored = load(tenant, id);
        Domain d = domain(stored.domain());
        String attribute = text(body, "attribute");
        String value = text(body, "value");
        Domain.AttributeSpec spec;
        try {
            spec = d.attribute(attribute);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), "attribute", attribute);
        }
        if (spec.indexOf(value) < 0) {
            throw ApiException.badRequest("unknown value '" + value + "' for '" + attribute + "'", "value", value);
        }
        Store.Feedback f = new Store.Feedback(UUID.randomUUID().toString(), tenant, id, d.name(), attribute, value);
        store.addFeedback(f);
        ObjectNode out = JSON.createObjectNode();
        out.put("id", f.id());
        out.put("session", id);
        out.put("attribute", attribute);
        out.put("value", value);
        return out;
    }

    ObjectNode profile(String tenant, String userId) {
        ObjectNode out = JSON.createObjectNode();
        out.put("userId", userId);
        ObjectNode domainsNode = out.putObject("domains");
        store.profile(tenant, userId).forEach((dom, values) -> {
            ObjectNode dn = domainsNode.putObject(dom);
            values.forEach(dn::put);
        });
        return out;
    }

    ObjectNode forget(String tenant, String userId) {
        ObjectNode out = JSON.createObjectNode();
        out.put("userId", userId);
        out.put("deleted", store.forget(tenant, userId));
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private static void checkId(String id) {
        if (id.length() > MAX_ID) {
            throw ApiException.notFound("unknown session (ids are at most " + MAX_ID + " characters)", "id",
                id.length());
        }
    }

    private Store.StoredSession load(String tenant, String id) {
        return store.session(tenant, id).orElseThrow(() -> ApiException.notFound("unknown session '" + id + "'",
            "id", id));
    }

    private static ObjectNode parse(String state) {
        try {
            return (ObjectNode) JSON.readTree(state);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("corrupt stored session state", e);
        }
    }

    private static String text(JsonNode body, String field) {
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

    private static void set(ObjectNode s, String attribute, String value, boolean correction) {
        ((ObjectNode) s.get("stated")).remove(attribute);
        ((ObjectNode) s.get("remembered")).remove(attribute);
        ((ObjectNode) s.get("answered")).put(attribute, value);
        removeDeclined(s, attribute);
        if (!correction) {
            s.put("questions", s.get("questions").asInt() + 1);
        }
    }

    private static void decline(ObjectNode s, String attribute, boolean correction) {
        ((ObjectNode) s.get("stated")).remove(attribute);
        ((ObjectNode) s.get("remembered")).remove(attribute);
        ((ObjectNode) s.get("answered")).remove(attribute);
        removeDeclined(s, attribute);
        ((ArrayNode) s.get("declined")).add(attribute);
        if (!correction) {
            s.put("questions", s.get("questions").asInt() + 1);
        }
    }

    private static void removeDeclined(ObjectNode s, String attribute) {
        ArrayNode declined = (ArrayNode) s.get("declined");
        for (int i = declined.size() - 1; i >= 0; i--) {
            if (declined.get(i).asText().equals(attribute)) {
                declined.remove(i);
            }
        }
    }

    /** Decides the next step, records it in the state, and remembers the profile when the session proceeds. */
    private ObjectNode advance(String tenant, ObjectNode s) {
        Step step = engineSession(s).next();
        ObjectNode out = step(s, step);
        if (step instanceof Step.Ask ask) {
            s.put("pending", ask.attribute());
            s.put("done", false);
        } else {
            s.putNull("pending");
            s.put("done", true);
            if (s.hasNonNull("userId")) {
                Map<String, String> keep = new LinkedHashMap<>();
                s.get("stated").properties().forEach(e -> keep.put(e.getKey(), e.getValue().asText()));
                s.get("answered").properties().forEach(e -> keep.put(e.getKey(), e.getValue().asText()));
                store.remember(tenant, s.get("userId").asText(), s.get("domain").asText(), keep);
            }
        }
        return out;
    }

    private ObjectNode step(ObjectNode s, Step step) {
        Domain d = domain(s.get("domain").asText());
        ObjectNode out = JSON.createObjectNode();
        if (step instanceof Step.Ask ask) {
            Domain.AttributeSpec spec = d.attribute(ask.attribute());
            out.put("type", "ask");
            out.put("attribute", ask.attribute());
            out.put("question", spec.question());
            ArrayNode options = out.putArray("options");
            for (Domain.Value v : spec.values()) {
                options.addObject().put("value", v.name()).put("description", v.description());
            }
            if (Double.isFinite(ask.gain())) {
                out.put("gain", ask.gain());
            } else {
                out.putNull("gain");
            }
            out.put("cost", s.get("cost").asDouble());
            out.put("why", Double.isFinite(ask.gain()) ? String.format(Locale.ROOT, "asking is expected to gain "
                + "%.3f utility net of the question's cost %s (gamma %s)", ask.gain(), s.get("cost").asText(),
                s.get("gamma").asText()) : "the policy asks this next");
            return out;
        }
        Step.Proceed p = (Step.Proceed) step;
        out.put("type", "proceed");
        out.put("reason", p.reason());
        ArrayNode list = out.putArray("assignments");
        List<String> known = new ArrayList<>();
        List<String> inferred = new ArrayList<>();
        for (Step.Assignment a : p.assignments()) {
            ObjectNode n = list.addObject();
            n.put("attribute", a.attribute());
            if (a.value() == null) {
                n.putNull("value");
            } else {
                n.put("value", a.value());
            }
            n.put("source", a.source().name().toLowerCase(Locale.ROOT));
            if (Double.isFinite(a.probability())) {
                n.put("probability", a.probability());
            } else {
                n.putNull("probability");
            }
            if (a.value() != null) {
                String desc = d.attribute(a.attribute()).values().get(d.attribute(a.attribute()).indexOf(a.value()))
                    .description();
                (a.source() == Step.Source.INFERRED ? inferred : known).add(a.attribute() + ": " + desc
                    + (a.source() == Step.Source.INFERRED ? String.format(Locale.ROOT, " (inferred, p = %.2f)",
                    a.probability()) : ""));
            }
        }
        out.put("prompt", "The user's preferences for this " + d.name() + " request. Stated or answered: "
            + (known.isEmpty() ? "none" : String.join("; ", known)) + ". Inferred: "
            + (inferred.isEmpty() ? "none" : String.join("; ", inferred))
            + ". Respect stated and answered preferences exactly; treat inferred ones as defaults.");
        return out;
    }

    private static ObjectNode rephrase(Domain.AttributeSpec spec) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", "ask");
        out.put("attribute", spec.name());
        out.put("question", "Sorry, I did not catch that. " + (spec.yesNo() != null ? spec.yesNo().question()
            : "Which fits best: " + String.join(", ", spec.values().stream().map(Domain.Value::description)
            .toList()) + "?"));
        ArrayNode options = out.putArray("options");
        for (Domain.Value v : spec.values()) {
            options.addObject().put("value", v.name()).put("description", v.description());
        }
        out.putNull("gain");
        out.put("rephrased", true);
        out.put("why", "the previous answer was not understood; asking once more in other words");
        return out;
    }

    private static ObjectNode response(String id, ObjectNode s, ObjectNode step) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode session = out.putObject("session");
        session.put("id", id);
        session.put("domain", s.get("domain").asText());
        if (s.hasNonNull("userId")) {
            session.put("userId", s.get("userId").asText());
        }
        session.put("cost", s.get("cost").asDouble());
        session.put("gamma", s.get("gamma").asText());
        session.put("questions", s.get("questions").asInt());
        session.set("stated", s.get("stated"));
        session.set("remembered", s.get("remembered"));
        session.set("answered", s.get("answered"));
        session.set("declined", s.get("declined"));
        session.put("done", s.get("done").asBoolean());
        out.set("step", step);
        return out;
    }
}
