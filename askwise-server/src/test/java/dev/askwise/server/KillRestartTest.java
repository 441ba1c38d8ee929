package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server process killed (SIGKILL) mid-session loses nothing: a new process on the same database continues. */
class KillRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    record Server(Process process, int port, String key) {
    }

    Server launch(String name) throws Exception {
        Path portFile = dir.resolve(name + ".port");
        Path keyFile = dir.resolve(name + ".key");
        // the class path goes in an argument file: ONNX Runtime 1.29 (the embedding model of the answer interpreter)
        // crashes natively when the process's command line is longer than about 4 KiB
        Path argFile = dir.resolve(name + ".args");
        Files.writeString(argFile, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + argFile, ServerMain.class.getName(), dir.resolve("db").toString(), portFile.toString(),
            keyFile.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            assertThat(p.isAlive()).as("server process is running: " + Files.readString(dir.resolve(name + ".log")))
                .isTrue();
            assertThat(System.nanoTime()).as("server started in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        return new Server(p, Integer.parseInt(Files.readString(portFile).trim()), Files.readString(keyFile).trim());
    }

    JsonNode call(Server s, String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
            .header("Authorization", "Bearer " + s.key()).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return JSON.readTree(r.body());
    }

    @Test
    void killedMidSessionThenRestarted() throws Exception {
        Server first = launch("first");
        JsonNode created = call(first, "POST", "/v1/sessions", "{\"domain\": \"email\", \"cost\": 0.01}");
        String id = created.get("session").get("id").asText();
        JsonNode after = call(first, "POST", "/v1/sessions/" + id + "/answers", "{\"text\": \"yes\"}");
        first.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(first.process().isAlive()).isFalse();

        Server second = launch("second");
        try {
            // the session belongs to tenant 'local', whose new key the second process issued
            JsonNode resumed = call(second, "GET", "/v1/sessions/" + id, null);
            assertThat(resumed.get("session").get("answered")).isEqualTo(after.get("session").get("answered"));
            assertThat(resumed.get("step")).isEqualTo(after.get("step"));
            JsonNode next = call(second, "POST", "/v1/sessions/" + id + "/answers", "{\"skip\": true}");
            assertThat(next.get("session").get("questions").asInt()).isEqualTo(2);
        } finally {
            second.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
