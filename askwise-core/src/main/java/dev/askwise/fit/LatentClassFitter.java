package dev.askwise.fit;

import dev.askwise.Schema;
import dev.askwise.data.CodedRows;
import dev.askwise.data.Dataset;
import dev.askwise.model.LatentClassModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Fits a {@link LatentClassModel} by expectation–maximisation with Dirichlet smoothing (a MAP estimate), several seeded
 * restarts, a convergence tolerance and an iteration cap. When the data has missing values, each cluster also gets a
 * probability of having no value per attribute (missingness is informative: a user who rated no horror film says
 * something), estimated with a Beta(α + 1, α + 1) prior; complete data give a model without missingness.
 *
 * <p>Each iteration is one fused pass ({@link SufficientStatistics}) over the users coded as bytes
 * ({@link CodedRows}), in parallel over chunks of {@value #CHUNK} users whose statistics are merged in chunk order, so
 * results do not depend on the number of threads. The pass costs O(N · A · K) for N users, A attributes and K
 * clusters; memory is the coded rows (N · A bytes) plus O(A · V · K) per chunk: responsibilities are never stored.
 * The same driver runs over any {@link StatisticsSource}, for example a Spark cluster's partitions.
 */
public final class LatentClassFitter {

    /** Users per chunk of the local pass (the unit of parallelism and of the fixed merge order). */
    public static final int CHUNK = 4096;

    private LatentClassFitter() {
    }

    /**
     * Fits K clusters.
     *
     * @throws IllegalArgumentException if the dataset is empty
     */
    public static FitResult fit(Dataset data, FitOptions options) {
        return fit(data, options, true);
    }

    /**
     * Fits K clusters; with {@code modelMissing} false, missing values are treated as merely unobserved (missing at
     * random: marginalised out, no probability of "no preference" is learned) — for data whose gaps say nothing about
     * the user, such as feedback that corrects one attribute.
     */
    public static FitResult fit(Dataset data, FitOptions options, boolean modelMissing) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot fit a model to an empty dataset");
        }
        return fit(CodedRows.of(data), options, modelMissing, FitListener.NONE);
    }

    /**
     * Fits K clusters to coded rows on all cores of this JVM, telling the listener after each iteration.
     *
     * @throws IllegalArgumentException if there are no rows
     */
    public static FitResult fit(CodedRows rows, FitOptions options, boolean modelMissing, FitListener listener) {
        if (rows.size() == 0) {
            throw new IllegalArgumentException("cannot fit a model to an empty dataset");
        }
        return fit(rows.schema(), local(rows), options, modelMissing, listener);
    }

    /**
     * The local source: passes over chunks of the rows on the common fork-join pool. The rows are grouped
     * ({@link GroupedRows}, N·G more bytes) once, on the first pass.
     */
    public static StatisticsSource local(CodedRows rows) {
        return new StatisticsSource() {
            private @Nullable GroupedRows grouped;

            @Override
            public SufficientStatistics start(RestartSeed seed, int clusters) {
                return LatentClassFitter.start(rows, seed, clusters);
            }

            @Override
            public SufficientStatistics pass(EmParameters parameters) {
                if (grouped == null) {
                    grouped = GroupedRows.of(rows);
                }
                return LatentClassFitter.pass(grouped, parameters);
            }
        };
    }

    /** One fused E/M pass over all rows, in parallel over chunks, merged in chunk order. */
    public static SufficientStatistics pass(CodedRows rows, EmParameters p) {
        return pass(GroupedRows.of(rows), p);
    }

    /** One fused E/M pass over grouped rows, in parallel over chunks, merged in chunk order (as for coded rows). */
    public static SufficientStatistics pass(GroupedRows rows, EmParameters p) {
        return pass(rows, p, SufficientStatistics.defaultKernel());
    }

    /**
     * One pass with a given kernel (for benchmarks and tests).
     *
     * @throws IllegalStateException if the kernel is not available in this JVM
     */
    public static SufficientStatistics pass(GroupedRows rows, EmParameters p, SufficientStatistics.Kernel kernel) {
        return chunked(rows.size(), rows.sizes, p.clusters(), (s, from, to) -> s.accumulate(p, rows, from, to,
            kernel));
    }

    /** The random start's statistics over all rows (row i has global index i). */
    public static SufficientStatistics start(CodedRows rows, RestartSeed seed, int clusters) {
        int[] sizes = CodedRows.sizes(rows.schema());
        byte[] codes = rows.codes();
        return chunked(rows.size(), sizes, clusters, (s, from, to) -> s.accumulateRandomStart(seed, codes, from, to,
            from));
    }

    private interface ChunkWork {
        void run(SufficientStatistics s, int from, int to);
    }

    private static SufficientStatistics chunked(int n, int[] sizes, int k, ChunkWork work) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        SufficientStatistics[] parts = new SufficientStatistics[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SufficientStatistics s = SufficientStatistics.empty(sizes, k);
            work.run(s, c * CHUNK, Math.min(n, (c + 1) * CHUNK));
            parts[c] = s;
        });
        SufficientStatistics total = SufficientStatistics.empty(sizes, k);
        for (SufficientStatistics s : parts) {
            total.merge(s);
        }
        return total;
    }

    /**
     * EM with restarts over any source of statistics: the best restart's final objective wins. Restart r starts from
     * {@code RestartSeed.of(options.seed(), restarts).get(r)}, so a local and a distributed source give the same model
     * up to the rounding of their merge orders.
     *
     * @throws IllegalArgumentException if the source has no users
     */
    public static FitResult fit(Schema schema, StatisticsSource source, FitOptions options, boolean modelMissing,
                                FitListener listener) {
        int k = options.clusters();
        double alpha = options.smoothing();
        List<RestartSeed> seeds = RestartSeed.of(options.seed(), options.restarts());
        Run best = null;
        List<Double> finals = new ArrayList<>();
        long users = 0;
        boolean anyMissing = false;
        for (int r = 0; r < options.restarts(); r++) {
            SufficientStatistics stats = source.start(seeds.get(r), k);
            if (r == 0) {
                users = stats.users();
                if (users == 0) {
                    throw new IllegalArgumentException("cannot fit a model to an empty dataset");
                }
                anyMissing = modelMissing && stats.missingValues() > 0;
            }
            Run run = new Run();
            run.params = EmParameters.maximise(stats, alpha, anyMissing);
            double previous = Double.NEGATIVE_INFINITY;
            for (int it = 0; it < options.maxIterations(); it++) {
                stats = source.pass(run.params);
                double objective = stats.logLikelihood() + run.params.logPrior(alpha);
                run.trace.add(objective);
                run.logLikelihood = stats.logLikelihood();
                run.objective = objective;
                listener.iteration(r, it + 1, objective);
                if (it > 0 && objective - previous <= options.tolerance() * Math.abs(objective)) {
                    run.converged = true;
                    break;
                }
                previous = objective;
                run.params = EmParameters.maximise(stats, alpha, anyMissing);
            }
            finals.add(run.objective);
            if (best == null || run.objective > best.objective) {
                best = run;
            }
        }
        int params = k - 1;
        for (int a = 0; a < schema.size(); a++) {
            params += k * (schema.get(a).size() - 1 + (anyMissing ? 1 : 0));
        }
        Objects.requireNonNull(best, "restarts >= 1");
        double bic = -2 * best.logLikelihood + params * Math.log((double) users);
        return new FitResult(Objects.requireNonNull(best.params, "maximised once").toModel(schema), options,
            best.logLikelihood, best.trace, best.trace.size(),
            best.converged, bic, finals);
    }

    /** Log-likelihood of a dataset's rows (values and missing entries) under a model (for held-out evaluation). */
    public static double logLikelihood(LatentClassModel model, Dataset data) {
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            sum += model.logLikelihoodOfRow(data.profile(i));
        }
        return sum;
    }

    private static final class Run {
        @Nullable EmParameters params;
        double objective;
        double logLikelihood;
        List<Double> trace = new ArrayList<>();
        boolean converged;
    }
}
