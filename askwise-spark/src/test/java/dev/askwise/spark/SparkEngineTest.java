package dev.askwise.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.audit.AuditReport;
import dev.askwise.data.CodedRows;
import dev.askwise.data.CsvUsers;
import dev.askwise.data.Dataset;
import dev.askwise.data.SyntheticData;
import dev.askwise.fit.FitListener;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.model.LatentClassModel;
import dev.askwise.policy.Objective;
import dev.askwise.policy.Policies;
import dev.askwise.sim.Simulator;
import dev.askwise.welfare.WelfareFunction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One local[2] session (loopback, no UI) for all tests: the Spark engine against the local one. */
class SparkEngineTest {

    static SparkSession spark;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]");
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Synthetic users with a share of values hidden at random (so missingness is modelled). */
    static Dataset users(int n, int attributes, int k, double missing, long seed) {
        CodedRows rows = SyntheticData.rows(new SyntheticData.Shape(n, attributes, 4, k), seed);
        byte[] codes = rows.codes().clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < codes.length; i++) {
            if (random.nextDouble() < missing) {
                codes[i] = 0;
            }
        }
        return CodedRows.of(rows.schema(), codes).toDataset("users");
    }

    static void assertSameFit(FitResult spark, FitResult local) {
        assertThat(spark.logLikelihood()).isCloseTo(local.logLikelihood(), within(1e-9 * Math.abs(local
            .logLikelihood())));
        assertThat(spark.iterations()).isEqualTo(local.iterations());
        assertThat(spark.converged()).isEqualTo(local.converged());
        LatentClassModel a = spark.model();
        LatentClassModel b = local.model();
        for (int z = 0; z < a.clusters(); z++) {
            assertThat(a.weight(z)).isCloseTo(b.weight(z), within(1e-9));
            for (int at = 0; at < a.schema().size(); at++) {
                assertThat(a.missingProbability(z, at)).isCloseTo(b.missingProbability(z, at), within(1e-9));
                for (int v = 0; v < a.schema().get(at).size(); v++) {
                    assertThat(a.probability(z, at, v)).isCloseTo(b.probability(z, at, v), within(1e-9));
                }
            }
        }
    }

    @Test
    void aSparkFitEqualsTheLocalFitForAnyPartitioning() {
        Dataset data = users(12_000, 12, 3, 0.1, 5);
        FitOptions options = FitOptions.builder().clusters(3).restarts(2).seed(7).maxIterations(20).build();
        FitResult local = LatentClassFitter.fit(data, options);
        for (int partitions : new int[] {1, 3}) {
            SparkUsers users = SparkUsers.of(sc, data, partitions);
            assertThat(users.partitions()).isEqualTo(partitions);
            assertSameFit(SparkEm.fit(users, options, true, FitListener.NONE), local);
            users.unpersist();
        }
    }

    @Test
    void syntheticUsersGeneratedByTheExecutorsAreTheLocalOnes() {
        SyntheticData.Shape shape = new SyntheticData.Shape(10_000, 8, 3, 2);
        SparkUsers users = SparkUsers.synthetic(sc, shape, 4, 2);
        FitOptions options = FitOptions.builder().clusters(2).restarts(1).seed(3).maxIterations(20).build();
        FitResult local = LatentClassFitter.fit(SyntheticData.rows(shape, 4), options, true, FitListener.NONE);
        assertSameFit(SparkEm.fit(users, options, true, FitListener.NONE), local);
        assertThat(users.size()).isEqualTo(10_000);
    }

    @Test
    void csvAndParquetReadByTheExecutorsFitAsTheLocalCsvLoader(@TempDir Path dir) throws Exception {
        Dataset data = users(3000, 6, 2, 0.15, 8);
        List<String> lines = new ArrayList<>();
        lines.add("colour,size,taste,price,speed,mood");
        String[][] labels = {{"red", "green", "blue", "black"}, {"s", "m", "l", "xl"}, {"sweet", "sour", "salt", "umami"},
            {"1", "2", "3", "4"}, {"slow", "fast", "faster", "fastest"}, {"calm", "glad", "sad", "mad"}};
        for (int i = 0; i < data.size(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int a = 0; a < 6; a++) {
                int v = data.value(i, a);
                sb.append(a == 0 ? "" : ",").append(v < 0 ? "" : labels[a][v]);
            }
            lines.add(sb.toString());
        }
        Path csv = dir.resolve("users.csv");
        Files.write(csv, lines);
        Dataset local = CsvUsers.load(csv);
        FitOptions options = FitOptions.builder().clusters(2).restarts(1).seed(1).maxIterations(20).build();
        FitResult expected = LatentClassFitter.fit(local, options);
        SparkUsers fromCsv = SparkUsers.csv(spark, csv.toString(), 3);
        assertThat(fromCsv.schema()).isEqualTo(local.schema());
        assertThat(fromCsv.size()).isEqualTo(3000);
        assertSameFit(SparkEm.fit(fromCsv, options, true, FitListener.NONE), expected);
        // the same users as Parquet (strings, null for missing)
        Path parquet = dir.resolve("users.parquet");
        spark.read().option("header", "true").csv(csv.toString()).write().parquet(parquet.toString());
        assertSameFit(SparkEm.fit(SparkUsers.parquet(spark, parquet.toString()), options, true, FitListener.NONE),
            expected);
    }

    @Test
    void aSparkAuditEqualsTheLocalSimulatorsReport() {
        LatentClassModel model = SyntheticData.model(new SyntheticData.Shape(1, 6, 3, 3), 2);
        Dataset users = sampledFrom(model, 400, 9);
        WelfareFunction w = WelfareFunction.of(2);
        for (String policy : List.of("voi", "random")) {
            Policies.Context ctx = new Policies.Context(6, null, 3, 5, null);
            AuditReport local = new Simulator(model, Objective.of(0.3, w, 6)).run(Policies.create(policy, ctx),
                users, 5, Map.of(), null).report();
            AuditReport distributed = SparkAudit.audit(SparkUsers.of(sc, users, 3), model, policy, 0.3, w, 3, 5);
            assertThat(distributed.users()).isEqualTo(400);
            assertThat(distributed.questionCounts()).isEqualTo(local.questionCounts());
            assertThat(distributed.utilityDistribution()).usingRecursiveComparison()
                .isEqualTo(local.utilityDistribution());
            assertThat(distributed.outputEntropyBits()).isEqualTo(local.outputEntropyBits());
            assertThat(distributed.topOutputShare()).isEqualTo(local.topOutputShare());
            assertThat(distributed.groups("cluster").keySet()).isEqualTo(local.groups("cluster").keySet());
            local.groups("cluster").forEach((g, sums) -> {
                AuditReport.Group d = distributed.groups("cluster").get(g);
                assertThat(d.users()).isEqualTo(sums.users());
                assertThat(d.utilitySum()).isCloseTo(sums.utilitySum(), within(1e-9));
                assertThat(d.questionSum()).isEqualTo(sums.questionSum());
            });
            assertThat(distributed.ede(w)).isCloseTo(local.ede(w), within(1e-12));
        }
        assertThatThrownBy(() -> SparkAudit.audit(SparkUsers.of(sc, users, 2), model, "infogain-tree", 0.3, w, 3, 5))
            .hasMessage("policy infogain-tree needs training data");
    }

    @Test
    void theMainFitsAndPrintsJsonAndRefusesBadInput(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the command stops the session it got (the test's, by getOrCreate): start it again afterwards
        int code;
        try {
            code = SparkMain.run(new String[] {"fit", "--data", "synthetic:5000,6,3,2", "--clusters", "2",
            "--restarts", "1", "--max-iterations", "20", "--master", "local[2]", "--format", "json", "--out", dir.resolve("m.json").toString()},
            new PrintWriter(out), new PrintWriter(err));
        } finally {
            start();
        }
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"logLikelihood\":", "\"iterations\":", "\"msPerIteration\":",
            "\"converged\":", "\"clusters\":2");
        assertThat(Files.exists(dir.resolve("m.json"))).isTrue();
        StringWriter err2 = new StringWriter();
        assertThat(SparkMain.run(new String[] {"fit", "--data", "synthetic:5000,6,1,2", "--out", "x.json"},
            new PrintWriter(new StringWriter()), new PrintWriter(err2))).isEqualTo(2);
        assertThat(err2.toString().trim()).isEqualTo("askwise: values must be in [2, 255]: 1");
    }

    /** Users drawn from a model (seeded); each attribute is missing with the drawn cluster's probability. */
    private static Dataset sampledFrom(LatentClassModel model, int users, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> rows = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            dev.askwise.model.PopulationModel.Draw d = model.sample(random);
            int[] row = d.profile().toArray();
            for (int a = 0; a < row.length; a++) {
                if (random.nextDouble() < model.missingProbability(d.cluster(), a)) {
                    row[a] = dev.askwise.Profile.UNKNOWN;
                }
            }
            rows.add(row);
        }
        return Dataset.of("sampled", model.schema(), rows, Map.of());
    }
}
