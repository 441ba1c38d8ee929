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
            config.routes.get("/v1/sessions/{id}/explain", auth(ctx -> json(ctx, 200, service.explain(tenant(ctx),
                ctx.pathParam("id"), ctx.queryParam("cost"), ctx.queryParam("gamma")))));
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
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                e.getStatus() == 404 ? "no such route: " + ctx.method() + " " + ctx.path()
                    : e.getMessage() == null || e.getMessage().isBlank() ? reason(e.getStatus()) : e.getMessage(),
                null, null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e); // logged here, never sent
                error(ctx, 500, "internal error", null, null);
            });
            for (int status : new int[] {400, 401, 403, 404, 405, 406, 408, 409, 411, 413, 414, 415, 416, 417, 429,
                431, 500, 501, 503, 505}) {
                config.routes.error(status, "*", ctx -> {
                    String type = ctx.res().getContentType();
                    if (type == null || !type.startsWith("application/json")) { // ours are JSON already
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

    private static void error(Context ctx, int status, String message, String field, Object value) {
        ctx.attribute("error", message); // for the request log line
        ctx.status(status).contentType("application/json").result(HttpErrors.body(message, field, value));
    }
}
