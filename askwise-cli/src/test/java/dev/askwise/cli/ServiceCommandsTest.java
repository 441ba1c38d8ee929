package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.store.JdbcStore;
import dev.askwise.server.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCommandsTest {

    @Test
    void keysCreatePrintsAKeyWhoseHashIsStored(@TempDir Path dir) {
        CliRunner r = CliRunner.run("keys", "create", "--tenant", "acme", "--data-dir", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String key = r.out().strip();
        assertThat(key).startsWith("aw_").hasSize(51);
        try (Store store = JdbcStore.sqlite(dir)) {
            assertThat(store.tenantOfKey(ApiKeys.hash(key))).contains("acme");
        }
        CliRunner bad = CliRunner.run("keys", "create", "--tenant", "Bad Tenant", "--data-dir", dir.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("askwise: tenant must match [a-z0-9][a-z0-9_-]{0,63}: 'Bad Tenant'");
    }

    @Test
    void refitWritesAValidDomainOrSaysThereIsNoFeedback(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("hotel-refit.json");
        CliRunner none = CliRunner.run("refit", "--domain", "hotel", "--data-dir", dir.resolve("db").toString(),
            "--out", out.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().strip()).isEqualTo("askwise: no feedback for domain 'hotel' of tenant 'local'");
        try (Store store = JdbcStore.sqlite(dir.resolve("db"))) {
            String id = UUID.randomUUID().toString();
            store.createSession(new Store.StoredSession(id, "local", "hotel", null,
                "{\"domain\":\"hotel\",\"cost\":0.3,\"stated\":{\"price\":\"low\"},\"remembered\":{},"
                + "\"answered\":{}}", 1)); // a stored state of version 1 (every stored state names its domain and cost)
            store.addFeedback(new Store.Feedback(UUID.randomUUID().toString(), "local", id, "hotel", "chain",
                "local"));
        }
        CliRunner r = CliRunner.run("refit", "--domain", "hotel", "--samples", "300", "--data-dir",
            dir.resolve("db").toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 sessions with feedback");
        CliRunner validate = CliRunner.run("domain", "validate", out.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(Files.readString(out)).contains("Refitted by EM");
    }

    @Test
    void aPortInUseIsOneLineOfBadInput(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
            java.net.InetAddress.getLoopbackAddress())) {
            CliRunner r = CliRunner.run("serve", "--port", Integer.toString(taken.getLocalPort()), "--data-dir",
                dir.toString());
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err().lines().filter(l -> !l.isBlank()).toList()).containsExactly("askwise: --port "
                + taken.getLocalPort() + " on 127.0.0.1 is already in use (another server?): stop it or choose another "
                + "port");
        }
    }
}
