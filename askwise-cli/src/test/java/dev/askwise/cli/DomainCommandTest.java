package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainCommandTest {

    @Test
    void validateReportsEveryProblemWithItsLocation(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"format\": \"askwise.domain\", \"version\": 1, \"name\": \"x\", \"description\": \"d\","
            + " \"attributes\": [{\"name\": \"a\", \"question\": \"A?\", \"generality\": 1, \"values\": "
            + "[{\"name\": \"y\", \"description\": \"yes\"}, {\"name\": \"n\"}]}]}");
        CliRunner r = CliRunner.run("domain", "validate", bad.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ": $.attributes[0].values[1].description: must be a non-blank string: "
            + "missing").contains(bad + ": $.model: missing: a population model with its provenance")
            .contains("2 problems").doesNotContain("Exception");
        Path good = tmp.resolve("hotel.json");
        Files.writeString(good, dev.askwise.dialogue.Domain.builtIn("hotel").toJson());
        CliRunner ok = CliRunner.run("domain", "validate", good.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("valid domain 'hotel' with 5 attributes and 2 clusters");
        CliRunner missing = CliRunner.run("domain", "validate", tmp.resolve("none.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("askwise: cannot read domain file");
    }

    @Test
    void listsTheBuiltInDomains() {
        CliRunner r = CliRunner.run("domain", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("vacation", "email", "image", "hotel", "movies");
    }
}
