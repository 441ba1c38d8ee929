package dev.askwise.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.dialogue.Domain;
import dev.askwise.dialogue.InterpretationPipeline;
import dev.askwise.dialogue.TextInterpreter;
import dev.askwise.dialogue.Understanding;
import dev.askwise.engine.ElicitationEngine;
import dev.askwise.engine.ElicitationSession;
import dev.askwise.engine.Step;
import dev.askwise.policy.VoiPolicy;
import dev.askwise.server.store.Store;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's operations over sessions: each request validated into a record ({@link Requests}), the stored
 * {@link SessionState} loaded ({@link Sessions}), the answer applied ({@link SessionRules}, reading texts with the
 * domain's {@link InterpretationPipeline}), the next step decided by the elicitation engine and worded
 * ({@link Wording}), and the new state stored before the reply, so a restarted server continues where it stopped.
 * Remembered profiles keep stated and answered values only, never inferred ones. Answers to one session are
 * serialised by a lock stripe and, across processes, by the stored version. Thread-safe.
 */
public final class SessionService {

    /** Engines cached per (domain, cost, γ); what-if values in explain would otherwise grow the cache without end. */
    public static final int MAX_ENGINES = 256;
    /** Lock stripes: answers to one session are serialised by the stripe of its id (a fixed number of locks). */
    public static final int LOCK_STRIPES = 1024;
    /** Longest session id looked up (ours are 36-character UUIDs). */
    public static final int MAX_ID = 64;
    /** Turns kept in a session's history. */
    public static final int MAX_HISTORY = SessionRules.MAX_HISTORY;

    private final Sessions sessions;
    private final Map<String, Domain> domains = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final Cache<String, ElicitationEngine> engines = Caffeine.newBuilder().maximumSize(MAX_ENGINES).build();
    /** One interpreter per domain (keyed like {@link #domains}, so bounded by it). */
    private final Map<String, TextInterpreter> pipelines = new ConcurrentHashMap<>();
    /** Builds a domain's interpreter: the in-process pipeline, or an LLM that falls back to it. */
    private final Function<Domain, TextInterpreter> interpreters;

    /** A service over the store with the built-in domains and extra ones (a file may replace a built-in domain). */
    public SessionService(Store store, List<Domain> extra) {
        this(store, extra, InterpretationPipeline::of);
    }

    /** As {@link #SessionService(Store, List)}, with each domain's text interpreted by {@code interpreters}. */
    public SessionService(Store store, List<Domain> extra, Function<Domain, TextInterpreter> interpreters) {
        this.sessions = new Sessions(store);
        this.interpreters = interpreters;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
        for (String name : Domain.BUILT_IN) {
            domains.put(name, Domain.builtIn(name));
        }
        for (Domain d : extra) {
            domains.put(d.name(), d);
        }
        // load the embedding model and every domain's example embeddings now, not on a user's first answer: a
        // server that says it is up answers at full speed (and a restart after a crash is back at once)
        domains.values().forEach(this::pipeline);
    }

    /** The domains' names, sorted. */
    public List<String> domainNames() {
        return domains.keySet().stream().sorted().toList();
    }

    /** A domain by name; unknown is a 400 naming {@code domain}. */
    public Domain domain(String name) {
        Domain d = name == null ? null : domains.get(name);
        if (d == null) {
            throw ApiException.badRequest("unknown domain '" + name + "'; known: " + String.join(", ",
                domainNames()), "domain", name);
        }
        return d;
    }

    /** A domain as a developer needs it to build a UI: attributes, their questions, values with descriptions. */
    public ObjectNode domainInfo(String name) {
        Domain d = domains.get(name);
        if (d == null) {
            throw ApiException.notFound("unknown domain '" + name + "'; known: " + String.join(", ", domainNames()),
                "name", name);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
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

    // ------------------------------------------------------------------ engines

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
                    + "inequality-averse welfare is undefined): %s", n, 1 + 1.0 / n, d.name(), n, Double.toString(
                    cost)), "cost", cost);
            }
            throw ApiException.badRequest(e.getMessage(), "gamma", WelfareFunction.formatGamma(gamma));
        }
        engines.put(key, built);
        return built;
    }

    private static Profile profileOf(Schema schema, Map<String, String> values) {
        int[] v = new int[schema.size()];
        Arrays.fill(v, Profile.UNKNOWN);
        values.forEach((attribute, value) -> {
            int a = schema.indexOf(attribute);
            v[a] = schema.get(a).indexOf(value);
        });
        return Profile.of(schema, v);
    }

    private ElicitationSession engineSession(Domain d, SessionState s) {
        Schema schema = d.schema();
        ElicitationEngine engine = engine(d, s.cost(), s.gamma());
        boolean[] declined = new boolean[schema.size()];
        for (String a : s.declined()) {
            declined[schema.indexOf(a)] = true;
        }
        return engine.resume(profileOf(schema, s.stated()), profileOf(schema, s.remembered()),
            profileOf(schema, s.answered()), declined, s.questions());
    }

    private TextInterpreter pipeline(Domain d) {
        return pipelines.computeIfAbsent(d.name(), k -> interpreters.apply(d));
    }

    private Object lock(String id) {
        return locks[Math.floorMod(id.hashCode(), locks.length)];
    }

    // ------------------------------------------------------------------ operations

    /** {@code POST /v1/sessions}. */
    public Replies.SessionReply create(String tenant, JsonNode body) {
        Requests.Create req = Requests.create(body);
        Domain d = domain(req.domain());
        engine(d, req.cost(), req.gamma()); // refuses what the core cannot compute, naming the field
        SessionState.Edit s = SessionState.start(d.name(), req.userId(), req.cost(), req.gamma(), req.request())
            .edit();
        Understanding fromRequest = pipeline(d).interpret(req.request(), null);
        for (Understanding.Reading r : fromRequest.readings()) {
            if (r.noPreference()) {
                s.declined.add(r.attribute()); // "don't care about breakfast": not asked
            } else {
                s.stated.put(r.attribute(), r.value());
            }
        }
        if (req.userId() != null) {
            sessions.remembered(tenant, req.userId(), d.name()).forEach((k, v) -> {
                if (!s.stated.containsKey(k)) {
                    s.remembered.put(k, v);
                }
            });
        }
        String id = UUID.randomUUID().toString();
        Decided next = advance(d, s.build());
        sessions.create(tenant, id, next.state());
        rememberIfDone(tenant, next.state());
        return new Replies.SessionReply(Wording.view(id, next.state()), next.step(), req.request().isBlank() ? null
            : fromRequest.understood());
    }

    /** {@code GET /v1/sessions/{id}}. */
    public Replies.SessionReply get(String tenant, String id) {
        checkId(id);
        SessionState s = sessions.load(tenant, id).state();
        Domain d = domain(s.domain());
        return new Replies.SessionReply(Wording.view(id, s), current(d, s), null);
    }

    /** The step a stored state is at: its pending confirmation, or what the engine decides. */
    private Replies.Step current(Domain d, SessionState s) {
        if (s.confirming() != null) {
            return Wording.confirm(d.attribute(s.confirming().attribute()), s.confirming());
        }
        Step next = engineSession(d, s).next();
        if (next instanceof Step.Ask ask && ask.attribute().equals(s.pending()) && s.rephrased().contains(ask.attribute())
            && !s.answered().containsKey(ask.attribute())) {
            // the pending question was asked again in other words after an answer that was not understood: the
            // session is at that wording, as the answer's reply said
            return Wording.rephrase(d.attribute(ask.attribute()));
        }
        return Wording.step(d, s, next);
    }

    /** {@code POST /v1/sessions/{id}/answers}. */
    public Replies.SessionReply answer(String tenant, String id, JsonNode body) {
        checkId(id);
        Requests.Answer req = Requests.answer(body);
        synchronized (lock(id)) {
            Sessions.Loaded loaded = sessions.load(tenant, id);
            SessionState before = loaded.state();
            Domain d = domain(before.domain());
            String attribute = req.attribute() != null ? req.attribute() : before.pending();
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
            boolean correction = SessionRules.known(before, attribute);
            boolean pending = attribute.equals(before.pending());
            SessionState.Edit s = before.edit();
            Map<String, String> understood = null;
            SessionRules.Next next = SessionRules.Next.DECIDE;
            if (req.skip()) {
                SessionRules.record(s, new SessionState.Turn(attribute, null, null, "skipped", null));
                SessionRules.decline(s, attribute, correction);
            } else if (req.value() != null) {
                if (spec.indexOf(req.value()) < 0) {
                    throw ApiException.badRequest("unknown value '" + req.value() + "' for '" + attribute
                        + "'; allowed: " + spec.values().stream().map(Domain.Value::name).toList(), "value",
                        req.value());
                }
                SessionRules.record(s, new SessionState.Turn(attribute, null, req.value(), null, null));
                SessionRules.set(s, attribute, req.value(), correction);
            } else {
                Understanding u = SessionRules.withoutBareYesNo(pipeline(d).interpret(req.text(), attribute),
                    spec, pending && before.confirming() == null && !before.rephrased().contains(attribute));
                next = SessionRules.text(s, attribute, req.text(), u, correction, pending);
                understood = taken(before, s, attribute, next);
            }
            if (!pending) {
                s.confirming = null; // an answer to another attribute leaves the confirmation unanswered: ask anew
            }
            Replies.Step step;
            SessionState after;
            switch (next) {
                case REPHRASE -> {
                    after = s.build();
                    step = Wording.rephrase(spec);
                }
                case CONFIRM -> {
                    after = s.build();
                    step = Wording.confirm(spec, after.confirming());
                }
                default -> {
                    Decided decided = advance(d, s.build());
                    after = decided.state();
                    step = decided.step();
                }
            }
            sessions.save(tenant, id, after, loaded.version());
            rememberIfDone(tenant, after);
            return new Replies.SessionReply(Wording.view(id, after), step, understood);
        }
    }

    /**
     * What a text answer was taken to say: every attribute it settled (a value, or "no-preference" when declined) —
     * the pending one even when it repeats its value — and the reading held for confirmation. A reading the session
     * did not use (a volunteered value of an attribute already settled, the words of a reply to "Just to check") is
     * not reported, so the reply never contradicts the session.
     */
    private static Map<String, String> taken(SessionState before, SessionState.Edit after, String attribute,
                                             SessionRules.Next next) {
        Map<String, String> out = new LinkedHashMap<>();
        if (next == SessionRules.Next.CONFIRM && after.confirming != null) {
            out.put(after.confirming.attribute(), after.confirming.value());
        }
        SessionState.Turn last = after.history.isEmpty() ? null : after.history.get(after.history.size() - 1);
        if (last != null && last.attribute().equals(attribute) && next != SessionRules.Next.CONFIRM) {
            if (last.value() != null) {
                out.put(attribute, last.value());
            } else if ("NO_PREFERENCE".equals(last.interpretation())) {
                out.put(attribute, Understanding.NO_PREFERENCE);
            }
        }
        for (Map.Entry<String, String> e : after.stated.entrySet()) {
            if (!e.getValue().equals(before.stated().get(e.getKey()))) {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, String> e : after.answered.entrySet()) {
            if (!e.getValue().equals(before.answered().get(e.getKey()))) {
                out.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        for (String a : after.declined) {
            if (!before.declined().contains(a)) {
                out.putIfAbsent(a, Understanding.NO_PREFERENCE);
            }
        }
        return out;
    }

    /**
     * At proceed, remembers the user's stated and answered values (never inferred ones), and forgets the remembered
     * value of every attribute the user skipped last in this session (a withdrawn answer is not kept for the next one).
     */
    private void rememberIfDone(String tenant, SessionState s) {
        if (s.done() && s.userId() != null) {
            Map<String, String> keep = new LinkedHashMap<>(s.stated());
            keep.putAll(s.answered());
            Map<String, SessionState.Turn> last = new LinkedHashMap<>();
            for (SessionState.Turn t : s.history()) {
                last.put(t.attribute(), t);
            }
            for (String a : s.declined()) {
                SessionState.Turn t = last.get(a);
                if (!keep.containsKey(a) && t != null && "skipped".equals(t.interpretation())) {
                    keep.put(a, null); // the store forgets it
                }
            }
            sessions.remember(tenant, s.userId(), s.domain(), keep);
        }
    }

    /** A state with its next step recorded (pending question or done), and the step in words. */
    private record Decided(SessionState state, Replies.Step step) {
    }

    /** Decides the next step and records it in the state. */
    private Decided advance(Domain d, SessionState state) {
        Step step = engineSession(d, state).next();
        SessionState.Edit s = state.edit();
        s.confirming = null;
        if (step instanceof Step.Ask ask) {
            s.pending = ask.attribute();
            s.done = false;
        } else {
            s.pending = null;
            s.done = true;
        }
        SessionState next = s.build();
        return new Decided(next, Wording.step(d, next, step));
    }

    /**
     * {@code GET /v1/sessions/{id}/explain}: the posterior over the domain's clusters and each askable attribute's
     * expected gain against its cost — under the session's cost and γ, or under what-if values (the page's sliders).
     */
    public Replies.Explain explain(String tenant, String id, String costParam, String gammaParam) {
        checkId(id);
        SessionState stored = sessions.load(tenant, id).state();
        Domain d = domain(stored.domain());
        double cost = Requests.whatIfCost(costParam, stored.cost());
        double gamma = Requests.whatIfGamma(gammaParam, stored.gamma());
        engine(d, cost, gamma);
        SessionState what = stored.withCostAndGamma(cost, gamma);
        ElicitationSession session = engineSession(d, what);
        List<Replies.ClusterProbability> posterior = new ArrayList<>();
        double[] p = session.state().posterior();
        for (int z = 0; z < p.length; z++) {
            posterior.add(new Replies.ClusterProbability(d.clusterNames().get(z), p[z]));
        }
        List<Map.Entry<Integer, Double>> gains = new ArrayList<>(new VoiPolicy(1).gains(session.state()).entrySet());
        gains.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        List<Replies.Candidate> candidates = new ArrayList<>();
        for (Map.Entry<Integer, Double> g : gains) {
            candidates.add(new Replies.Candidate(d.schema().get(g.getKey()).name(), Double.isFinite(g.getValue())
                ? g.getValue() : null));
        }
        return new Replies.Explain(cost, WelfareFunction.formatGamma(gamma), posterior, candidates,
            Wording.step(d, what, session.next()));
    }

    /** {@code POST /v1/sessions/{id}/feedback}. */
    public Replies.FeedbackReply feedback(String tenant, String id, JsonNode body) {
        checkId(id);
        Requests.Feedback req = Requests.feedback(body);
        SessionState s = sessions.load(tenant, id).state();
        Domain d = domain(s.domain());
        Domain.AttributeSpec spec;
        try {
            spec = d.attribute(req.attribute());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), "attribute", req.attribute());
        }
        if (spec.indexOf(req.value()) < 0) {
            throw ApiException.badRequest("unknown value '" + req.value() + "' for '" + req.attribute() + "'",
                "value", req.value());
        }
        Store.Feedback f = new Store.Feedback(UUID.randomUUID().toString(), tenant, id, d.name(), req.attribute(),
            req.value());
        sessions.store().addFeedback(f);
        return new Replies.FeedbackReply(f.id(), id, req.attribute(), req.value());
    }

    /** {@code GET /v1/users/{id}/profile}. */
    public Replies.Profile profile(String tenant, String userId) {
        Requests.checkUserId(userId);
        return new Replies.Profile(userId, sessions.store().profile(tenant, userId));
    }

    /** {@code DELETE /v1/users/{id}/profile}. */
    public Replies.Forgotten forget(String tenant, String userId) {
        Requests.checkUserId(userId);
        return new Replies.Forgotten(userId, sessions.store().forget(tenant, userId));
    }

    private static void checkId(String id) {
        if (id.length() > MAX_ID) {
            throw ApiException.notFound("unknown session (ids are at most " + MAX_ID + " characters)", "id",
                id.length());
        }
    }
}
