package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.JdbcStore;
import dev.askwise.server.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing in process: requests generated over every route of the OpenAPI document — valid bodies mutated
 * (fields dropped, misspelt, retyped, out of range, huge), random and deeply nested JSON, broken UTF-8, bogus
 * charsets, bad or missing keys, junk path parameters and query strings, and raw protocol abuse (bad
 * percent-encoding, long URIs and headers, odd versions and Expect values, broken chunking, truncated bodies) —
 * asserting no 5xx, every body JSON (except the web page and the metrics text), and no stack trace. {@code
 * -Daskwise.fuzz.requests=N} (default 5,000) and {@code -Daskwise.fuzz.seed=S}; {@code
 * askwise-bench/scripts/fuzz.sh} runs the long version.
 */
class FuzzTest {

    static final int REQUESTS = Integer.getInteger("askwise.fuzz.requests", 5_000);
    static final long SEED = Long.getLong("askwise.fuzz.seed", 20261201L);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Route(String method, String path) {
    }

    final List<String> sessions = new ArrayList<>();
    Random random;
    String key;

    @Test
    void noInputGetsA5xxOrANonJsonBody() throws Exception {
        random = new Random(SEED);
        try (Store store = JdbcStore.sqlite(dir); AskwiseServer server = AskwiseServer.start(store,
            ServerOptions.defaults().withPort(0).withRate(0, 1), List.of())) {
            key = ApiKeys.create(store, "fuzz");
            List<Route> routes = new ArrayList<>();
            JsonNode paths = JSON.readTree(RawHttp.send(server.port(), RawHttp.request("GET", "/openapi.json",
                Map.of(), null), false).body()).get("paths");
            for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
                String path = it.next();
                for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
                    routes.add(new Route(m.next().toUpperCase(Locale.ROOT), path));
                }
            }
            assertThat(routes).hasSizeGreaterThanOrEqualTo(14);
            for (int i = 0; i < 5; i++) {
                RawHttp.Reply r = RawHttp.send(server.port(), RawHttp.request("POST", "/v1/sessions", Map.of(
                    "Authorization", "Bearer " + key), "{\"domain\": \"hotel\"}".getBytes(StandardCharsets.UTF_8)),
                    false);
                sessions.add(JSON.readTree(r.body()).get("session").get("id").asText());
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            int unanswered = 0;
            for (int i = 0; i < REQUESTS; i++) {
                Route route = routes.get(random.nextInt(routes.size()));
                boolean abuse = random.nextInt(12) == 0;
                // an incomplete request is answered only when the server knows it is incomplete: the client ends
                // its side (a client that just stops is closed by the idle timeout, docs/http.md)
                boolean halfClose = abuse || random.nextInt(40) == 0;
                byte[] request = abuse ? protocolAbuse(route) : request(route);
                RawHttp.Reply r;
                try {
                    r = RawHttp.send(server.port(), request, halfClose);
                } catch (IOException e) {
                    failures.add(i + ": no answer (" + e.getMessage() + ") to " + shown(request));
                    continue;
                }
                statuses.merge(r.status(), 1, Integer::sum);
                if (r.status() == -1) {
                    unanswered++; // the server closed a connection whose request it could not parse completely
                    continue;
                }
                String problem = new String(request, StandardCharsets.ISO_8859_1).startsWith("HEAD ")
                    ? (r.status() >= 500 ? "5xx" : null) : problem(route, r);
                if (problem != null && failures.size() < 20) {
                    failures.add(i + ": " + problem + " for " + shown(request) + " -> " + r.status() + " "
                        + r.body().substring(0, Math.min(300, r.body().length())));
                }
                if (r.status() == 201 && route.path().equals("/v1/sessions") && sessions.size() < 200) {
                    sessions.add(JSON.readTree(r.body()).get("session").get("id").asText());
                }
            }
            long fivexx = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue)
                .sum();
            System.out.printf("FuzzTest: %d requests (seed %d) over %d routes: %d 5xx, statuses %s, %d closed "
                + "without an answer, %d problems%n", REQUESTS, SEED, routes.size(), fivexx, statuses, unanswered,
                failures.size());
            assertThat(failures).isEmpty();
            assertThat(fivexx).isZero();
            assertThat(unanswered).as("connections closed without an answer").isLessThan(REQUESTS / 20);
        }
    }

    /** Why a response is wrong, or null. */
    static String problem(Route route, RawHttp.Reply r) {
        if (r.status() >= 500) {
            return "5xx";
        }
        String body = r.body();
        if (body.contains("Exception") || body.contains("\tat ") || body.contains(".java:")) {
            return "stack trace";
        }
        boolean text = r.status() < 300 && (route.path().equals("/") || route.path().equals("/metrics"));
        if ((!text && !body.isEmpty()) || r.status() >= 400) {
            try {
                JSON.readTree(body);
                if (r.status() >= 400 && !JSON.readTree(body).has("error")) {
                    return "error without the error shape";
                }
            } catch (IOException e) {
                return "not JSON";
            }
        }
        return null;
    }

    private static String shown(byte[] request) {
        String s = new String(request, StandardCharsets.ISO_8859_1).replace("\r\n", " | ");
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    // ------------------------------------------------------------------ generation

    private <T> T pick(List<T> xs) {
        return xs.get(random.nextInt(xs.size()));
    }

    private String target(Route route) {
        String id = switch (random.nextInt(8)) {
            case 0 -> "x";
            case 1 -> "u".repeat(1 + random.nextInt(3000));
            case 2 -> "%20%22%3C" + random.nextInt();
            case 3 -> java.util.UUID.randomUUID().toString();
            case 4 -> "hotel";
            default -> sessions.isEmpty() ? "x" : pick(sessions);
        };
        String path = route.path().replace("{id}", id).replace("{name}", random.nextBoolean()
            ? pick(List.of("hotel", "email", "movies", "vacation", "image")) : id);
        if (route.path().endsWith("/explain") || random.nextInt(10) == 0) {
            List<String> q = new ArrayList<>();
            if (random.nextBoolean()) {
                q.add("cost=" + pick(List.of("0", "0.3", "1.5", "50", "-1", "abc", "NaN", "Infinity", "1e400",
                    "0x1p3", "99.99", "100", "%00", "1" + "0".repeat(random.nextInt(100)))));
            }
            if (random.nextBoolean()) {
                q.add("gamma=" + pick(List.of("0", "2", "inf", "-inf", "101", "-2", "nan", "x", "1e-300", "100",
                    "%ff")));
            }
            if (!q.isEmpty()) {
                path += "?" + String.join("&", q);
            }
        }
        return path;
    }

    private Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        switch (random.nextInt(14)) {
            case 0 -> { }
            case 1 -> h.put("Authorization", "Bearer aw_" + "0".repeat(48));
            case 2 -> h.put("Authorization", "Bearer " + key.toUpperCase(Locale.ROOT));
            case 3 -> h.put("Authorization", "Basic " + key);
            case 4 -> h.put("X-API-Key", key + " x");
            case 5 -> h.put("Authorization", "Bearer");
            default -> h.put(random.nextBoolean() ? "Authorization" : "X-API-Key", random.nextBoolean()
                ? "Bearer " + key : key);
        }
        if (h.containsKey("X-API-Key") && h.get("X-API-Key").startsWith("Bearer ")) {
            h.put("X-API-Key", key);
        }
        switch (random.nextInt(10)) {
            case 0 -> h.put("Content-Type", "application/json; charset=bogus");
            case 1 -> h.put("Content-Type", "application/json; charset=utf-16");
            case 2 -> h.put("Content-Type", "text/plain");
            case 3 -> h.put("Content-Type", "application/json; charset=\"UTF-8\"");
            case 4 -> h.put("Content-Type", "multipart/form-data; boundary=x");
            case 5 -> h.put("Content-Type", "application/x-www-form-urlencoded");
            default -> h.put("Content-Type", "application/json");
        }
        if (random.nextInt(10) == 0) {
            h.put("X-Request-Id", random.nextBoolean() ? "r-" + random.nextInt() : "bad id\u00e9");
        }
        if (random.nextInt(20) == 0) {
            h.put("Accept", pick(List.of("text/html", "application/xml", "*/*", "application/json")));
        }
        return h;
    }

    private byte[] request(Route route) {
        String method = random.nextInt(15) == 0 ? pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "HEAD")) : route.method();
        byte[] body = null;
        if (method.equals("POST") || method.equals("PUT") || random.nextInt(10) == 0) {
            body = body(route);
        }
        return RawHttp.request(method, target(route), headers(), body);
    }

    private byte[] body(Route route) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            byte[] junk = new byte[random.nextInt(200)];
            random.nextBytes(junk);
            return junk;
        }
        if (kind == 1) {
            int depth = 20 + random.nextInt(3000);
            return ("[".repeat(depth) + "]".repeat(random.nextBoolean() ? depth : 0)).getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 2) {
            return ("{\"domain\":\"hotel\",\"cost\":" + "9".repeat(10 + random.nextInt(3000)) + "}")
                .getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 3) {
            return randomJson(0).getBytes(StandardCharsets.UTF_8);
        }
        String valid = valid(route);
        if (kind == 4) {
            return (valid + pick(List.of(" x", "{}", "]", " 1", "\u0000", "//c"))).getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 5 && valid.length() > 2) {
            return valid.substring(0, random.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8);
        }
        if (kind == 6) {
            byte[] b = valid.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0) {
                b[random.nextInt(b.length)] = (byte) (0x80 + random.nextInt(0x80));
            }
            return b;
        }
        if (kind == 7) {
            return ("{\"domain\":\"hotel\",\"request\":\"" + "x".repeat(random.nextInt(80_000)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        }
        return mutate(valid).getBytes(StandardCharsets.UTF_8);
    }

    private String valid(Route route) {
        boolean good = random.nextInt(10) < 7;
        String cost = good ? pick(List.of("0", "0.3", "0.05", "0.01", "0.2", "1")) : pick(List.of("1.1", "1.5", "5",
            "99", "100", "-0.1", "1e-9", "\"0.3\"", "null", "1e308"));
        String gamma = good ? pick(List.of("0", "2", "\"inf\"", "0.5", "10")) : pick(List.of("100", "101", "-1",
            "\"x\"", "null", "1e-300", "\"2\""));
        return switch (route.path()) {
            case "/v1/sessions" -> "{\"domain\": \"" + pick(List.of("hotel", "email", "image", "vacation", "movies",
                "hotel", "email", "vacation", "cars", "")) + "\", \"request\": \"" + pick(List.of(
                "a cheap hotel downtown", "", "no idea",
                "short polite email", "\\u0000\\ud800")) + "\", \"cost\": " + cost + ", \"gamma\": " + gamma
                + (random.nextBoolean() ? ", \"userId\": \"u" + random.nextInt(5) + "\"" : "") + "}";
            case "/v1/sessions/{id}/answers" -> switch (random.nextInt(6)) {
                case 0 -> "{\"skip\": true}";
                case 1 -> "{\"value\": \"" + pick(List.of("low", "high", "downtown", "x", "")) + "\"}";
                case 2 -> "{\"attribute\": \"" + pick(List.of("price", "area", "chain", "nope")) + "\", \"value\": "
                    + "\"low\"}";
                default -> "{\"text\": \"" + pick(List.of("cheap", "I don't mind", "yes", "no", "what?",
                    "not expensive at all", "x".repeat(3000))) + "\"}";
            };
            case "/v1/sessions/{id}/feedback" -> "{\"attribute\": \"" + pick(List.of("chain", "price", "nope"))
                + "\", \"value\": \"" + pick(List.of("local", "low", "x")) + "\"}";
            case "/v1/clarify" -> "{\"question\": \"Who?\", \"interpretations\": [{\"question\": \"Which party?\", "
                + "\"answers\": [\"A\"], \"weight\": " + pick(List.of("1", "0", "-1", "1e308", "\"w\"")) + "}, "
                + "{\"question\": \"Which leader?\", \"answers\": [\"B\"]}], \"cost\": " + pick(List.of("0.3", "2",
                "-1", "0", "1")) + (random.nextBoolean() ? ", \"reply\": \"the leader\"" : "") + "}";
            default -> "{}";
        };
    }

    private String mutate(String valid) {
        JsonNode n;
        try {
            n = JSON.readTree(valid);
        } catch (IOException e) {
            return valid;
        }
        if (!(n instanceof com.fasterxml.jackson.databind.node.ObjectNode o)) {
            return valid;
        }
        int times = random.nextInt(3);
        for (int t = 0; t < times; t++) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (!names.isEmpty()) {
                        o.remove(pick(names));
                    }
                }
                case 1 -> o.put(pick(List.of("reqest", "Domain", "costs", "extra", "text", "value", "skip")),
                    "z");
                case 2 -> {
                    if (!names.isEmpty()) {
                        o.set(pick(names), JSON.valueToTree(pick(List.of(List.of(1), Map.of("a", 1), 7, true,
                            "s", 1e300))));
                    }
                }
                case 3 -> {
                    if (!names.isEmpty()) {
                        o.putNull(pick(names));
                    }
                }
                default -> o.put("text", "t").put("value", "low");
            }
        }
        return o.toString();
    }

    private String randomJson(int depth) {
        int k = depth > 6 ? random.nextInt(4) : random.nextInt(7);
        return switch (k) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> "\"s" + random.nextInt(100) + "\"";
            case 2 -> pick(List.of("true", "false", "null", "-0", "1e999", "\"\\ud800\""));
            case 3 -> Double.toString(random.nextGaussian() * 1e6);
            case 4 -> {
                StringBuilder sb = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(randomJson(depth + 1));
                }
                yield sb.append("]").toString();
            }
            default -> {
                StringBuilder sb = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append('"').append(pick(List.of("domain", "text", "value", "cost",
                        "gamma", "interpretations", "question", "k" + i))).append("\":").append(randomJson(depth + 1));
                }
                yield sb.append("}").toString();
            }
        };
    }

    /** Requests a library client would refuse to send. */
    private byte[] protocolAbuse(Route route) {
        String auth = "Authorization: Bearer " + key + "\r\n";
        String path = route.path().replace("{id}", sessions.isEmpty() ? "x" : pick(sessions)).replace("{name}",
            "hotel");
        String s = switch (random.nextInt(10)) {
            case 0 -> route.method() + " " + path + "/%" + pick(List.of("zz", "", "4", "c3%28", "00", "ff"))
                + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth + "\r\n";
            case 1 -> route.method() + " " + path + "?" + "q".repeat(9000 + random.nextInt(20_000))
                + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 2 -> route.method() + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
                + "y".repeat(9000 + random.nextInt(20_000)) + "\r\n\r\n";
            case 3 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth + "Expect: "
                + pick(List.of("200-ok", "100-continue-please", "x")) + "\r\nContent-Length: 2\r\n\r\n{}";
            case 4 -> route.method() + " " + path + " HTTP/" + pick(List.of("1.7", "2.0", "0.9", "x", "3"))
                + "\r\nHost: x\r\nConnection: close\r\n\r\n";
            case 5 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth
                + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n" + pick(List.of("zz\r\n{}"
                + "\r\n0\r\n\r\n", "5\r\n{\"a\"\r\n", "2\r\n{}\r\n", "ffffffff\r\n{}\r\n0\r\n\r\n", "2\r\n{}xx0\r\n"));
            case 6 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth
                + "Content-Length: " + pick(List.of("100", "-1", "abc", "99999999999", "2, 3")) + "\r\n\r\n{}";
            case 7 -> pick(List.of("\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/1.1\r\n\r\n", "\u0000\u0001\u0002",
                "GET /v1/domains HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n",
                "GET /v1/domains HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n"));
            case 8 -> "POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + auth
                + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
            default -> route.method() + " " + path + "/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + auth + "\r\n";
        };
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
