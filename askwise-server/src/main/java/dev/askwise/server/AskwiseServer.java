package dev.askwise.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The HTTP API (Javalin). Every {@code /v1} request carries an API key ({@code Authorization: Bearer KEY} or
 * {@code X-API-Key: KEY}); sessions and profiles are visible only to the tenant whose key created them. Errors are
 * mapped here, and only here, to {@code {"error", "field", "value"}} with a 4xx status; no stack trace leaves the
 * server. The OpenAPI document is served at {@code /openapi.json}.
 */
public final class AskwiseServer implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AskwiseServer.class);

    /** Largest request body accepted. */
    public static final int MAX_BODY = 64 * 1024;

    private final Javalin app;
    private final SessionService service;
    private final Store store;

    private AskwiseServer(Store store, String host, int port, java.util.List<dev.askwise.dialogue.Domain> domains) {
        this.store = store;
        this.service = new SessionService(store, domains);
        String openApi = resource("openapi.json");
        String page = resource("index.html");
        this.app = Javalin.create(config -> {
            config.http.maxRequestSize = MAX_BODY;
            config.startup.showJavalinBanner = false;
            config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
            config.routes.get("/v1/domains", auth(ctx -> {
                ObjectNode out = SessionService.JSON.createObjectNode();
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
            config.routes.post("/v1/sessions", auth(ctx -> json(ctx, 201, service.create(tenant(ctx), body(ctx)))));
            config.routes.get("/v1/sessions/{id}", auth(ctx -> json(ctx, 200,
                service.get(tenant(ctx), ctx.pathParam("id")))));
            config.routes.post("/v1/sessions/{id}/answers", auth(ctx -> json(ctx, 200,
                service.answer(tenant(ctx), ctx.pathParam("id"), body(ctx)))));
            config.routes.get("/v1/sessions/{id}/explain", auth(ctx -> json(ctx, 200, service.explain(tenant(ctx),
                ctx.pathParam("id"), ctx.queryParam("cost"), ctx.queryParam("gamma")))));
            config.routes.post("/v1/clarify", auth(ctx -> json(ctx, 200, ClarifyService.clarify(body(ctx)))));
            config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
            config.routes.post("/v1/sessions/{id}/feedback", auth(ctx -> json(ctx, 201,
                service.feedback(tenant(ctx), ctx.pathParam("id"), body(ctx)))));
            config.routes.get("/v1/users/{id}/profile", auth(ctx -> json(ctx, 200,
                service.profile(tenant(ctx), ctx.pathParam("id")))));
            config.routes.delete("/v1/users/{id}/profile", auth(ctx -> json(ctx, 200,
                service.forget(tenant(ctx), ctx.pathParam("id")))));
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.field(),
                e.value()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e); // logged here, never sent
                error(ctx, 500, "internal error", null, null);
            });
            config.routes.error(404, "*", ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) { // ours are JSON already
                    error(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path(), null, null);
                }
            });
            config.routes.error(413, "*", ctx -> error(ctx, 413, "request body larger than " + MAX_BODY + " bytes",
                null, null));
        });
        app.start(host, port);
    }

    /** Starts the server on 127.0.0.1 and the port (0 = any free port). */
    public static AskwiseServer start(Store store, int port) {
        return new AskwiseServer(store, "127.0.0.1", port, java.util.List.of());
    }

    /** Starts the server on the host and port, with domains from files beside (or instead of) the built-in ones. */
    public static AskwiseServer start(Store store, String host, int port,
                                      java.util.List<dev.askwise.dialogue.Domain> domains) {
        return new AskwiseServer(store, host, port, domains);
    }

    public int port() {
        return app.port();
    }

    public Store store() {
        return store;
    }

    @Override
    public void close() {
        app.stop();
    }

    private static String resource(String name) {
        try (InputStream in = AskwiseServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("missing resource " + name, e));
        }
    }

    private Handler auth(Handler inner) {
        return ctx -> {
            String key = Optional.ofNullable(ctx.header("X-API-Key")).orElseGet(() -> {
                String h = ctx.header("Authorization");
                return h != null && h.startsWith("Bearer ") ? h.substring(7).trim() : null;
            });
            if (key == null || key.isBlank()) {
                throw new ApiException(401, "missing API key: send Authorization: Bearer KEY or X-API-Key: KEY",
                    "Authorization", null);
            }
            String tenant = store.tenantOfKey(ApiKeys.hash(key)).orElseThrow(() -> new ApiException(401,
                "unknown API key", "Authorization", null));
            ctx.attribute("tenant", tenant);
            inner.handle(ctx);
        };
    }

    private static String tenant(Context ctx) {
        return ctx.attribute("tenant");
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.length() > MAX_BODY) {
            throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes", null, text.length());
        }
        try {
            return SessionService.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            throw ApiException.badRequest("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ": " + (msg == null ? "" : msg.lines().findFirst().orElse("")),
                null, null);
        }
    }

    private static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static void error(Context ctx, int status, String message, String field, Object value) {
        ObjectNode out = SessionService.JSON.createObjectNode();
        out.put("error", message);
        if (field == null) {
            out.putNull("field");
        } else {
            out.put("field", field);
        }
        out.set("value", SessionService.JSON.valueToTree(value));
        ctx.status(status).contentType("application/json").result(out.toString());
    }
}
