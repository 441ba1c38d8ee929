package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.JdbcStore;
import dev.askwise.server.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 connections that send a request body at 1 byte a second (a slowloris on the body) do not stop service to
 * others: the minimum data rate frees each one's thread, and an ordinary client is served meanwhile. Bounded: the
 * slow clients drip for 12 s.
 */
class SlowClientsTest {

    static final int SLOW = Integer.getInteger("askwise.slow.connections", 1000);

    @TempDir
    Path dir;

    @Test
    void slowBodiesDoNotStarveOtherClients() throws Exception {
        try (Store store = JdbcStore.sqlite(dir); AskwiseServer server = AskwiseServer.start(store,
            ServerOptions.defaults().withPort(0).withRate(0, 1), List.of())) {
            String key = ApiKeys.create(store, "acme");
            byte[] head = ("POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(
                StandardCharsets.ISO_8859_1);
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW; i++) {
                    Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), server.port());
                    s.setSoTimeout(1);
                    s.getOutputStream().write(head);
                    slow.add(s);
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                long worst = 0;
                int served = 0;
                long end = System.nanoTime() + Duration.ofSeconds(12).toNanos();
                long nextDrip = 0;
                while (System.nanoTime() < end) {
                    if (System.nanoTime() > nextDrip) {
                        for (Socket s : slow) {
                            drip(s);
                        }
                        nextDrip = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                    }
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/v1/sessions")).timeout(Duration.ofSeconds(10)).header("Authorization",
                        "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString("{\"domain\": \"hotel\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(201);
                    worst = Math.max(worst, System.nanoTime() - t0);
                    served++;
                    Thread.sleep(200);
                }
                int closed = 0;
                for (Socket s : slow) {
                    closed += answeredOrClosed(s) ? 1 : 0;
                }
                System.out.printf("SlowClientsTest: %d slow connections; %d ordinary requests served meanwhile, worst "
                    + "%.0f ms; %d slow connections answered or closed by the server%n", SLOW, served, worst / 1e6,
                    closed);
                assertThat(served).isGreaterThan(20);
                assertThat(worst).as("worst ordinary latency, ns").isLessThan(Duration.ofSeconds(5).toNanos());
                assertThat(closed).as("slow connections the server gave up on").isGreaterThan(SLOW * 9 / 10);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    private static void drip(Socket s) {
        try {
            s.getOutputStream().write(' ');
        } catch (IOException e) {
            // closed by the server: good
        }
    }

    private static boolean answeredOrClosed(Socket s) {
        try {
            s.setSoTimeout(50);
            InputStream in = s.getInputStream();
            return in.read() != -2; // any byte (an answer) or -1 (closed)
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
