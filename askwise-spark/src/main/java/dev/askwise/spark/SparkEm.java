package dev.askwise.spark;

import dev.askwise.fit.EmParameters;
import dev.askwise.fit.FitListener;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.fit.ModelSelection;
import dev.askwise.fit.RestartSeed;
import dev.askwise.fit.StatisticsSource;
import dev.askwise.fit.SufficientStatistics;
import dev.askwise.data.CodedRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * EM fits of latent-class models over {@link SparkUsers}: the driver runs {@link LatentClassFitter}'s loop (restarts,
 * M-steps, convergence, BIC) and each pass is a Spark job. Per iteration the parameters (A·(V+1)·K doubles, with the
 * grouped log-tables about 200 KB at 50 × 4 × 10) are broadcast, each partition folds its blocks into one
 * {@link SufficientStatistics} (mapPartitions), and the driver collects the per-partition statistics and merges them
 * in partition order, so a fixed partitioning gives a reproducible fit. Any partitioning gives the local fit's model up
 * to the rounding of the merge order (log-likelihood equal to about 1e-12 relative; the test asks for 1e-9).
 */
public final class SparkEm {

    private SparkEm() {
    }

    /** The fit (same options and seed, same model as {@code LatentClassFitter.fit} of the same users in order). */
    public static FitResult fit(SparkUsers users, FitOptions options, boolean modelMissing, FitListener listener) {
        if (users.size() == 0) {
            throw new IllegalArgumentException("cannot fit a model to an empty dataset");
        }
        return LatentClassFitter.fit(users.schema(), source(users), options, modelMissing, listener);
    }

    /** Model selection by BIC over K in [kMin, kMax] (as {@link ModelSelection#byBic}), each fit on the cluster. */
    public static ModelSelection.Selection byBic(SparkUsers users, int kMin, int kMax, FitOptions options,
                                                 FitListener listener) {
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("cluster range must satisfy 1 <= kMin <= kMax: " + kMin + ".." + kMax);
        }
        List<ModelSelection.Candidate> cands = new ArrayList<>();
        ModelSelection.Candidate best = null;
        for (int k = kMin; k <= kMax; k++) {
            FitResult fit = fit(users, options.withClusters(k), true, listener);
            ModelSelection.Candidate c = new ModelSelection.Candidate(k, fit.bic(), fit);
            cands.add(c);
            if (best == null || c.score() < best.score()) {
                best = c;
            }
        }
        return new ModelSelection.Selection(best.fit(), cands, "bic");
    }

    /** The users' passes as Spark jobs. */
    public static StatisticsSource source(SparkUsers users) {
        JavaRDD<Block> blocks = users.blocks();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(blocks.context());
        int[] sizes = CodedRows.sizes(users.schema());
        return new StatisticsSource() {
            @Override
            public SufficientStatistics start(RestartSeed seed, int clusters) {
                return mergeInOrder(blocks.mapPartitions(it -> {
                    SufficientStatistics s = SufficientStatistics.empty(sizes, clusters);
                    while (it.hasNext()) {
                        Block b = it.next();
                        s.accumulateRandomStart(seed, b.codes, 0, b.rows, b.firstIndex);
                    }
                    return Collections.singletonList(s).iterator();
                }).collect(), sizes, clusters);
            }

            @Override
            public SufficientStatistics pass(EmParameters parameters) {
                Broadcast<EmParameters> p = sc.broadcast(parameters);
                try {
                    int k = parameters.clusters();
                    return mergeInOrder(blocks.mapPartitions(it -> {
                        EmParameters params = p.value();
                        SufficientStatistics s = SufficientStatistics.empty(sizes, params.clusters());
                        while (it.hasNext()) {
                            Block b = it.next();
                            s.accumulate(params, b.codes, 0, b.rows);
                        }
                        return Collections.singletonList(s).iterator();
                    }).collect(), sizes, k);
                } finally {
                    p.destroy();
                }
            }
        };
    }

    private static SufficientStatistics mergeInOrder(List<SufficientStatistics> parts, int[] sizes, int k) {
        SufficientStatistics total = SufficientStatistics.empty(sizes, k);
        parts.forEach(total::merge);
        return total;
    }
}
