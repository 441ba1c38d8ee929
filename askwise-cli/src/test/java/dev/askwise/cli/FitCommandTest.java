package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.data.SyntheticData;
import dev.askwise.fit.FitListener;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.io.Json;
import dev.askwise.model.LatentClassModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {

    private static final String ML = "movielens:" + Path.of("..", "data", "movielens", "ml-latest-small");

    @Test
    void fitsAndSavesALoadableModel(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("m.json");
        CliRunner r = CliRunner.run("fit", "--data", ML, "--clusters", "3", "--seed", "4", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("movielens: 610 users, K=3 (given)").contains("converged=true");
        LatentClassModel m = LatentClassModel.fromJson(Files.readString(out));
        assertThat(m.clusters()).isEqualTo(3);
        assertThat(m.schema().size()).isEqualTo(12);
        // same seed, same model
        Path again = tmp.resolve("again.json");
        CliRunner.run("fit", "--data", ML, "--clusters", "3", "--seed", "4", "--out", again.toString());
        assertThat(Files.readString(again)).isEqualTo(Files.readString(out));
    }

    @Test
    void autoPrintsAnAlignedTableOfEveryCandidateAndSavesTheChosenOne(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("auto.json");
        CliRunner r = CliRunner.run("fit", "--data", ML, "--model", "auto", "--kmax", "3", "--seed", "3", "--out",
            out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        java.util.List<String> lines = r.out().lines().toList();
        int head = lines.indexOf(dev.askwise.fit.FamilySelection.Candidate.header());
        assertThat(head).as(r.out()).isGreaterThanOrEqualTo(0);
        java.util.List<String> rows = lines.subList(head + 1, head + 5);
        assertThat(rows).extracting(l -> l.split(" +")[0])
            .containsExactly("latent-class", "latent-class", "latent-class", "exemplar");
        assertThat(rows.subList(0, 3)).extracting(l -> l.split(" +")[1]).containsExactly("1", "2", "3");
        // every column ends where its head ends
        String header = lines.get(head);
        for (String row : rows) {
            assertThat(row.replace("  <- chosen", "")).hasSameSizeAs(header);
            assertThat(row.charAt(header.indexOf("size") + 3)).isNotEqualTo(' ');
        }
        assertThat(rows).filteredOn(l -> l.endsWith("<- chosen")).hasSize(1);
        String chosen = rows.stream().filter(l -> l.endsWith("<- chosen")).findFirst().orElseThrow();
        String family = chosen.split(" +")[0];
        assertThat(lines.get(head + 5)).contains(family + " model with " + chosen.split(" +")[1] + " components");
        assertThat(dev.askwise.model.PopulationModel.fromJson(Files.readString(out)).family()).isEqualTo(family);
    }

    @Test
    void reportsNonConvergenceAndBadInput(@TempDir Path tmp) {
        CliRunner r = CliRunner.run("fit", "--data", ML, "--clusters", "4", "--max-iterations", "2", "--restarts", "1",
            "--out", tmp.resolve("m.json").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("converged=false");
        assertThat(r.err()).contains("warning: EM did not converge within 2 iterations");
        CliRunner bad = CliRunner.run("fit", "--data", ML, "--clusters", "many", "--out", tmp.resolve("x").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("askwise: --clusters must be a positive integer or auto: 'many'");
        CliRunner zero = CliRunner.run("fit", "--data", ML, "--clusters", "0", "--out", tmp.resolve("x").toString());
        assertThat(zero.err().strip()).isEqualTo("askwise: --clusters must be in [1, 1000] or auto: 0");
        CliRunner kmax = CliRunner.run("fit", "--data", ML, "--kmax", "1001", "--out", tmp.resolve("x").toString());
        assertThat(kmax.err().strip()).as("refused before EM runs: no log line first")
            .isEqualTo("askwise: --kmin and --kmax must satisfy 1 <= kmin <= kmax <= 1000: 1..1001");
    }

    @Test
    void fitsSyntheticUsersAndPrintsJson(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("s.json");
        CliRunner r = CliRunner.run("fit", "--data", "synthetic:3000,8,3,2", "--clusters", "2", "--restarts", "2",
            "--seed", "5", "--format", "json", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.out().strip());
        assertThat(json.keySet()).contains("logLikelihood", "iterations", "msPerIteration", "converged", "clusters");
        assertThat(json.get("clusters")).isEqualTo(2.0);
        assertThat(json.get("users")).isEqualTo(3000.0);
        assertThat((Double) json.get("logLikelihood")).isNegative();
        assertThat((Double) json.get("msPerIteration")).isPositive();
        LatentClassModel m = LatentClassModel.fromJson(Files.readString(out));
        assertThat(m.schema().size()).isEqualTo(8);
        // the same as the library's fit of the same generated users
        FitResult lib = LatentClassFitter.fit(SyntheticData.rows(new SyntheticData.Shape(3000, 8, 3, 2), 5),
            FitOptions.builder().clusters(2).restarts(2).seed(5).build(), true, FitListener.NONE);
        assertThat(json.get("logLikelihood")).isEqualTo(lib.logLikelihood());
    }

    @Test
    void badEngineFormatAndSyntheticShapesAreOneLineErrors(@TempDir Path tmp) {
        String x = tmp.resolve("x.json").toString();
        assertThat(CliRunner.run("fit", "--data", "synthetic:100,5,1,2", "--clusters", "2", "--out", x).err().strip())
            .isEqualTo("askwise: values must be in [2, 255]: 1");
        assertThat(CliRunner.run("fit", "--data", "synthetic:100,5", "--out", x).err().strip()).isEqualTo(
            "askwise: synthetic data must be USERS,ATTRIBUTES,VALUES,K (for example 100000,50,4,10): '100,5'");
        assertThat(CliRunner.run("fit", "--data", "synthetic:0,5,3,2", "--out", x).err().strip())
            .isEqualTo("askwise: users must be in [1, 2147483647]: 0");
        CliRunner engine = CliRunner.run("fit", "--data", ML, "--engine", "flink", "--out", x);
        assertThat(engine.exitCode()).isEqualTo(2);
        assertThat(engine.err().strip()).isEqualTo("askwise: --engine must be local or spark: 'flink'");
        assertThat(CliRunner.run("fit", "--data", ML, "--format", "xml", "--out", x).err().strip())
            .isEqualTo("askwise: --format must be text or json: 'xml'");
        assertThat(CliRunner.run("fit", "--data", ML, "--master", "local[2]", "--out", x).err().strip())
            .isEqualTo("askwise: --master needs --engine spark: 'local[2]'");
    }

    @Test
    void tooFewUsersToHoldAnyOutSayWhatNeedsThem(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("tiny.csv");
        Files.writeString(csv, "a,b,c\n0,1,0\n1,0,1\n1,1,0\n");
        String data = "csv:" + csv;
        String out = tmp.resolve("m.json").toString();
        CliRunner heldOut = CliRunner.run("fit", "--data", data, "--criterion", "heldout", "--out", out);
        assertThat(heldOut.exitCode()).isEqualTo(2);
        assertThat(heldOut.err().lines().filter(l -> l.startsWith("askwise:")).toList()).containsExactly(
            "askwise: choosing K by held-out likelihood (5-fold) needs at least 5 users: 3");
        CliRunner auto = CliRunner.run("fit", "--data", data, "--model", "auto", "--out", out);
        assertThat(auto.exitCode()).isEqualTo(2);
        assertThat(auto.err().strip()).isEqualTo(
            "askwise: choosing a model by held-out likelihood needs at least 5 users: 3");
        // one family and size given: nothing is chosen, so nothing is held out
        CliRunner exemplar = CliRunner.run("fit", "--data", data, "--model", "exemplar", "--out", out);
        assertThat(exemplar.exitCode()).as(exemplar.err()).isZero();
        assertThat(dev.askwise.model.PopulationModel.fromJson(Files.readString(Path.of(out))).family())
            .isEqualTo("exemplar");
        CliRunner given = CliRunner.run("fit", "--data", data, "--model", "latent-class", "--clusters", "2", "--out",
            out);
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(LatentClassModel.fromJson(Files.readString(Path.of(out))).clusters()).isEqualTo(2);
    }

    @Test
    void unreadableInputFilesAreBadInputInPlainWords(@TempDir Path tmp) throws Exception {
        Path latin1 = tmp.resolve("latin1.csv");
        Files.write(latin1, "caf\u00e9,b\n1,0\n0,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRunner notUtf8 = CliRunner.run("fit", "--data", "csv:" + latin1, "--out", tmp.resolve("m.json").toString());
        assertThat(notUtf8.exitCode()).isEqualTo(2);
        assertThat(notUtf8.err().lines().filter(l -> l.startsWith("askwise:")).toList())
            .containsExactly("askwise: cannot read " + latin1 + ": not UTF-8 text");
        CliRunner missing = CliRunner.run("interpret", "--input", tmp.resolve("nope.jsonl").toString(), "--out",
            tmp.resolve("r.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("askwise: cannot read --input " + tmp.resolve("nope.jsonl")
            + ": no such file");
        CliRunner directory = CliRunner.run("interpret", "--input", tmp.toString(), "--out",
            tmp.resolve("r.jsonl").toString());
        assertThat(directory.exitCode()).isEqualTo(2);
        assertThat(directory.err().strip()).startsWith("askwise: cannot read --input " + tmp).endsWith("directory");
        // an output that cannot be written stays a failure of the run, not of the input
        Path csv = tmp.resolve("ok.csv");
        Files.writeString(csv, "a,b\n1,0\n0,1\n1,1\n");
        CliRunner out = CliRunner.run("fit", "--data", "csv:" + csv, "--out", tmp.toString());
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.err().lines().filter(l -> l.startsWith("askwise:")).toList())
            .containsExactly("askwise: cannot write " + tmp + ": " + tmp + ": Is a directory");
    }
}
