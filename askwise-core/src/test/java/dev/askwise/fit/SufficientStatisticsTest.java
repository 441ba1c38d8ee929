package dev.askwise.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.data.CodedRows;
import dev.askwise.data.Dataset;
import dev.askwise.data.SampledUsers;
import dev.askwise.data.SyntheticData;
import dev.askwise.model.LatentClassModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SufficientStatisticsTest {

    /** Synthetic users (4 values per attribute) with a share of values hidden at random. */
    static CodedRows withMissing(int users, int attributes, int clusters, double missing, long seed) {
        CodedRows rows = SyntheticData.rows(new SyntheticData.Shape(users, attributes, 4, clusters), seed);
        byte[] codes = rows.codes().clone();
        SplittableRandom random = new SplittableRandom(seed + 1);
        for (int i = 0; i < codes.length; i++) {
            if (random.nextDouble() < missing) {
                codes[i] = 0;
            }
        }
        return CodedRows.of(rows.schema(), codes);
    }

    /** Users of a random model whose attributes have 2 to 200 values (groups of 1 to 6 attributes), 10% missing. */
    static Dataset mixedSizes(int users, long seed) {
        int[] sizes = {2, 3, 7, 30, 2, 2, 2, 4, 200, 2, 2, 5, 3};
        SplittableRandom random = new SplittableRandom(seed);
        List<dev.askwise.Attribute> attrs = new ArrayList<>();
        for (int a = 0; a < sizes.length; a++) {
            List<String> vs = new ArrayList<>();
            for (int v = 0; v < sizes[a]; v++) {
                vs.add("v" + v);
            }
            attrs.add(new dev.askwise.Attribute("a" + a, vs));
        }
        int k = 3;
        double[][][] theta = new double[k][sizes.length][];
        double[][] miss = new double[k][sizes.length];
        for (int z = 0; z < k; z++) {
            for (int a = 0; a < sizes.length; a++) {
                theta[z][a] = new double[sizes[a]];
                double t = 0;
                for (int v = 0; v < sizes[a]; v++) {
                    theta[z][a][v] = 0.05 + random.nextDouble();
                    t += theta[z][a][v];
                }
                for (int v = 0; v < sizes[a]; v++) {
                    theta[z][a][v] /= t;
                }
                miss[z][a] = 0.1;
            }
        }
        LatentClassModel m = LatentClassModel.of(dev.askwise.Schema.of(attrs), new double[] {0.5, 0.3, 0.2}, theta,
            miss);
        return SampledUsers.from(m, users, seed);
    }

    private static EmParameters someParameters(CodedRows rows, int k, boolean missing) {
        SufficientStatistics start = LatentClassFitter.start(rows, RestartSeed.of(5, 1).get(0), k);
        return EmParameters.maximise(start, 0.5, missing);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void statisticsOfChunksMergedInAnyOrderEqualOnePass(long seed) {
        CodedRows rows = withMissing(3000, 12, 4, 0.15, seed);
        EmParameters p = someParameters(rows, 4, true);
        int[] sizes = CodedRows.sizes(rows.schema());
        SufficientStatistics single = SufficientStatistics.empty(sizes, 4).accumulate(p, rows.codes(), 0, rows.size());
        SplittableRandom random = new SplittableRandom(seed);
        List<SufficientStatistics> parts = new ArrayList<>();
        int from = 0;
        while (from < rows.size()) {
            int to = Math.min(rows.size(), from + 1 + random.nextInt(700));
            parts.add(SufficientStatistics.empty(sizes, 4).accumulate(p, rows.codes(), from, to));
            from = to;
        }
        Collections.shuffle(parts, new java.util.Random(seed));
        SufficientStatistics merged = SufficientStatistics.empty(sizes, 4);
        parts.forEach(merged::merge);
        assertThat(merged.users()).isEqualTo(3000);
        assertThat(merged.maxRelativeDifference(single)).isLessThan(1e-12);
        // and the local parallel pass (chunks of 4096 on all cores) gives the same
        assertThat(LatentClassFitter.pass(rows, p).maxRelativeDifference(single)).isLessThan(1e-12);
        // per cluster the counts of each attribute (values and missing) add up to the cluster's expected users
        for (int z = 0; z < 4; z++) {
            double s = merged.missingCount(3, z);
            for (int v = 0; v < 4; v++) {
                s += merged.count(3, v, z);
            }
            assertThat(s).isCloseTo(merged.weight(z), within(1e-9));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theLogLikelihoodOfAPassIsTheModelsLogLikelihood(boolean mixed) {
        CodedRows rows = mixed ? CodedRows.of(mixedSizes(500, 4)) : withMissing(500, 8, 3, 0.2, 4);
        EmParameters p = someParameters(rows, 3, true);
        LatentClassModel model = p.toModel(rows.schema());
        double expected = LatentClassFitter.logLikelihood(model, rows.toDataset("t"));
        assertThat(LatentClassFitter.pass(rows, p).logLikelihood()).isCloseTo(expected,
            within(1e-10 * Math.abs(expected)));
    }

    /**
     * The fused, flat, byte-coded EM reaches the same fixed point as the previous implementation ({@link
     * ReferenceFitter}, kept verbatim): same random starts, same iterations, log-likelihood equal to 1e-9 relative.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fitEqualsThePreviousImplementation(boolean modelMissing) {
        List<Dataset> datasets = List.of(LatentClassFitterTest.paperSample(2000, 0.2, 3),
            withMissing(3000, 15, 3, 0.1, 7).toDataset("synthetic"), mixedSizes(2000, 3), SyntheticData.rows(
                new SyntheticData.Shape(2500, 10, 3, 4), 11).toDataset("complete"));
        for (Dataset data : datasets) {
            FitOptions options = FitOptions.builder().clusters(3).restarts(3).seed(9).build();
            FitResult fast = LatentClassFitter.fit(data, options, modelMissing);
            FitResult old = ReferenceFitter.fit(data, options, modelMissing);
            assertThat(fast.logLikelihood()).isCloseTo(old.logLikelihood(), within(1e-9 * Math.abs(old
                .logLikelihood())));
            assertThat(fast.iterations()).isEqualTo(old.iterations());
            assertThat(fast.converged()).isEqualTo(old.converged());
            assertThat(fast.bic()).isCloseTo(old.bic(), within(1e-9 * Math.abs(old.bic())));
            for (int r = 0; r < 3; r++) {
                assertThat(fast.restartObjectives().get(r)).isCloseTo(old.restartObjectives().get(r),
                    within(1e-9 * Math.abs(old.restartObjectives().get(r))));
            }
            LatentClassModel a = fast.model();
            LatentClassModel b = old.model();
            assertThat(a.modelsMissing()).isEqualTo(b.modelsMissing());
            for (int z = 0; z < 3; z++) {
                assertThat(a.weight(z)).isCloseTo(b.weight(z), within(1e-7));
                for (int at = 0; at < data.schema().size(); at++) {
                    assertThat(a.missingProbability(z, at)).isCloseTo(b.missingProbability(z, at), within(1e-7));
                    for (int v = 0; v < data.schema().get(at).size(); v++) {
                        assertThat(a.probability(z, at, v)).isCloseTo(b.probability(z, at, v), within(1e-7));
                    }
                }
            }
        }
    }

    @Test
    void theFitDoesNotDependOnTheNumberOfThreads() throws Exception {
        CodedRows rows = withMissing(20_000, 10, 3, 0.1, 2);
        FitOptions options = FitOptions.builder().clusters(3).restarts(1).seed(4).maxIterations(30).build();
        String all = LatentClassFitter.fit(rows, options, true, FitListener.NONE).model().toJson();
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            String single = one.submit(() -> LatentClassFitter.fit(rows, options, true, FitListener.NONE).model()
                .toJson()).get();
            assertThat(single).isEqualTo(all);
        } finally {
            one.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void groupedRowsGiveTheCodedRowsStatisticsBitForBit(long seed) {
        // attributes of 2 to 255 values: groups of several attributes, and single ones whose slots fill a whole byte
        SplittableRandom random = new SplittableRandom(seed);
        int[] sizes = {2, 3, 255, 4, 4, 4, 2, 2, 2, 2, 7, 130, 5};
        int n = 2500;
        byte[] codes = new byte[n * sizes.length];
        long missing = 0;
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < sizes.length; a++) {
                int c = random.nextDouble() < 0.1 ? 0 : 1 + random.nextInt(sizes[a]);
                codes[i * sizes.length + a] = (byte) c;
                missing += c == 0 ? 1 : 0;
            }
        }
        List<dev.askwise.Attribute> attrs = new ArrayList<>();
        for (int a = 0; a < sizes.length; a++) {
            List<String> values = new ArrayList<>();
            for (int v = 0; v < sizes[a]; v++) {
                values.add("v" + v);
            }
            attrs.add(new dev.askwise.Attribute("a" + a, values));
        }
        CodedRows rows = CodedRows.of(dev.askwise.Schema.of(attrs), codes);
        EmParameters p = someParameters(rows, 5, true);
        SufficientStatistics raw = SufficientStatistics.empty(sizes, 5).accumulate(p, codes, 100, 2400);
        GroupedRows grouped = GroupedRows.of(rows);
        assertThat(grouped.size()).isEqualTo(n);
        SufficientStatistics viaGroups = SufficientStatistics.empty(sizes, 5).accumulate(p, grouped, 100, 2400);
        assertThat(viaGroups.maxRelativeDifference(raw)).isZero();
        assertThat(viaGroups.logLikelihood()).isEqualTo(raw.logLikelihood());
        SufficientStatistics all = LatentClassFitter.pass(grouped, p);
        assertThat(all.missingValues()).isEqualTo(missing);
        assertThat(all.maxRelativeDifference(LatentClassFitter.pass(rows, p))).isZero();
        assertThatThrownBy(() -> SufficientStatistics.empty(sizes, 5).accumulate(p, grouped, 10, 2501))
            .hasMessage("rows must satisfy 0 <= from <= to <= 2500: 10..2501");
        assertThatThrownBy(() -> GroupedRows.of(new int[] {2, 1}, codes, 0, 1))
            .hasMessage("values per attribute must be in [2, 255]: 1");
        assertThatThrownBy(() -> GroupedRows.of(sizes, codes, 5, 2501)).hasMessage(
            "rows must satisfy 0 <= from <= to <= 2500 (whole rows of 13 codes): 5..2501");
    }

    @Test
    void shapesAreCheckedAndStatisticsSerialize() throws Exception {
        CodedRows rows = withMissing(100, 5, 2, 0.1, 1);
        EmParameters p = someParameters(rows, 2, true);
        assertThatThrownBy(() -> SufficientStatistics.empty(CodedRows.sizes(rows.schema()), 3)
            .accumulate(p, rows.codes(), 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SufficientStatistics.empty(CodedRows.sizes(rows.schema()), 2)
            .accumulate(p, rows.codes(), 90, 101)).hasMessage(
                "rows must satisfy 0 <= from <= to <= 100 (whole rows of 5 codes): 90..101");
        assertThatThrownBy(() -> SufficientStatistics.empty(new int[] {2, 300}, 2))
            .hasMessage("values per attribute must be in [2, 255]: 300");
        SufficientStatistics s = LatentClassFitter.pass(rows, p);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
            out.writeObject(p);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((SufficientStatistics) in.readObject()).maxRelativeDifference(s)).isZero();
            EmParameters q = (EmParameters) in.readObject();
            assertThat(LatentClassFitter.pass(rows, q).maxRelativeDifference(s)).isZero();
        }
    }
}
