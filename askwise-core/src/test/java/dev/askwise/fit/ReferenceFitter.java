package dev.askwise.fit;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import dev.askwise.math.LogMath;
import dev.askwise.model.LatentClassModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The EM of LatentClassFitter as it was before the sufficient-statistics rewrite (commit 4e8b95d, copied verbatim
 * apart from the class name): int rows, responsibilities stored per user, separate E- and M-step passes. It is the
 * independent reference that {@code SufficientStatisticsTest} compares the fused implementation with.
 *
 * <p>Original Javadoc follows.
 *
 * Fits a {@link LatentClassModel} by expectation–maximisation with Dirichlet smoothing (a MAP estimate), several seeded
 * restarts, a convergence tolerance and an iteration cap. When the data has missing values, each cluster also gets a
 * probability of having no value per attribute (missingness is informative: a user who rated no horror film says
 * something), estimated with a Beta(α + 1, α + 1) prior; complete data give a model without missingness. The E-step runs in parallel over users; results do not depend on the number of threads (sums are
 * combined in a fixed order).
 *
 * <p>Each iteration costs O(N · A · K) for N users, A attributes and K clusters, and memory O(N · K).
 */
final class ReferenceFitter {

    private static final int CHUNK = 2048;

    private ReferenceFitter() {
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
        Problem problem = new Problem(data, modelMissing);
        SplittableRandom master = new SplittableRandom(options.seed());
        Run best = null;
        List<Double> finals = new ArrayList<>();
        for (int r = 0; r < options.restarts(); r++) {
            Run run = problem.run(options, master.split());
            finals.add(run.objective);
            if (best == null || run.objective > best.objective) {
                best = run;
            }
        }
        int params = (options.clusters() - 1);
        for (int a = 0; a < data.schema().size(); a++) {
            params += options.clusters() * (data.schema().get(a).size() - 1 + (problem.anyMissing ? 1 : 0));
        }
        double bic = -2 * best.logLikelihood + params * Math.log(data.size());
        LatentClassModel model = LatentClassModel.of(data.schema(), best.weights, best.theta, best.missing);
        return new FitResult(model, options, best.logLikelihood, best.trace, best.trace.size(), best.converged, bic,
            finals);
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
        double[] weights;
        double[][][] theta;
        double[][] missing;
        double objective;
        double logLikelihood;
        List<Double> trace = new ArrayList<>();
        boolean converged;
    }

    /** The data in flat arrays for speed. */
    private static final class Problem {
        final int n;
        final int attrs;
        final int[] sizes;
        final int[][] rows;
        final boolean anyMissing;

        Problem(Dataset data, boolean modelMissing) {
            Schema schema = data.schema();
            this.n = data.size();
            this.attrs = schema.size();
            this.sizes = new int[attrs];
            for (int a = 0; a < attrs; a++) {
                sizes[a] = schema.get(a).size();
            }
            this.rows = new int[n][];
            boolean miss = false;
            for (int i = 0; i < n; i++) {
                rows[i] = data.profile(i).toArray();
                for (int v : rows[i]) {
                    miss |= v == Profile.UNKNOWN;
                }
            }
            this.anyMissing = miss && modelMissing;
        }

