package dev.askwise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop load generator for the HTTP API on loopback: each of T threads creates a session and answers its
 * questions (first option) until it proceeds, again and again, for S seconds; it reports sessions created and answer
 * steps processed per second, and latency percentiles. Run against a server started separately:
 * <pre>
 * ./askwise serve --port 18080 --data-dir /tmp/load-db --rate-limit 0   # prints the API key; no per-key limit
 * java -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) dev.askwise.bench.LoadTest \
 *     http://127.0.0.1:18080 KEY 30 8 hotel
 * </pre>
 */
public final class LoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadTest() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String key = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        String domain = args.length > 4 ? args[4] : "hotel";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> creates = new ArrayList<>();
        List<long[]> answers = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long[][] counts = new long[threads][3];
        for (int t = 0; t < threads; t++) {
            long[] c = new long[2_000_000];
            long[] a = new long[2_000_000];
            creates.add(c);
            answers.add(a);
            final int id = t;
            Thread w = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        JsonNode r = post(http, url + "/v1/sessions", key, "{\"domain\":\"" + domain
                            + "\",\"request\":\"a hotel please\",\"cost\":0.02}");
                        c[(int) counts[id][0]++] = System.nanoTime() - t0;
                        String sid = r.get("session").get("id").asText();
                        JsonNode step = r.get("step");
                        while (step.get("type").asText().equals("ask") && !stop.get()) {
                            String value = step.get("options").get(0).get("value").asText();
                            long t1 = System.nanoTime();
                            JsonNode next = post(http, url + "/v1/sessions/" + sid + "/answers", key,
                                "{\"value\":\"" + value + "\"}");
                            a[(int) counts[id][1]++] = System.nanoTime() - t1;
                            step = next.get("step");
                        }
                    }
                } catch (Exception e) {
                    counts[id][2]++;
                    System.err.println("worker " + id + ": " + e);
                }
            });
            workers.add(w);
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] c = merge(creates, counts, 0);
        long[] a = merge(answers, counts, 1);
        System.out.printf(Locale.ROOT, "%d threads, %.1f s, domain %s: %d sessions (%.0f/s), %d answer steps (%.0f/s);"
            + " answer latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; create p50 %.2f ms, p99 %.2f ms; errors %d%n",
            threads, elapsed, domain, c.length, c.length / elapsed, a.length, a.length / elapsed, pct(a, 50),
            pct(a, 99), pct(a, 100), pct(c, 50), pct(c, 99), Arrays.stream(counts).mapToLong(x -> x[2]).sum());
    }

    private static JsonNode post(HttpClient http, String url, String key, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization",
            "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static long[] merge(List<long[]> parts, long[][] counts, int which) {
        int total = 0;
        for (long[] c : counts) {
            total += (int) c[which];
        }
        long[] out = new long[total];
        int k = 0;
        for (int t = 0; t < parts.size(); t++) {
            System.arraycopy(parts.get(t), 0, out, k, (int) counts[t][which]);
            k += (int) counts[t][which];
        }
        Arrays.sort(out);
        return out;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
