package dev.askwise.spark;

import dev.askwise.audit.AuditAccumulator;
import dev.askwise.audit.AuditReport;
import dev.askwise.data.CodedRows;
import dev.askwise.data.Dataset;
import dev.askwise.model.PopulationModel;
import dev.askwise.sim.PolicyComparison;
import dev.askwise.sim.Simulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * {@code askwise compare} with its held-out conversations on Spark: the driver splits users into folds and fits each
 * fold's population model (as {@link PolicyComparison#run}); per fold, the held-out users travel in blocks of
 * {@link Simulator#CHUNK}, the model as its JSON and the training users as byte rows (broadcast), and each partition
 * rebuilds the fold's {@link PolicyComparison.FoldWork} (tree, policies) and audits its blocks under every task. The
 * driver adds the blocks' reports in block order, as the local simulator adds its chunks, so the result equals the
 * local comparison's exactly (every count, histogram and group sum; {@link AuditReport#equals}).
 */
public final class SparkCompare {

    private SparkCompare() {
    }

    /** The comparison, each fold's held-out users over {@code partitions} partitions (at least 1). */
    public static PolicyComparison.Result run(JavaSparkContext sc, Dataset data, PolicyComparison.Options options,
                                              int partitions) {
        return PolicyComparison.run(data, options, null, heldOut(sc, partitions));
    }

    /** The held-out runner (see the class comment). */
    public static PolicyComparison.HeldOut heldOut(JavaSparkContext sc, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        return (model, train, test, o, tick) -> run(sc, partitions, model, train, test, o, tick);
    }

    private static List<List<AuditReport>> run(JavaSparkContext sc, int partitions, PopulationModel model,
                                               Dataset train, Dataset test, PolicyComparison.Options o,
                                               LongConsumer tick) {
        if (!test.schema().equals(model.schema()) || !train.schema().equals(model.schema())) {
            throw new IllegalArgumentException("users' schema differs from the model's");
        }
        String json = model.toJson();
        List<String> covs = test.covariateNames();
        List<Block> blocks = blocks(test, covs);
        Broadcast<byte[]> trainCodes = sc.broadcast(CodedRows.of(train).codes());
        try {
            List<Tuple2<Long, List<List<AuditAccumulator>>>> parts = sc.parallelize(blocks,
                Math.max(1, Math.min(partitions, blocks.size()))).mapPartitions(it -> {
                    PopulationModel m = PopulationModel.fromJson(json);
                    Dataset tr = CodedRows.of(m.schema(), trainCodes.value()).toDataset("train");
                    PolicyComparison.FoldWork work = PolicyComparison.FoldWork.of(m, tr, o);
                    List<Tuple2<Long, List<List<AuditAccumulator>>>> out = new ArrayList<>();
                    while (it.hasNext()) {
                        Block b = it.next();
                        out.add(new Tuple2<>(b.firstIndex, work.simulate(dataset(m, b, covs), 0, b.rows)));
                    }
                    return out.iterator();
                }).collect();
            List<Tuple2<Long, List<List<AuditAccumulator>>>> ordered = new ArrayList<>(parts);
            ordered.sort(Comparator.comparingLong(Tuple2::_1));
            List<List<AuditReport>> total = new ArrayList<>();
            if (ordered.isEmpty()) {
                return total;
            }
            int tasks = ordered.get(0)._2().size();
            for (int t = 0; t < tasks; t++) {
                List<AuditReport> budgets = new ArrayList<>();
                for (int b = 0; b < ordered.get(0)._2().get(t).size(); b++) {
                    AuditReport r = new AuditAccumulator().snapshot();
                    for (Tuple2<Long, List<List<AuditAccumulator>>> p : ordered) {
                        r = r.plus(p._2().get(t).get(b).snapshot());
                    }
                    budgets.add(r);
                }
                total.add(budgets);
            }
            if (tick != null) {
                for (long i = 0, n = (long) test.size() * tasks; i < n; i++) {
                    tick.accept(i);
                }
            }
            return total;
        } finally {
            trainCodes.destroy();
        }
    }

    /** The users in blocks of {@link Simulator#CHUNK}, with their covariates. */
    private static List<Block> blocks(Dataset test, List<String> covs) {
        byte[] codes = CodedRows.of(test).codes();
        int attrs = test.schema().size();
        List<Block> list = new ArrayList<>();
        for (int from = 0; from < test.size(); from += Simulator.CHUNK) {
            int to = Math.min(test.size(), from + Simulator.CHUNK);
            String[][] cov = new String[covs.size()][to - from];
            for (int c = 0; c < covs.size(); c++) {
                for (int i = from; i < to; i++) {
                    cov[c][i - from] = test.covariate(covs.get(c), i);
                }
            }
            list.add(new Block(from, to - from, Arrays.copyOfRange(codes, from * attrs, to * attrs), cov));
        }
        return list;
    }

    static Dataset dataset(PopulationModel m, Block b, List<String> covs) {
        int attrs = m.schema().size();
        List<int[]> rows = new ArrayList<>(b.rows);
        for (int i = 0; i < b.rows; i++) {
            int[] row = new int[attrs];
            for (int a = 0; a < attrs; a++) {
                row[a] = CodedRows.decode(b.codes[i * attrs + a]);
            }
            rows.add(row);
        }
        Map<String, List<String>> cov = new LinkedHashMap<>();
        for (int c = 0; c < covs.size(); c++) {
            cov.put(covs.get(c), List.of(b.covariates[c]));
        }
        return Dataset.of("partition", m.schema(), rows, cov);
    }
}