        Run run(FitOptions o, SplittableRandom random) {
            int k = o.clusters();
            double alpha = o.smoothing();
            // start: random responsibilities (each user's drawn from a flat Dirichlet), then an M-step
            double[][] resp = new double[n][k];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int z = 0; z < k; z++) {
                    resp[i][z] = -Math.log(1 - random.nextDouble());
                    s += resp[i][z];
                }
                for (int z = 0; z < k; z++) {
                    resp[i][z] /= s;
                }
            }
            Run run = new Run();
            mStep(resp, k, alpha, run);
            double previous = Double.NEGATIVE_INFINITY;
            for (int it = 0; it < o.maxIterations(); it++) {
                double ll = eStep(run, resp, k);
                double objective = ll + logPrior(run, alpha);
                run.trace.add(objective);
                run.logLikelihood = ll;
                run.objective = objective;
                if (it > 0 && objective - previous <= o.tolerance() * Math.abs(objective)) {
                    run.converged = true;
                    break;
                }
                previous = objective;
                mStep(resp, k, alpha, run);
            }
            return run;
        }

        /** Responsibilities from the current parameters; returns the log-likelihood. */
        double eStep(Run run, double[][] resp, int k) {
            double[][][] logTheta = new double[k][attrs][];
            double[][] logMissing = new double[attrs][k];
            double[] logW = new double[k];
            for (int z = 0; z < k; z++) {
                logW[z] = Math.log(run.weights[z]);
                for (int a = 0; a < attrs; a++) {
                    double observed = run.missing == null ? 0.0 : Math.log1p(-run.missing[z][a]);
                    logTheta[z][a] = new double[sizes[a]];
                    for (int v = 0; v < sizes[a]; v++) {
                        logTheta[z][a][v] = Math.log(run.theta[z][a][v]) + observed;
                    }
                    logMissing[a][z] = run.missing == null ? 0.0 : Math.log(run.missing[z][a]);
                }
            }
            int chunks = (n + CHUNK - 1) / CHUNK;
            double[] partial = new double[chunks];
            IntStream.range(0, chunks).parallel().forEach(c -> {
                double ll = 0;
                double[] lj = new double[k];
                for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                    int[] row = rows[i];
                    System.arraycopy(logW, 0, lj, 0, k);
                    for (int a = 0; a < attrs; a++) {
                        int v = row[a];
                        if (v != Profile.UNKNOWN) {
                            for (int z = 0; z < k; z++) {
                                lj[z] += logTheta[z][a][v];
                            }
                        } else {
                            double[] lm = logMissing[a];
                            for (int z = 0; z < k; z++) {
                                lj[z] += lm[z];
                            }
                        }
                    }
                    double norm = LogMath.logSumExp(lj);
                    ll += norm;
                    for (int z = 0; z < k; z++) {
                        resp[i][z] = Math.exp(lj[z] - norm);
                    }
                }
                partial[c] = ll;
            });
            double total = 0;
            for (double p : partial) {
                total += p;
            }
            return total;
        }

        /** MAP parameters from responsibilities with Dirichlet(α + 1) priors (α pseudo-counts). */
        void mStep(double[][] resp, int k, double alpha, Run run) {
            double[] weights = new double[k];
            double[][][] counts = new double[k][attrs][];
            for (int z = 0; z < k; z++) {
                for (int a = 0; a < attrs; a++) {
                    counts[z][a] = new double[sizes[a]];
                }
            }
            int chunks = (n + CHUNK - 1) / CHUNK;
            double[][][][] partCounts = new double[chunks][][][];
            double[][] partWeights = new double[chunks][];
            double[][][] partMissing = new double[chunks][][];
            IntStream.range(0, chunks).parallel().forEach(c -> {
                double[][][] cnt = new double[k][attrs][];
                for (int z = 0; z < k; z++) {
                    for (int a = 0; a < attrs; a++) {
                        cnt[z][a] = new double[sizes[a]];
                    }
                }
                double[] w = new double[k];
                double[][] miss = new double[k][attrs];
                for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                    int[] row = rows[i];
                    double[] r = resp[i];
                    for (int z = 0; z < k; z++) {
                        w[z] += r[z];
                    }
                    for (int a = 0; a < attrs; a++) {
                        int v = row[a];
                        if (v != Profile.UNKNOWN) {
                            for (int z = 0; z < k; z++) {
                                cnt[z][a][v] += r[z];
                            }
                        } else {
                            for (int z = 0; z < k; z++) {
                                miss[z][a] += r[z];
                            }
                        }
                    }
                }
                partCounts[c] = cnt;
                partWeights[c] = w;
                partMissing[c] = miss;
            });
            double[][] missCount = new double[k][attrs];
            for (int c = 0; c < chunks; c++) {
                for (int z = 0; z < k; z++) {
                    for (int a = 0; a < attrs; a++) {
                        missCount[z][a] += partMissing[c][z][a];
                    }
                    weights[z] += partWeights[c][z];
                    for (int a = 0; a < attrs; a++) {
                        for (int v = 0; v < sizes[a]; v++) {
                            counts[z][a][v] += partCounts[c][z][a][v];
                        }
                    }
                }
            }
            double[] clusterMass = weights.clone();
            double wTotal = 0;
            for (int z = 0; z < k; z++) {
                weights[z] += alpha;
                wTotal += weights[z];
            }
            if (anyMissing) {
                run.missing = new double[k][attrs];
                for (int z = 0; z < k; z++) {
                    for (int a = 0; a < attrs; a++) {
                        // Beta(α + 1, α + 1) MAP of the probability of having no value
                        run.missing[z][a] = (missCount[z][a] + alpha) / (clusterMass[z] + 2 * alpha);
                    }
                }
            }
            run.weights = new double[k];
            run.theta = new double[k][attrs][];
            for (int z = 0; z < k; z++) {
                run.weights[z] = weights[z] / wTotal;
                for (int a = 0; a < attrs; a++) {
                    double s = 0;
                    for (int v = 0; v < sizes[a]; v++) {
                        s += counts[z][a][v] + alpha;
                    }
                    run.theta[z][a] = new double[sizes[a]];
                    for (int v = 0; v < sizes[a]; v++) {
                        run.theta[z][a][v] = (counts[z][a][v] + alpha) / s;
                    }
                }
            }
        }

        /** Log density (up to a constant) of the Dirichlet prior whose mode the M-step computes. */
        double logPrior(Run run, double alpha) {
            double s = 0;
            for (double w : run.weights) {
                s += alpha * Math.log(w);
            }
            for (double[][] perAttr : run.theta) {
                for (double[] p : perAttr) {
                    for (double x : p) {
                        s += alpha * Math.log(x);
                    }
                }
            }
            if (run.missing != null) {
                for (double[] perAttr : run.missing) {
                    for (double m : perAttr) {
                        s += alpha * (Math.log(m) + Math.log1p(-m));
                    }
                }
            }
            return s;
        }
    }
}
