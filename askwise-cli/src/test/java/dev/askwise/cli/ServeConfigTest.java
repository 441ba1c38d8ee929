package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's settings: command line over environment over properties file; unknown file keys refused. */
class ServeConfigTest {

    private static ServeCommand parse(String... args) {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd;
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("askwise.properties");
        Files.writeString(file, "port=9000\nrate-limit=5\nburst=7\ndata-dir=" + dir.resolve("db") + "\n");
        ServeCommand cmd = parse("--config", file.toString(), "--port", "9100");
        cmd.applyConfig(Map.of("ASKWISE_RATE_LIMIT", "50", "ASKWISE_MAX_THREADS", "64"));
        assertThat(cmd.port).isEqualTo(9100);
        assertThat(cmd.rateLimit).isEqualTo(50.0);
        assertThat(cmd.burst).isEqualTo(7);
        assertThat(cmd.maxThreads).isEqualTo(64);
        assertThat(cmd.storeOptions.dataDir).isEqualTo(dir.resolve("db"));
        assertThat(cmd.host).isEqualTo("127.0.0.1");
    }

    @Test
    void misspeltSettingsAndBadValuesAreErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.properties");
        Files.writeString(file, "rate_limit=5\n");
        assertThatThrownBy(() -> parse("--config", file.toString()).applyConfig(Map.of()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown setting 'rate_limit'");
        assertThatThrownBy(() -> parse().applyConfig(Map.of("ASKWISE_PORT", "eighty")))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid value for port: 'eighty'");
    }
}
