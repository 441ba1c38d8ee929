package dev.askwise.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.http.BodyBuffer;
import dev.askwise.server.http.HttpErrors;
import dev.askwise.server.http.Json;
import dev.askwise.server.http.KeyHeaders;
import dev.askwise.server.http.RateLimiter;
import dev.askwise.server.session.ApiException;
import dev.askwise.server.session.Replies;
import dev.askwise.server.session.SessionService;
import dev.askwise.server.store.MeteredStore;
import dev.askwise.server.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP API (Javalin on Jetty). Every {@code /v1} request carries an API key ({@code Authorization: Bearer KEY} or
 * {@code X-API-Key: KEY}, exactly: no surrounding whitespace, no other case); sessions and profiles are visible only
 * to the tenant whose key created them. Each key is rate-limited (token bucket, 429 with {@code Retry-After}). Every
 * error — from a route, from request parsing, or from Jetty itself — is {@code {"error", "field", "value"}} with a
 * 4xx status; no stack trace leaves the server. {@code /healthz}, {@code /readyz}, {@code /metrics} (Prometheus) and
 * {@code /openapi.json} need no key. Each response carries {@code X-Request-Id} (the client's, if well-formed) and
 * each request is logged as one JSON line on the {@code dev.askwise.server.requests} logger (with the error message
 * of a 4xx or 5xx); start and stop are logged on this class's logger, an internal error with its stack trace.
 */
public final class AskwiseServer implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AskwiseServer.class);
    private static final org.slf4j.Logger REQUESTS = org.slf4j.LoggerFactory.getLogger("dev.askwise.server.requests");

    /** Largest request body accepted. */
    public static final int MAX_BODY = Json.MAX_BODY;

    /** The form of every key {@link ApiKeys#create} issues; anything else is refused before any lookup. */
    private static final Pattern KEY = Pattern.compile("aw_[0-9a-f]{48}");
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Javalin app;
    private final SessionService service;
    private final Store store;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RateLimiter limiter;
    /** Key hash → tenant, for keys seen recently (bounded; a key's tenant never changes). */
    private final Cache<String, String> tenants = Caffeine.newBuilder().maximumSize(10_000)
        .expireAfterWrite(Duration.ofMinutes(5)).build();
    /** Sessions of this process not yet done, touched in the last 30 minutes (the active-sessions gauge). */
    private final Cache<String, Boolean> active = Caffeine.newBuilder().maximumSize(1_000_000)
        .expireAfterAccess(Duration.ofMinutes(30)).build();
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final Counter started;
    private final Counter finished;

    private AskwiseServer(Store store, ServerOptions options, List<dev.askwise.dialogue.Domain> domains,
                          LlmSettings llm) {
        this.store = store;
        this.service = llm == null ? new SessionService(new MeteredStore(store, registry), domains)
            : new SessionService(new MeteredStore(store, registry), domains, llm::interpreter);
        this.limiter = new RateLimiter(options.ratePerSecond(), options.burst());
        this.started = Counter.builder("askwise.sessions.started").register(registry);
        this.finished = Counter.builder("askwise.sessions.finished").register(registry);
        Gauge.builder("askwise.sessions.active", active, Cache::estimatedSize).register(registry);
        String openApi = resource("openapi.json");
        String page = resource("index.html");
        AtomicReference<Server> jetty = new AtomicReference<>();
        this.app = Javalin.create(config -> {
            config.http.maxRequestSize = MAX_BODY;
            config.startup.showJavalinBanner = false;
            QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), 8, 60_000);
            threads.setName("askwise-http");
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(h -> {
                h.setIdleTimeout(options.idleTimeout().toMillis());
                h.setSendServerVersion(false);
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new HttpErrors.JettyErrors());
                server.setHandler(new BodyBuffer(options.bodyTimeout(), MAX_BODY)); // Javalin puts its servlet inside
                jetty.set(server);
            });
            config.jetty.addConnector((server, http) -> { // Jetty's HTTP/1.1, plus the raw check of key headers
                ServerConnector connector = new ServerConnector(server, new KeyHeaders(http));
                connector.setHost(options.host());
                connector.setPort(options.port());
                return connector;
            });
            config.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new HttpErrors.JsonErrorHandler()));
            config.requestLogger.http(this::logged);
            config.routes.before(ctx -> {
                String id = ctx.header("X-Request-Id");
                if (id == null || !REQUEST_ID.matcher(id).matches()) {
                    id = UUID.randomUUID().toString();
                }
                ctx.attribute("requestId", id);
                ctx.header("X-Request-Id", id);
                if ("HEAD".equals(ctx.method().name()) && ctx.path().startsWith("/v1")) {
                    // the API's answers depend on the key and the stored data: HEAD would have to run the request
                    // to mirror GET, so it is refused like any other method the API does not offer
                    notAllowed(ctx);
                }
            });
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            config.routes.get("/healthz", ctx -> json(ctx, 200, Json.MAPPER.createObjectNode()
                .put("status", "ok")));
            config.routes.get("/readyz", this::ready);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
            config.routes.get("/v1/domains", auth(ctx -> {
                ObjectNode out = Json.MAPPER.createObjectNode();
                var list = out.putArray("domains");
                for (String name : service.domainNames()) {
                    var d = service.domain(name);
                    var n = list.addObject();
                    n.put("name", name);
                    n.put("description", d.description());
                    n.put("attributes", d.attributes().size());
                }
                json(ctx, 200, out);
            }));
            config.routes.get("/v1/domains/{name}", auth(ctx -> json(ctx, 200,
                service.domainInfo(ctx.pathParam("name")))));
            config.routes.post("/v1/sessions", auth(ctx -> {
                Replies.SessionReply out = service.create(tenant(ctx), Json.body(ctx));
                started.increment();
                track(out);
                json(ctx, 201, out);
            }));
            config.routes.get("/v1/sessions/{id}", auth(ctx -> json(ctx, 200,
                service.get(tenant(ctx), ctx.pathParam("id")))));
            config.routes.post("/v1/sessions/{id}/answers", auth(ctx -> {
                JsonNode body = Json.body(ctx);
                Replies.SessionReply out = service.answer(tenant(ctx), ctx.pathParam("id"), body);
                track(out);
                json(ctx, 200, out);
            }));
            config.routes.get("/v1/sessions/{id}/explain", auth(ctx -> {
                strictQuery(ctx, "cost", "gamma");
                json(ctx, 200, service.explain(tenant(ctx), ctx.pathParam("id"), ctx.queryParam("cost"),
                    ctx.queryParam("gamma")));
            }));
            config.routes.post("/v1/clarify", auth(ctx -> json(ctx, 200, ClarifyService.clarify(Json.body(ctx)))));
            config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
            config.routes.post("/v1/sessions/{id}/feedback", auth(ctx -> {
                JsonNode body = Json.body(ctx);
                json(ctx, 201, service.feedback(tenant(ctx), ctx.pathParam("id"), body));
            }));
            config.routes.get("/v1/users/{id}/profile", auth(ctx -> json(ctx, 200,
                service.profile(tenant(ctx), ctx.pathParam("id")))));
            config.routes.delete("/v1/users/{id}/profile", auth(ctx -> json(ctx, 200,
                service.forget(tenant(ctx), ctx.pathParam("id")))));
            config.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.status() == 429 && e.value() instanceof Long wait) {
                    ctx.header("Retry-After", Long.toString(wait));
                }
                error(ctx, e.status(), e.getMessage(), e.field(), e.value());
            });
            config.routes.exception(JsonProcessingException.class, (e, ctx) -> {
                ApiException bad = HttpErrors.badJson(e);
                error(ctx, bad.status(), bad.getMessage(), null, null);
            });
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> {
                // the core's refusals of values it cannot compute: the message names the value
                LOG.warn("core refused input on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                error(ctx, 400, e.getMessage(), null, null);
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                if (e.getStatus() == 404 && wrongMethod(ctx)) {
                    notAllowedReply(ctx);
                    return;
                }
                error(ctx, e.getStatus(), e.getStatus() == 404 ? "no such route: " + ctx.method() + " " + ctx.path()
                    : e.getMessage() == null || e.getMessage().isBlank() ? reason(e.getStatus()) : e.getMessage(),
                    null, null);
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e); // logged here, never sent
                error(ctx, 500, "internal error", null, null);
            });
            for (int status : new int[] {400, 401, 403, 404, 405, 406, 408, 409, 411, 413, 414, 415, 416, 417, 429,
                431, 500, 501, 503, 505}) {
                config.routes.error(status, "*", ctx -> {
                    String type = ctx.res().getContentType();
                    if (status == 404 && wrongMethod(ctx)) { // the path exists, the method does not
                        notAllowedReply(ctx);
                    } else if (type == null || !type.startsWith("application/json")) { // ours are JSON already
                        error(ctx, status, status == 404 ? "no such route: " + ctx.method() + " " + ctx.path()
                            : status == 413 ? "request body larger than " + MAX_BODY + " bytes" : reason(status),
                            null, null);
                    }
                });
            }
        });
        app.start(options.host(), options.port());
        for (Connector c : jetty.get().getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.setIdleTimeout(options.idleTimeout().toMillis());
            }
        }
        LOG.info("listening on {}:{}; store {}; domains {}; rate {}/s per key, burst {}; {} threads; idle timeout {} s,"
            + " body timeout {} s", options.host(), app.port(), store.describe(), service.domainNames(),
            options.ratePerSecond(), options.burst(), options.maxThreads(), options.idleTimeout().toSeconds(),
            options.bodyTimeout().toSeconds());
    }

    /** Starts the server on 127.0.0.1 and the port (0 = any free port) with the default limits. */
    public static AskwiseServer start(Store store, int port) {
        return new AskwiseServer(store, ServerOptions.defaults().withPort(port), List.of(), null);
    }

    /** Starts the server on the host and port, with domains from files beside (or instead of) the built-in ones. */
    public static AskwiseServer start(Store store, String host, int port, List<dev.askwise.dialogue.Domain> domains) {
        return new AskwiseServer(store, ServerOptions.defaults().withHost(host).withPort(port), domains, null);
    }

    /** Starts the server with the options and extra domains. */
    public static AskwiseServer start(Store store, ServerOptions options, List<dev.askwise.dialogue.Domain> domains) {
        return new AskwiseServer(store, options, domains, null);
    }

    /**
     * Starts the server with the options and extra domains, interpreting requests and answers with the LLM (each
     * domain's in-process pipeline is its fallback), or in process when llm is null.
     */
    public static AskwiseServer start(Store store, ServerOptions options, List<dev.askwise.dialogue.Domain> domains,
                                      LlmSettings llm) {
        return new AskwiseServer(store, options, domains, llm);
    }

    public int port() {
        return app.port();
    }

    public Store store() {
        return store;
    }

    /** The metrics registry (what {@code /metrics} serves). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        int port = app.port();
        app.stop();
        registry.close();
        LOG.info("stopped (port {})", port);
    }

    private static String resource(String name) {
        try (InputStream in = AskwiseServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("missing resource " + name, e));
        }
    }

    private void ready(Context ctx) {
        try {
            store.ping();
            json(ctx, 200, Json.MAPPER.createObjectNode().put("status", "ready"));
        } catch (RuntimeException e) {
            LOG.warn("readiness: the database does not answer: {}", e.getMessage());
            error(ctx, 503, "the database does not answer", null, null);
        }
    }

    private void track(Replies.SessionReply out) {
        Replies.SessionView session = out.session();
        if (session.done()) {
            if (active.asMap().remove(session.id()) != null || session.questions() == 0) {
                finished.increment();
            }
        } else {
            active.put(session.id(), Boolean.TRUE);
        }
    }

    private void logged(Context ctx, Float ms) {
        String route;
        try {
            route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        int status = ctx.statusCode();
        String method = ctx.method().name();
        String r = route;
        // one timer per (method, route, status): routes are the fixed table or "unmatched", so the map is bounded
        timers.computeIfAbsent(method + ' ' + route + ' ' + status, k -> Timer.builder("askwise.http.requests")
            .tag("method", method).tag("route", r).tag("status", Integer.toString(status))
            .publishPercentileHistogram().register(registry)).record((long) (ms * 1e6), TimeUnit.NANOSECONDS);
        if (REQUESTS.isInfoEnabled()) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("requestId", (String) ctx.attribute("requestId"));
            line.put("method", ctx.method().name());
            line.put("route", route);
            line.put("status", status);
            line.put("ms", Math.round(ms * 100) / 100.0);
            String tenant = ctx.attribute("tenant");
            if (tenant != null) {
                line.put("tenant", tenant);
            }
            String error = ctx.attribute("error");
            if (error != null) {
                line.put("error", error);
            }
            REQUESTS.info(line.toString());
        }
    }

    private Handler auth(Handler inner) {
        return ctx -> {
            List<String> given = new ArrayList<>();
            for (String name : new String[] {"X-API-Key", "Authorization"}) {
                for (var e = ctx.req().getHeaders(name); e != null && e.hasMoreElements(); ) {
                    given.add(name);
                    e.nextElement();
                }
            }
            if (given.size() > 1) { // which one counts would be a guess: refuse rather than pick
                throw new ApiException(400, "send the API key once, in one header (Authorization: Bearer KEY or "
                    + "X-API-Key: KEY); this request has " + String.join(", ", given), "Authorization", null);
            }
            String key = ctx.header("X-API-Key");
            if (key == null) {
                String h = ctx.header("Authorization");
                key = h != null && h.startsWith("Bearer ") ? h.substring(7) : null;
            }
            if (ctx.header(KeyHeaders.MARK) != null) { // set by the connection from the raw header bytes
                throw new ApiException(401, "whitespace after the API key: send the key exactly as issued",
                    "Authorization", null);
            }
            if (key == null || key.isEmpty()) {
                throw new ApiException(401, "missing API key: send Authorization: Bearer KEY or X-API-Key: KEY",
                    "Authorization", null);
            }
            if (!KEY.matcher(key).matches()) {
                throw new ApiException(401, "unknown API key", "Authorization", null);
            }
            // the key itself is never compared: its SHA-256 is looked up exactly (case- and whitespace-sensitive)
            String hash = ApiKeys.hash(key);
            String tenant = tenants.getIfPresent(hash);
            if (tenant == null) {
                tenant = store.tenantOfKey(hash).orElseThrow(() -> new ApiException(401, "unknown API key",
                    "Authorization", null));
                tenants.put(hash, tenant);
            }
            long wait = limiter.acquire(hash);
            if (wait > 0) {
                throw new ApiException(429, "rate limit exceeded: retry after " + wait + " s", "Authorization", wait);
            }
            ctx.attribute("tenant", tenant);
            inner.handle(ctx);
        };
    }

    private static String tenant(Context ctx) {
        return ctx.attribute("tenant");
    }

    private static String reason(int status) {
        return org.eclipse.jetty.http.HttpStatus.getMessage(status);
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /**
     * Reads the query string as strictly as a body: each parameter once, only the allowed ones, valid
     * percent-encoding and Unicode (a what-if cost that is silently dropped would explain a cost never asked for).
     */
    static void strictQuery(Context ctx, String... allowed) {
        String raw = ctx.queryString();
        if (raw == null || raw.isEmpty()) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String part : raw.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name;
            String value;
            try {
                name = java.net.URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                String shown = part.length() > 64 ? part.substring(0, 64) : part;
                throw ApiException.badRequest("bad percent-encoding in the query: " + shown, null, shown);
            }
            if (!List.of(allowed).contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; allowed: "
                    + String.join(", ", allowed), name, null);
            }
            if (!seen.add(name)) {
                throw ApiException.badRequest("query parameter '" + name + "' given more than once", name, null);
            }
            String problem = Json.unstorable(value);
            if (problem == null && value.chars().anyMatch(Character::isISOControl)) {
                problem = "must not contain control characters";
            }
            if (problem != null) {
                throw ApiException.badRequest(name + " " + problem, name, null);
            }
        }
    }

    /** Each route's path pattern and methods (the OpenAPI document lists the same; a test checks both). */
    private static final List<java.util.Map.Entry<Pattern, String>> ROUTES = List.of(
        java.util.Map.entry(Pattern.compile("/v1/domains"), "GET"),
        java.util.Map.entry(Pattern.compile("/v1/domains/[^/]+"), "GET"),
        java.util.Map.entry(Pattern.compile("/v1/sessions"), "POST"),
        java.util.Map.entry(Pattern.compile("/v1/sessions/[^/]+"), "GET"),
        java.util.Map.entry(Pattern.compile("/v1/sessions/[^/]+/answers"), "POST"),
        java.util.Map.entry(Pattern.compile("/v1/sessions/[^/]+/explain"), "GET"),
        java.util.Map.entry(Pattern.compile("/v1/sessions/[^/]+/feedback"), "POST"),
        java.util.Map.entry(Pattern.compile("/v1/clarify"), "POST"),
        java.util.Map.entry(Pattern.compile("/v1/users/[^/]+/profile"), "GET, DELETE"));

    /** The methods a /v1 path offers ("GET, DELETE"), or null when no route has that path. */
    static String allowed(String path) {
        for (var r : ROUTES) {
            if (r.getKey().matcher(path).matches()) {
                return r.getValue();
            }
        }
        return null;
    }

    /** Refuses a request whose method the path does not offer: 405 with Allow, or 404 when no route has the path. */
    /** True when a route has this path but not this method. */
    private static boolean wrongMethod(Context ctx) {
        String allow = allowed(ctx.path());
        return allow != null && !List.of(allow.split(", ")).contains(ctx.method().name());
    }

    private static void notAllowed(Context ctx) {
        String allow = allowed(ctx.path());
        if (allow == null) {
            throw new ApiException(404, "no such route: " + ctx.method() + " " + ctx.path(), null, null);
        }
        ctx.header("Allow", allow);
        throw new ApiException(405, "method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: "
            + allow, null, ctx.method().name());
    }

    /** The same reply written directly, for the error handlers (which cannot throw). */
    private static void notAllowedReply(Context ctx) {
        String allow = allowed(ctx.path());
        ctx.header("Allow", allow);
        error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path() + "; allowed: " + allow, null,
            ctx.method().name());
    }

    private static void error(Context ctx, int status, String message, String field, Object value) {
        ctx.attribute("error", message); // for the request log line
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"askwise\""); // RFC 9110 §11.6.1
        }
        ctx.status(status).contentType("application/json").result(HttpErrors.body(message, field, value));
    }
}
