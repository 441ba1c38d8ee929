package dev.askwise.model;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.io.Json;
import dev.askwise.math.LogMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A latent-class population model: K clusters with weights {@code π_z}; given its cluster a user's attributes are
 * independent and categorical, {@code P(x_a = v | z) = θ[z][a][v]}. The paper's two-cluster model is the special case
 * K = 2 with tied flip rates ({@link #fromSymmetricMixture}).
 *
 * <p>Posteriors, predictive distributions and likelihoods of partial profiles (unknown attributes are marginalised
 * out) are exact and computed in log space. Immutable; built by {@code LatentClassFitter} or {@link #of} for a model
 * written by hand. Saved as JSON with a format version ({@link #toJson()}, {@link #fromJson(String)}).
 */
public final class LatentClassModel {

    /** Format identifier written in JSON. */
    public static final String FORMAT = "askwise.latent-class";
    /** Current JSON format version. */
    public static final int FORMAT_VERSION = 1;

    private final Schema schema;
    private final double[] logWeight;
    private final double[][][] logTheta;
    private final double[][][] theta;
    /** missing[z][a]: probability that a user of cluster z has no preference on a (declines); null when never. */
    private final double[][] missing;

    private LatentClassModel(Schema schema, double[] logWeight, double[][][] logTheta, double[][] missing) {
        this.schema = schema;
        this.logWeight = logWeight;
        this.logTheta = logTheta;
        this.missing = missing;
        this.theta = new double[logTheta.length][][];
        for (int z = 0; z < logTheta.length; z++) {
            theta[z] = new double[logTheta[z].length][];
            for (int a = 0; a < logTheta[z].length; a++) {
                theta[z][a] = new double[logTheta[z][a].length];
                for (int v = 0; v < theta[z][a].length; v++) {
                    theta[z][a][v] = Math.exp(logTheta[z][a][v]);
                }
            }
        }
    }

    /**
     * Builds a model from cluster weights and per-cluster value probabilities {@code theta[z][a][v]}.
     *
     * @throws IllegalArgumentException if shapes disagree with the schema, a probability is outside [0, 1], or a
     *                                  distribution does not sum to 1 within 1e-6
     */
    public static LatentClassModel of(Schema schema, double[] weights, double[][][] theta) {
        return of(schema, weights, theta, null);
    }

    /**
     * Builds a model whose users may have no preference on an attribute: {@code missing[z][a]} is the probability that
     * a user of cluster z declines to answer about a (or, in data, has no value). Declines then carry information
     * about the cluster; a value v is reported with probability {@code (1 − missing[z][a])·theta[z][a][v]}.
     *
     * @param missing null, or probabilities in [0, 1) of shape [K][attributes]
     * @throws IllegalArgumentException on shapes or probabilities out of range
     */
    public static LatentClassModel of(Schema schema, double[] weights, double[][][] theta, double[][] missing) {
        int k = weights.length;
        if (k < 1) {
            throw new IllegalArgumentException("a model needs at least one cluster");
        }
        if (theta.length != k) {
            throw new IllegalArgumentException("theta has " + theta.length + " clusters, weights " + k);
        }
        checkDistribution("cluster weights", weights);
        double[] lw = new double[k];
        double[][][] lt = new double[k][schema.size()][];
        for (int z = 0; z < k; z++) {
            lw[z] = Math.log(weights[z]);
            if (theta[z].length != schema.size()) {
                throw new IllegalArgumentException("theta[" + z + "] has " + theta[z].length + " attributes, schema "
                    + schema.size());
            }
            for (int a = 0; a < schema.size(); a++) {
                Attribute attr = schema.get(a);
                if (theta[z][a].length != attr.size()) {
                    throw new IllegalArgumentException("theta[" + z + "][" + attr.name() + "] has " + theta[z][a].length
                        + " values, attribute " + attr.size());
                }
                checkDistribution("theta[" + z + "][" + attr.name() + "]", theta[z][a]);
                lt[z][a] = new double[attr.size()];
                for (int v = 0; v < attr.size(); v++) {
                    lt[z][a][v] = Math.log(theta[z][a][v]);
                }
            }
        }
        double[][] miss = null;
        if (missing != null) {
            if (missing.length != k) {
                throw new IllegalArgumentException("missing has " + missing.length + " clusters, weights " + k);
            }
            miss = new double[k][];
            for (int z = 0; z < k; z++) {
                if (missing[z].length != schema.size()) {
                    throw new IllegalArgumentException("missing[" + z + "] has " + missing[z].length
                        + " attributes, schema " + schema.size());
                }
                for (double m : missing[z]) {
                    if (!(m >= 0.0 && m < 1.0)) {
                        throw new IllegalArgumentException("missing[" + z + "]: probability must be in [0, 1): " + m);
                    }
                }
                miss[z] = missing[z].clone();
            }
        }
        return new LatentClassModel(schema, lw, lt, miss);
    }

    private static void checkDistribution(String what, double[] p) {
        double sum = 0;
        for (double x : p) {
            if (!(x >= 0.0 && x <= 1.0)) {
                throw new IllegalArgumentException(what + ": probability must be in [0, 1]: " + x);
            }
            sum += x;
        }
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must sum to 1 (within 1e-6): %.9f", what,
                sum));
        }
    }

    /** The paper's model as a latent-class model: two clusters over n binary attributes x0..x(n−1). */
    public static LatentClassModel fromSymmetricMixture(SymmetricMixture m) {
        int n = m.n();
        double[][][] theta = new double[2][n][];
        for (int a = 0; a < n; a++) {
            theta[0][a] = new double[] {1 - m.eps(), m.eps()};
            theta[1][a] = new double[] {m.eps(), 1 - m.eps()};
        }
        return of(Schema.binary(n), new double[] {m.p(), 1 - m.p()}, theta);
    }

    public Schema schema() {
        return schema;
    }

    /** Number of clusters K. */
    public int clusters() {
        return logWeight.length;
    }

    public double weight(int z) {
        return Math.exp(logWeight[z]);
    }

    /** {@code θ[z][a][v]}. */
    public double probability(int z, int a, int v) {
        return theta[z][a][v];
    }

    /** {@code ln θ[z][a][v]}. */
    public double logProbability(int z, int a, int v) {
        return logTheta[z][a][v];
    }

    /** True when the model gives users a probability of having no preference (declining). */
    public boolean modelsMissing() {
        return missing != null;
    }

    /** True when some cluster gives attribute a a positive probability of no preference. */
    private boolean declinable(int a) {
        for (double[] m : missing) {
            if (m[a] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Probability that a user of cluster z has no preference on attribute a (0 when the model has none). */
    public double missingProbability(int z, int a) {
        return missing == null ? 0.0 : missing[z][a];
    }

    /** Unnormalised {@code ln P(z, revealed values)} for every cluster; unknown attributes are not yet asked. */
    public double[] logJoint(Profile profile) {
        return logJoint(profile, null);
    }

    /**
     * Unnormalised {@code ln P(z, revealed values, declines)}: each revealed value contributes
     * {@code (1 − missing)·θ}, each declined attribute {@code missing}. A decline the model gives probability 0 in
     * every cluster (or a model without missingness) carries no information and is ignored.
     *
     * @param declined declined[a]: the user declined a (null for none)
     */
    public double[] logJoint(Profile profile, boolean[] declined) {
        checkProfile(profile);
        double[] lj = logWeight.clone();
        for (int a = 0; a < schema.size(); a++) {
            int v = profile.value(a);
            boolean dec = declined != null && declined[a] && v == Profile.UNKNOWN;
            if (v != Profile.UNKNOWN) {
                for (int z = 0; z < lj.length; z++) {
                    lj[z] += logTheta[z][a][v] + (missing == null ? 0.0 : Math.log1p(-missing[z][a]));
                }
            } else if (dec && missing != null && declinable(a)) {
                for (int z = 0; z < lj.length; z++) {
                    lj[z] += Math.log(missing[z][a]);
                }
            }
        }
        return lj;
    }

    /** {@code ln P(revealed values)}, unknown attributes marginalised out (not yet asked). */
    public double logLikelihood(Profile profile) {
        return LogMath.logSumExp(logJoint(profile));
    }

    /** {@code ln P(row)} of a data row, whose unknown entries are users' missing values (no preference). */
    public double logLikelihoodOfRow(Profile row) {
        return LogMath.logSumExp(logJoint(row, missingMask(row)));
    }

    /** The unknown entries of a row, as declines. */
    public static boolean[] missingMask(Profile row) {
        boolean[] m = new boolean[row.size()];
        for (int a = 0; a < m.length; a++) {
            m[a] = !row.isKnown(a);
        }
        return m;
    }

    /**
     * The posterior over clusters given what the profile reveals.
     *
     * @throws IllegalArgumentException if the profile has probability 0 under the model
     */
    public double[] posterior(Profile profile) {
        return posterior(profile, null);
    }

    /** The posterior over clusters given revealed values and declined attributes. */
    public double[] posterior(Profile profile, boolean[] declined) {
        double[] lj = logJoint(profile, declined);
        double z = LogMath.logSumExp(lj);
        if (z == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("profile has probability 0 under the model: " + profile);
        }
        double[] post = new double[lj.length];
        for (int c = 0; c < lj.length; c++) {
            post[c] = Math.exp(lj[c] - z);
        }
        return post;
    }

    /** Posterior predictive {@code P(x_a = v | profile)} for every value v of attribute a. */
    public double[] predictive(Profile profile, int a) {
        return predictive(posterior(profile), a);
    }

    /** Predictive distribution of attribute a under a given cluster posterior. */
    public double[] predictive(double[] posterior, int a) {
        double[] out = new double[schema.get(a).size()];
        for (int z = 0; z < posterior.length; z++) {
            if (posterior[z] == 0.0) {
                continue;
            }
            double[] t = theta[z][a];
            for (int v = 0; v < out.length; v++) {
                out[v] += posterior[z] * t[v];
            }
        }
        return out;
    }

    /**
     * The distribution of the answer about a under a cluster posterior: elements 0..V−1 are the values
     * ({@code Σ_z π_z (1 − missing[z][a]) θ[z][a][v]}), element V is "no preference" ({@code Σ_z π_z missing[z][a]}).
     */
    public double[] answerDistribution(double[] posterior, int a) {
        int size = schema.get(a).size();
        double[] out = new double[size + 1];
        for (int z = 0; z < posterior.length; z++) {
            if (posterior[z] == 0.0) {
                continue;
            }
            double miss = missing == null ? 0.0 : missing[z][a];
            double[] t = theta[z][a];
            for (int v = 0; v < size; v++) {
                out[v] += posterior[z] * (1 - miss) * t[v];
            }
            out[size] += posterior[z] * miss;
        }
        return out;
    }

    /** The posterior after the user declined a: {@code π'_z ∝ π_z·missing[z][a]}; unchanged without missingness. */
    public double[] updateDeclined(double[] posterior, int a) {
        if (missing == null) {
            return posterior.clone();
        }
        double[] out = new double[posterior.length];
        double total = 0;
        for (int z = 0; z < out.length; z++) {
            out[z] = posterior[z] * missing[z][a];
            total += out[z];
        }
        if (!(total > 0)) {
            return posterior.clone();
        }
        for (int z = 0; z < out.length; z++) {
            out[z] /= total;
        }
        return out;
    }

    /**
     * The posterior after also observing {@code x_a = v}: {@code π'_z ∝ π_z·(1 − missing[z][a])·θ[z][a][v]} (Bayes,
     * O(K)).
     *
     * @throws IllegalArgumentException if the observation has probability 0 under the posterior
     */
    public double[] update(double[] posterior, int a, int v) {
        double[] out = new double[posterior.length];
        double total = 0;
        for (int z = 0; z < out.length; z++) {
            out[z] = posterior[z] * theta[z][a][v] * (missing == null ? 1.0 : 1 - missing[z][a]);
            total += out[z];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("observation " + schema.get(a).name() + " = " + v
                + " has probability 0 under the posterior");
        }
        for (int z = 0; z < out.length; z++) {
            out[z] /= total;
        }
        return out;
    }

    /** A user drawn from the model: the cluster and the complete profile. */
    public record Draw(int cluster, Profile profile) {
    }

    /** Draws one user with the given generator. */
    public Draw sample(SplittableRandom random) {
        int z = draw(logWeight, random);
        int[] values = new int[schema.size()];
        for (int a = 0; a < values.length; a++) {
            values[a] = draw(logTheta[z][a], random);
        }
        return new Draw(z, Profile.ofUnchecked(values));
    }

    private static int draw(double[] logProbs, SplittableRandom random) {
        double u = random.nextDouble();
        double acc = 0;
        for (int i = 0; i < logProbs.length; i++) {
            acc += Math.exp(logProbs[i]);
            if (u < acc) {
                return i;
            }
        }
        return logProbs.length - 1;
    }

    private void checkProfile(Profile profile) {
        if (profile.size() != schema.size()) {
            throw new IllegalArgumentException("profile has " + profile.size() + " attributes, model "
                + schema.size());
        }
    }

    /**
     * The model as JSON: {@code {"format", "version", "attributes", "weights", "probabilities"}} and, for a model of
     * missing preferences, {@code "missing"} (absent means users always have a preference).
     */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        List<Object> attrs = new ArrayList<>();
        for (Attribute a : schema.attributes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("values", a.values());
            attrs.add(m);
        }
        root.put("attributes", attrs);
        double[] w = new double[clusters()];
        List<Object> probs = new ArrayList<>();
        for (int z = 0; z < clusters(); z++) {
            w[z] = weight(z);
            List<Object> perAttr = new ArrayList<>();
            for (int a = 0; a < schema.size(); a++) {
                double[] p = new double[schema.get(a).size()];
                for (int v = 0; v < p.length; v++) {
                    p[v] = probability(z, a, v);
                }
                perAttr.add(p);
            }
            probs.add(perAttr);
        }
        root.put("weights", w);
        root.put("probabilities", probs);
        if (missing != null) {
            List<Object> miss = new ArrayList<>();
            for (double[] m : missing) {
                miss.add(m);
            }
            root.put("missing", miss);
        }
        return Json.write(root);
    }

    /**
     * Reads a model written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException on malformed JSON, another format, an unsupported version or invalid numbers
     */
    public static LatentClassModel fromJson(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("model JSON must be an object");
        }
        if (!FORMAT.equals(root.get("format"))) {
            throw new IllegalArgumentException("not an Askwise latent-class model: format = " + root.get("format"));
        }
        Object version = root.get("version");
        if (!(version instanceof Double d) || d.intValue() != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported model format version " + version + "; this Askwise "
                + "reads version " + FORMAT_VERSION);
        }
        List<Attribute> attrs = new ArrayList<>();
        for (Object o : list(root, "attributes")) {
            Map<?, ?> m = (Map<?, ?>) o;
            List<String> values = new ArrayList<>();
            for (Object v : (List<?>) m.get("values")) {
                values.add(String.valueOf(v));
            }
            attrs.add(new Attribute(String.valueOf(m.get("name")), values));
        }
        Schema schema = Schema.of(attrs);
        List<?> w = list(root, "weights");
        double[] weights = new double[w.size()];
        for (int z = 0; z < weights.length; z++) {
            weights[z] = ((Number) w.get(z)).doubleValue();
        }
        List<?> probs = list(root, "probabilities");
        double[][][] theta = new double[probs.size()][][];
        for (int z = 0; z < theta.length; z++) {
            List<?> perAttr = (List<?>) probs.get(z);
            theta[z] = new double[perAttr.size()][];
            for (int a = 0; a < perAttr.size(); a++) {
                List<?> p = (List<?>) perAttr.get(a);
                theta[z][a] = new double[p.size()];
                for (int v = 0; v < p.size(); v++) {
                    theta[z][a][v] = ((Number) p.get(v)).doubleValue();
                }
            }
        }
        double[][] missing = null;
        if (root.get("missing") != null) {
            List<?> miss = list(root, "missing");
            missing = new double[miss.size()][];
            for (int z = 0; z < missing.length; z++) {
                List<?> m = (List<?>) miss.get(z);
                missing[z] = new double[m.size()];
                for (int a = 0; a < m.size(); a++) {
                    missing[z][a] = ((Number) m.get(a)).doubleValue();
                }
            }
        }
        return of(schema, weights, theta, missing);
    }

    private static List<?> list(Map<?, ?> root, String key) {
        Object v = root.get(key);
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("model JSON lacks the list '" + key + "'");
        }
        return l;
    }

    @Override
    public String toString() {
        return "LatentClassModel[K=" + clusters() + ", attributes=" + schema.size() + "]";
    }
}
