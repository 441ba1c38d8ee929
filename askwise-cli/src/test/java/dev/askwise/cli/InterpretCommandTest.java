package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code askwise interpret}, in process (issue 11, point 3). */
class InterpretCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void singleTextPrintsEveryAttributeSettled() {
        CliRunner r = CliRunner.run("interpret", "--domain", "hotel", "--attribute", "price",
            "Mid-range and downtown is great.");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("price = mid").contains("area = downtown").contains("from \"Mid-range\"");
        CliRunner nothing = CliRunner.run("interpret", "--domain", "hotel", "--attribute", "price", "xyzzy");
        assertThat(nothing.out().trim()).isEqualTo("nothing understood");
    }

    @Test
    void singleTextAsJson() throws Exception {
        CliRunner r = CliRunner.run("interpret", "--domain", "movies", "--format", "json",
            "no romance, a scary film please");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.get("understood").get("romance").asText()).isEqualTo("dislikes");
        assertThat(n.get("understood").get("horror").asText()).isEqualTo("likes");
        assertThat(n.get("confidence").get("horror").asDouble()).isBetween(0.5, 1.0);
        assertThat(n.has("attribute")).isFalse();
    }

    @Test
    void inputFileWritesResultsAndScoresLabelledLines(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("cases.jsonl");
        Files.write(in, List.of(
            "{\"id\": \"1\", \"domain\": \"hotel\", \"attribute\": \"price\", \"text\": \"cheap please\", "
                + "\"expected\": \"low\", \"category\": \"direct\"}",
            "{\"id\": \"2\", \"domain\": \"hotel\", \"attribute\": \"area\", \"text\": \"whatever\", "
                + "\"expected\": \"indifferent\", \"category\": \"indifference\"}",
            "{\"id\": \"3\", \"domain\": \"hotel\", \"attribute\": \"chain\", \"text\": \"what time is it\", "
                + "\"expected\": \"none\", \"category\": \"off-topic\"}",
            "",
            "{\"id\": \"4\", \"domain\": \"hotel\", \"text\": \"a cheap hotel downtown\", "
                + "\"expected\": {\"price\": \"low\", \"area\": \"downtown\"}, \"category\": \"request\"}",
            "{\"id\": \"5\", \"domain\": \"hotel\", \"attribute\": \"price\", \"text\": \"luxury\", "
                + "\"expected\": \"low\", \"category\": \"direct\"}"));
        Path out = tmp.resolve("res/results.jsonl");
        CliRunner r = CliRunner.run("interpret", "--input", in.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("5 lines interpreted").contains("answers right: 75.0% (3/4)")
            .contains("confident wrong: 25.0% (1/4)").contains("first requests exactly right: 100.0% (1/1)")
            .contains("direct: 50.0% (1/2)").contains("hotel.price: 50.0% (1/2)");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(5);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("1");
        assertThat(first.get("expected").asText()).isEqualTo("low");
        assertThat(first.get("understood").get("price").asText()).isEqualTo("low");
        assertThat(first.get("confidence").get("price").asDouble()).isGreaterThan(0.6);
        assertThat(JSON.readTree(lines.get(1)).get("understood").get("area").asText()).isEqualTo("no-preference");
        assertThat(JSON.readTree(lines.get(2)).get("understood").size()).isZero();
    }

    @Test
    void domainsDirAddsAndReplacesDomains(@TempDir Path tmp) throws Exception {
        String hotel = dev.askwise.dialogue.Domain.builtIn("hotel").toJson().replace("\"name\":\"hotel\"",
            "\"name\":\"inn\"");
        Files.writeString(tmp.resolve("inn.json"), hotel);
        CliRunner r = CliRunner.run("interpret", "--domains-dir", tmp.toString(), "--domain", "inn", "--attribute",
            "area", "downtown");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("area = downtown");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("bad.jsonl");
        Files.write(in, List.of("{\"domain\": \"hotel\", \"text\": \"x\"}", "{not json"));
        Path unknown = tmp.resolve("unknown.jsonl");
        Files.write(unknown, List.of("{\"domain\": \"spa\", \"text\": \"x\"}"));
        Path noAttr = tmp.resolve("noattr.jsonl");
        Files.write(noAttr, List.of("{\"domain\": \"hotel\", \"text\": \"x\", \"expected\": \"low\"}"));
        for (String[] args : List.of(
            new String[] {"interpret", "--domain", "spa", "cheap"},
            new String[] {"interpret", "--domain", "hotel", "--attribute", "colour", "cheap"},
            new String[] {"interpret", "cheap"},
            new String[] {"interpret", "--input", in.toString()},
            new String[] {"interpret", "--input", in.toString(), "--out", tmp.resolve("o.jsonl").toString()},
            new String[] {"interpret", "--input", unknown.toString(), "--out", tmp.resolve("o.jsonl").toString()},
            new String[] {"interpret", "--input", noAttr.toString(), "--out", tmp.resolve("o.jsonl").toString()},
            new String[] {"interpret", "--input", tmp.resolve("missing.jsonl").toString(), "--out", "o.jsonl"},
            new String[] {"interpret", "--domain", "hotel", "--llm-url", "ftp://x", "cheap"},
            new String[] {"interpret", "--domain", "hotel", "--format", "xml", "cheap"})) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + " -> " + r.err()).isEqualTo(2);
            assertThat(r.err().trim().lines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.err()).startsWith("askwise: ").doesNotContain("Exception");
        }
        CliRunner line2 = CliRunner.run("interpret", "--input", in.toString(), "--out",
            tmp.resolve("o.jsonl").toString());
        assertThat(line2.err()).contains("line 2: not valid JSON");
        java.nio.file.Path two = tmp.resolve("two.jsonl");
        java.nio.file.Files.writeString(two, "{\"domain\":\"hotel\",\"text\":\"cheap\"} {\"domain\":\"hotel\","
            + "\"text\":\"x\"}\n");
        CliRunner twice = CliRunner.run("interpret", "--input", two.toString(), "--out", tmp.resolve("t.jsonl").toString());
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err().strip()).endsWith("line 1: more than one JSON value (one object per line)");
        assertThat(CliRunner.run("interpret", "--domain", "spa", "x").err()).contains("known: email, hotel");
    }
}
