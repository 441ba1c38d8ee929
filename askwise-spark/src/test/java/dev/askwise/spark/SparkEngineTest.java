package dev.askwise.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.audit.AuditReport;
import dev.askwise.data.CodedRows;
import dev.askwise.data.CsvUsers;
import dev.askwise.data.Dataset;
import dev.askwise.data.SyntheticData;
import dev.askwise.data.SushiLoader;
import dev.askwise.fit.ExemplarFitter;
import dev.askwise.fit.FamilySelection;
import dev.askwise.fit.FitListener;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.model.ExemplarModel;
import dev.askwise.model.LatentClassModel;
import dev.askwise.policy.Objective;
import dev.askwise.policy.Policies;
import dev.askwise.sim.PolicyComparison;
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
        assertThat(fromCsv.mostDeclines()).isEqualTo(dev.askwise.fit.FamilySelection.mostDeclines(local))
            .isPositive();
        assertSameFit(SparkEm.fit(fromCsv, options, true, FitListener.NONE), expected);
        // the same users as Parquet (strings, null for missing)
        Path parquet = dir.resolve("users.parquet");
        spark.read().option("header", "true").csv(csv.toString()).write().parquet(parquet.toString());
        SparkUsers fromParquet = SparkUsers.parquet(spark, parquet.toString());
        assertSameFit(SparkEm.fit(fromParquet, options, true, FitListener.NONE), expected);
        assertThat(fromParquet.mostDeclines()).isEqualTo(dev.askwise.fit.FamilySelection.mostDeclines(local));
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
    void anExemplarModelBuiltFromPartitionCountsIsTheLocalOne() {
        // 4 attributes of 4 values with 5% missing: a few hundred distinct profiles, most in several partitions,
        // some seen once (the leave-one-out fit costs D² per iteration for D distinct profiles)
        Dataset data = users(6000, 4, 3, 0.05, 12);
        ExemplarFitter.Counts whole = ExemplarFitter.count(data);
        String local = ExemplarFitter.fit(data, ExemplarFitter.Options.defaults()).toJson();
        for (int partitions : new int[] {1, 3}) {
            SparkUsers users = SparkUsers.of(sc, data, partitions);
            ExemplarFitter.Counts merged = SparkExemplar.count(users);
            assertThat(merged.users()).isEqualTo(6000);
            assertThat(merged.distinct()).isEqualTo(whole.distinct()).isBetween(100, 625);
            for (int i = 0; i < data.size(); i += 97) {
                int[] profile = data.profile(i).toArray();
                assertThat(merged.count(profile)).isEqualTo(whole.count(profile));
            }
            assertThat(SparkExemplar.fit(users, ExemplarFitter.Options.defaults()).toJson()).isEqualTo(local);
            // a cap merges the rarest profiles into their nearest kept exemplar: the same ones for any partitioning
            ExemplarFitter.Options capped = new ExemplarFitter.Options(60, 1e-9, 20);
            assertThat(SparkExemplar.fit(users, capped).toJson())
                .isEqualTo(ExemplarFitter.fit(data, capped).toJson());
            users.unpersist();
        }
    }

    @Test
    void theMainFitsAndPrintsJsonAndRefusesBadInput(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the command stops the session it got (the test's, by getOrCreate): start it again afterwards
        int code;
        int exemplarCode;
        StringWriter exemplarOut = new StringWriter();
        try {
            code = SparkMain.run(new String[] {"fit", "--data", "synthetic:5000,6,3,2", "--clusters", "2",
            "--restarts", "1", "--max-iterations", "20", "--master", "local[2]", "--format", "json", "--out", dir.resolve("m.json").toString()},
            new PrintWriter(out), new PrintWriter(err));
            // what askwise fit --model exemplar --engine spark runs
            exemplarCode = SparkMain.run(new String[] {"fit", "--model", "exemplar", "--data", "synthetic:4000,5,3,3",
                "--seed", "6", "--master", "local[2]", "--partitions", "3", "--out", dir.resolve("e.json").toString()},
                new PrintWriter(exemplarOut), new PrintWriter(err));
        } finally {
            start();
        }
        assertThat(code).as(err.toString()).isZero();
        assertThat(exemplarCode).as(err.toString()).isZero();
        ExemplarModel local = ExemplarFitter.fit(SyntheticData.rows(new SyntheticData.Shape(4000, 5, 3, 3), 6)
            .toDataset("users"), ExemplarFitter.Options.defaults());
        assertThat(Files.readString(dir.resolve("e.json"))).isEqualTo(local.toJson());
        assertThat(exemplarOut.toString()).contains("4000 users, exemplar model with " + local.components()
            + " components");
        assertThat(out.toString()).contains("\"logLikelihood\":", "\"iterations\":", "\"msPerIteration\":",
            "\"converged\":", "\"clusters\":2");
        assertThat(Files.exists(dir.resolve("m.json"))).isTrue();
        StringWriter err2 = new StringWriter();
        assertThat(SparkMain.run(new String[] {"fit", "--data", "synthetic:5000,6,1,2", "--out", "x.json"},
            new PrintWriter(new StringWriter()), new PrintWriter(err2))).isEqualTo(2);
        assertThat(err2.toString().trim()).isEqualTo("askwise: values must be in [2, 255]: 1");
    }

    /** 150 users in Kamishima's SUSHI format whose rankings come from two taste groups (as the CLI's tests). */
    static Path sushiFiles(Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder order = new StringBuilder("10 1\n");
        StringBuilder users = new StringBuilder();
        for (int u = 0; u < 150; u++) {
            int group = random.nextInt(3) == 0 ? 1 : 0;
            double[] score = new double[10];
            Integer[] items = new Integer[10];
            for (int i = 0; i < 10; i++) {
                score[i] = (group == 0 ? 10 - i : i) + 3 * random.nextGaussian();
                items[i] = i;
            }
            java.util.Arrays.sort(items, (a, b) -> Double.compare(score[b], score[a]));
            order.append("0 10");
            for (int i : items) {
                order.append(' ').append(i);
            }
            order.append('\n');
            users.append(u).append("\t").append(u % 2).append("\t").append(u % 6).append("\t300\t1\t1\t0\t1\t1\t")
                .append(group).append("\t0\n");
        }
        Files.writeString(dir.resolve("sushi3a.5000.10.order"), order);
        Files.writeString(dir.resolve("sushi3.udata"), users);
        return dir;
    }

    @Test
    void compareOnSparkGivesTheLocalComparison(@TempDir Path dir) throws Exception {
        sushiFiles(dir);
        String policies = "voi,infogain-tree,never-ask,random,oracle"; // engine: askwise-cli SparkEngineCommandsTest
        PolicyComparison.Options options = new PolicyComparison.Options(List.of(policies.split(",")), 0.3,
            new double[] {0, Double.POSITIVE_INFINITY}, 2, 2, 3, FamilySelection.Family.LATENT_CLASS);
        Dataset data = SushiLoader.loadTopT(dir, 2);
        PolicyComparison.Result local = PolicyComparison.run(data, options, null);
        // the command askwise compare --engine spark runs, handing its result back in a file
        Path file = dir.resolve("compare.result");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            code = SparkMain.run(new String[] {"compare", "--data", "sushi:" + dir, "--policies", policies, "--cost",
                "0.3", "--gamma", "0,inf", "--folds", "2", "--model", "latent-class", "--clusters", "2", "--seed", "3",
                "--master", "local[2]", "--partitions", "3", "--result", file.toString()},
                new PrintWriter(out), new PrintWriter(err));
        } finally {
            start();
        }
        assertThat(code).as(err.toString()).isZero();
        PolicyComparison.Result distributed = PolicyComparison.Result.read(file);
        assertThat(distributed.rows()).hasSize(10);
        // every report equal: counts, histograms and group sums exactly (the same chunks added in the same order)
        assertThat(distributed.rows()).isEqualTo(local.rows());
        assertThat(distributed.frontier()).isEqualTo(local.frontier());
        assertThat(distributed.voiFrontier()).isEqualTo(local.voiFrontier());
        assertThat(distributed.clusters()).isEqualTo(local.clusters());
        assertThat(distributed.family()).isEqualTo(local.family());
        assertThat(distributed.dataHash()).isEqualTo(local.dataHash());
        assertThat(distributed.models()).isEqualTo(local.models());
        assertThat(distributed.complete()).isTrue();
        assertThat(out.toString()).isEqualTo(local.table(0.3)).contains("voi", "oracle");
        // the library call, on another partitioning
        assertThat(SparkCompare.run(sc, data, options, 2).rows()).isEqualTo(local.rows());
        StringWriter err2 = new StringWriter();
        assertThat(SparkMain.run(new String[] {"compare", "--data", "synthetic:100,5,3,2"},
            new PrintWriter(new StringWriter()), new PrintWriter(err2))).isEqualTo(2);
        assertThat(err2.toString().trim())
            .isEqualTo("askwise: compare: --data must be movielens[:DIR] or sushi:DIR: 'synthetic:100,5,3,2'");
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
