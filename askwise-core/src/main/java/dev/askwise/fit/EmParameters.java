package dev.askwise.fit;

import dev.askwise.Schema;
import dev.askwise.model.LatentClassModel;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One EM iterate of a latent-class model in the flat layout the fused pass reads: for attribute a, a block of
 * {@code (values(a) + 1) · K} doubles, slot 0 for "missing" and slot v + 1 for value v, each slot holding the K
 * components contiguously ([attribute][value][component]). The log-terms the pass adds up are computed once, here:
 * slot v + 1 holds {@code ln θ_zav + ln(1 − m_za)} and slot 0 {@code ln m_za} (both 0 for m when missingness is not
 * modelled, so a missing value is marginalised out). Immutable and serializable: it is what Spark broadcasts.
 */
public final class EmParameters implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int k;
    private final int[] sizes;
    private final int[] base;
    private final int slots;
    private final double[] weights;
    private final double[] theta;
    private final double @Nullable [] missing;
    private final double[] logWeights;
    private final double[] logTerms;
    private final double[] jointLogTerms;

    private EmParameters(int k, int[] sizes, double[] weights, double[] theta, double @Nullable [] missing) {
        this.k = k;
        this.sizes = sizes;
        this.base = SufficientStatistics.bases(sizes, k);
        this.slots = base[sizes.length] / k;
        this.weights = weights;
        this.theta = theta;
        this.missing = missing;
        this.logWeights = new double[k];
        for (int z = 0; z < k; z++) {
            logWeights[z] = Math.log(weights[z]);
        }
        this.logTerms = new double[slots * k];
        for (int a = 0; a < sizes.length; a++) {
            for (int z = 0; z < k; z++) {
                double observed = missing == null ? 0.0 : Math.log1p(-missing[a * k + z]);
                logTerms[base[a] + z] = missing == null ? 0.0 : Math.log(missing[a * k + z]);
                for (int v = 0; v < sizes[a]; v++) {
                    int i = base[a] + (v + 1) * k + z;
                    logTerms[i] = Math.log(theta[i]) + observed;
                }
            }
        }
        this.jointLogTerms = Grouping.of(sizes).joint(logTerms, base, k);
    }

    /**
     * The M-step: MAP parameters from sufficient statistics with Dirichlet(α + 1) priors (α pseudo-counts) on the
     * weights and on each cluster's value probabilities, and Beta(α + 1, α + 1) on each probability of a missing value
     * when {@code modelMissing}.
     */
    public static EmParameters maximise(SufficientStatistics s, double alpha, boolean modelMissing) {
        int k = s.clusters();
        int[] sizes = s.sizes();
        int[] base = SufficientStatistics.bases(sizes, k);
        double[] counts = s.rawCounts();
        double[] w = new double[k];
        double wTotal = 0;
        for (int z = 0; z < k; z++) {
            w[z] = s.weight(z) + alpha;
            wTotal += w[z];
        }
        for (int z = 0; z < k; z++) {
            w[z] /= wTotal;
        }
        double[] missing = modelMissing ? new double[sizes.length * k] : null;
        double[] theta = new double[base[sizes.length]];
        for (int a = 0; a < sizes.length; a++) {
            for (int z = 0; z < k; z++) {
                if (modelMissing) {
                    Objects.requireNonNull(missing, "modelMissing")[a * k + z] =
                        (counts[base[a] + z] + alpha) / (s.weight(z) + 2 * alpha);
                }
                double sum = 0;
                for (int v = 0; v < sizes[a]; v++) {
                    sum += counts[base[a] + (v + 1) * k + z] + alpha;
                }
                for (int v = 0; v < sizes[a]; v++) {
                    int i = base[a] + (v + 1) * k + z;
                    theta[i] = (counts[i] + alpha) / sum;
                }
            }
        }
        return new EmParameters(k, sizes.clone(), w, theta, missing);
    }

    /** Log density (up to a constant) of the prior whose mode {@link #maximise} computes. */
    public double logPrior(double alpha) {
        double s = 0;
        for (double w : weights) {
            s += alpha * Math.log(w);
        }
        for (int z = 0; z < k; z++) {
            for (int a = 0; a < sizes.length; a++) {
                for (int v = 0; v < sizes[a]; v++) {
                    s += alpha * Math.log(theta[base[a] + (v + 1) * k + z]);
                }
            }
        }
        if (missing != null) {
            for (int z = 0; z < k; z++) {
                for (int a = 0; a < sizes.length; a++) {
                    double m = missing[a * k + z];
                    s += alpha * (Math.log(m) + Math.log1p(-m));
                }
            }
        }
        return s;
    }

    /** These parameters as a model over the schema. */
    public LatentClassModel toModel(Schema schema) {
        double[][][] t = new double[k][sizes.length][];
        double[][] m = missing == null ? null : new double[k][sizes.length];
        for (int z = 0; z < k; z++) {
            for (int a = 0; a < sizes.length; a++) {
                t[z][a] = new double[sizes[a]];
                for (int v = 0; v < sizes[a]; v++) {
                    t[z][a][v] = theta[base[a] + (v + 1) * k + z];
                }
                if (m != null && missing != null) {
                    m[z][a] = missing[a * k + z];
                }
            }
        }
        return LatentClassModel.of(schema, weights.clone(), t, m);
    }

    public int clusters() {
        return k;
    }

    /** Whether a probability of a missing value is modelled per cluster and attribute. */
    public boolean modelsMissing() {
        return missing != null;
    }

    double[] logWeights() {
        return logWeights;
    }

    double[] logTerms() {
        return logTerms;
    }

    /** The log-terms summed over each group of attributes ({@link Grouping}), per joint slot and component. */
    double[] jointLogTerms() {
        return jointLogTerms;
    }

    /**
     * The joint log-terms and log-weights with each slot's K components padded to {@code stride} (padding: log-weight
     * −∞, log-term 0), for SIMD passes; computed once per parameters and stride, so that the chunks of one pass share
     * it.
     */
    Padded padded(int stride) {
        Padded p = padded;
        if (p == null || p.stride() != stride) {
            int n = jointLogTerms.length / k;
            double[] terms = new double[n * stride];
            for (int s = 0; s < n; s++) {
                System.arraycopy(jointLogTerms, s * k, terms, s * stride, k);
            }
            double[] lw = new double[stride];
            java.util.Arrays.fill(lw, Double.NEGATIVE_INFINITY);
            System.arraycopy(logWeights, 0, lw, 0, k);
            p = new Padded(stride, terms, lw);
            padded = p;
        }
        return p;
    }

    /** Padded tables of {@link #padded}: never modified after construction. */
    record Padded(int stride, double[] jointLogTerms, double[] logWeights) {
    }

    /** Cache of {@link #padded}; a race computes the same tables twice, harmlessly. */
    private transient volatile @Nullable Padded padded;

    int[] sizes() {
        return sizes;
    }
}
