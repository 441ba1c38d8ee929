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

    /** From SUSHI files in Kamishima's format (synthetic here; the real data is not redistributable). */
    @Test
    void buildsAValidSushiDomainFromTheUsersData(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectory(tmp.resolve("sushi"));
        ExperimentCommandsTest.syntheticSushi(data);
        Path out = tmp.resolve("sushi.json");
        CliRunner r = CliRunner.run("domain", "build-sushi", "--data", data.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Fitted by EM to 200 users");
        CliRunner v = CliRunner.run("domain", "validate", out.toString());
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(v.out()).contains("valid domain 'sushi' with 10 attributes");
        CliRunner missing = CliRunner.run("domain", "build-sushi", "--data", tmp.resolve("none").toString(), "--out",
            out.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("kamishima.net");
    }

    @Test
    void listsTheBuiltInDomains() {
        CliRunner r = CliRunner.run("domain", "list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("vacation", "email", "image", "hotel", "movies");
    }
}
