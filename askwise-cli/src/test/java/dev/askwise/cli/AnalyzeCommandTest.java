package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnalyzeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The documented JSON form, with the MODEL-NOTES §4 values (γ = 2: k* = 2, M(U+1) at k = 2 is 6.945388). */
    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        CliRunner r = CliRunner.run("analyze", "--n", "10", "--p", "0.5", "--eps", "0.1", "--gamma", "2", "--cost",
            "1", "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("n").asInt()).isEqualTo(10);
        assertThat(root.get("gamma").asDouble()).isEqualTo(2.0);
        assertThat(root.get("shift").asDouble()).isEqualTo(1.0);
        assertThat(root.get("kStar").asInt()).isEqualTo(2);
        JsonNode k2 = root.get("byK").get(2);
        assertThat(k2.get("ede").asDouble() + 1).isCloseTo(6.945388, within(5e-7));
        assertThat(k2.get("meanUtility").asDouble()).isCloseTo(6.56, within(1e-9));
        assertThat(k2.get("response").toString()).isEqualTo("[0,4,8]");
        assertThat(k2.get("entropyBits").asDouble()).isCloseTo(1.4998, within(1e-3));
        assertThat(k2.get("clusterMeanUtility")).hasSize(2);
        assertThat(root.get("byK")).hasSize(11);
        assertThat(root.get("adaptive").get("ede").asDouble()).isGreaterThanOrEqualTo(k2.get("ede").asDouble());
        assertThat(root.get("adaptive").get("meanQuestions").asDouble()).isBetween(0.0, 10.0);
    }

    @Test
    void maximinGammaIsTheStringInf() throws Exception {
        CliRunner r = CliRunner.run("analyze", "--gamma", "inf", "--format", "json");
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("gamma").asText()).isEqualTo("inf");
        assertThat(root.get("byK").get(3).get("response").toString()).isEqualTo("[2,3,4,5]");
    }

    @Test
    void unreachableOutcomesAreNull() throws Exception {
        JsonNode root = JSON.readTree(CliRunner.run("analyze", "--eps", "0", "--format", "json").out());
        assertThat(root.get("byK").get(2).get("response").toString()).isEqualTo("[0,null,8]");
    }

    @Test
    void tableMarksKStar() {
        CliRunner r = CliRunner.run("analyze", "--gamma", "0");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("n=10 p=0.5 eps=0.1 gamma=0 cost=1 shift=1")
            .containsPattern("\\n\\s+1\\s+7\\.380000\\s+7\\.380000.*<- k\\*")
            .contains("k* = 1: EDE 7.380000");
    }

    @Test
    void csvHasOneRowPerK() {
        CliRunner r = CliRunner.run("analyze", "--n", "4", "--format", "csv");
        assertThat(r.out().split("\n")).hasSize(6);
        assertThat(r.out()).startsWith("k,ede,meanUtility,atkinson");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--p 1.5|askwise: p must be in [0, 1]: 1.5",
        "--eps 0.7|askwise: eps must be in [0, 0.5]: 0.7",
        "--n 0|askwise: n must be in [1, 2000]: 0",
        "--n 2001|askwise: n must be in [1, 2000]: 2001",
        "--gamma -1|askwise: gamma must be in [0, 100] or inf: -1",
        "--gamma lots|askwise: gamma must be a number in [0, 100] or inf: 'lots'",
        "--cost -1|askwise: cost must be >= 0 and finite: -1.0",
        "--shift 0|askwise: shift must be in (0, 1000000]: 0", "--shift 1e300|askwise: shift must be in (0, 1000000]: 1.0E300",
        "--bogus|askwise: Unknown option: '--bogus' (see --help)",
        "--n abc|askwise: Invalid value for option '--n': 'abc' is not an int (see --help)",
        "--format xml|askwise: Invalid value for option '--format': expected one of [table, json, csv] (case-sensitive)"
            + " but was 'xml' (see --help)"})
    void badInputIsOneLineAndExitCodeTwo(String args, String message) {
        String[] argv = ("analyze " + args).split(" ");
        CliRunner r = CliRunner.run(argv);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(message);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : new String[] {"analyze", "landscape", "report", "sushi", "compare", "fit"}) {
            CliRunner r = CliRunner.run(command, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Example").contains("askwise " + command);
        }
        assertThat(CliRunner.run("--help").out()).contains("analyze", "landscape", "report", "sushi", "compare", "fit");
        assertThat(CliRunner.run().exitCode()).isEqualTo(2);
    }
}
