package dev.askwise.model;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A latent-class population model: K clusters with weights {@code π_z}; given its cluster a user's attributes are
 * independent and categorical, {@code P(x_a = v | z) = θ[z][a][v]}. The paper's two-cluster model is the special case
 * K = 2 with tied flip rates ({@link #fromSymmetricMixture}).
 *
 * <p>Posteriors, predictive distributions and likelihoods of partial profiles (unknown attributes are marginalised
 * out) are exact and computed in log space. Immutable; built by {@code LatentClassFitter} or {@link #of} for a model
 * written by hand. Saved as JSON with a format version ({@link #toJson()}, {@link #fromJson(String)}).
 *
 * <p>Plausibility (γ = ∞): with τ = 0.5 / N for a model fitted to N users (τ = 5·10⁻⁴ when N is unknown: "fewer than
 * half a user in the data"), a plausible user belongs to a cluster of weight at least τ and gives answers (values or
 * "no preference") that are jointly at most 1/τ times less likely than the cluster's most likely answers (deviation
 * budget ln(1/τ) nats; revealed answers spend part of it). Smoothing alone therefore no longer makes "every guess wrong" a possible worst case, and neither does
 * "no preference on everything" when each attribute alone is often missing. A fitted model also records the most
 * attributes any training user declined ({@link #maxDeclines}): plausible users decline no more, which conditionally
 * independent declines cannot say by themselves.
 */
public final class LatentClassModel implements PopulationModel {

    /** Format identifier written in JSON. */
    public static final String FORMAT = "askwise.latent-class";
    /** Current JSON format version. */
    public static final int FORMAT_VERSION = 1;
    /** Number of users assumed for τ when a model does not say how many users it was fitted to. */
    static final long DEFAULT_USERS = 1000;

    private final Mixture mix;
    private final long users;
    private final double tau;
    private final int maxDeclines;

    private LatentClassModel(Mixture mix, long users, int maxDeclines) {
        this.mix = mix;
        this.users = users;
        this.tau = 0.5 / (users > 0 ? users : DEFAULT_USERS);
        this.maxDeclines = maxDeclines;
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
    public static LatentClassModel of(Schema schema, double[] weights, double[][][] theta,
                                      double @Nullable [][] missing) {
        return new LatentClassModel(checked(schema, weights, theta, missing), 0, Integer.MAX_VALUE);
    }

    /** Validates shapes and probabilities of a mixture and builds it (shared with {@link ExemplarModel}). */
    static Mixture checked(Schema schema, double[] weights, double[][][] theta, double @Nullable [][] missing) {
        int k = weights.length;
        if (k < 1) {
            throw new IllegalArgumentException("a model needs at least one cluster");
        }
        if (theta.length != k) {
            throw new IllegalArgumentException("theta has " + theta.length + " clusters, weights " + k);
        }
        checkDistribution("cluster weights", weights);
        for (int z = 0; z < k; z++) {
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
            }
        }
        if (missing != null) {
            if (missing.length != k) {
                throw new IllegalArgumentException("missing has " + missing.length + " clusters, weights " + k);
            }
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
            }
        }
        return new Mixture(schema, weights, theta, missing);
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

    /**
     * This model, recording that it was fitted to {@code n} users (sets the plausibility threshold τ = 0.5 / n).
     *
     * @throws IllegalArgumentException if n &lt; 1
     */
    public LatentClassModel withTrainingUsers(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("training users must be >= 1: " + n);
        }
        return new LatentClassModel(mix, n, maxDeclines);
    }

    /**
     * This model, recording that no plausible user declines more than {@code d} attributes in all
     * ({@link PopulationModel#maxDeclines}): fitted models take the most "no preference" answers of any training user.
     *
     * @throws IllegalArgumentException if d &lt; 0
     */
    public LatentClassModel withMaxDeclines(int d) {
        if (d < 0) {
            throw new IllegalArgumentException("maxDeclines must be >= 0: " + d);
        }
        return new LatentClassModel(mix, users, d);
    }

    @Override
    public int maxDeclines() {
        return maxDeclines;
    }

    @Override
    public Schema schema() {
        return mix.schema;
    }

    /** Number of clusters K. */
    public int clusters() {
        return mix.k;
    }

    @Override
    public int components() {
        return mix.k;
    }

    @Override
    public String family() {
        return "latent-class";
    }

    @Override
    public long trainingUsers() {
        return users;
    }

    /** The plausibility threshold τ of the γ = ∞ worst case. */
    public double plausibilityThreshold() {
        return tau;
    }

    @Override
    public double weight(int z) {
        return mix.weight[z];
    }

    /** {@code θ[z][a][v]}. */
    @Override
    public double probability(int z, int a, int v) {
        return mix.theta(z, a, v);
    }

    @Override
    public boolean modelsMissing() {
        return mix.missing != null;
    }

    @Override
    public double missingProbability(int z, int a) {
        return mix.missing(z, a);
    }

    /** Unnormalised {@code ln P(z, revealed values)} for every cluster; unknown attributes are not yet asked. */
    public double[] logJoint(Profile profile) {
        return mix.logJoint(profile, null);
    }

    @Override
    public double[] logJoint(Profile profile, boolean @Nullable [] declined) {
        return mix.logJoint(profile, declined);
    }

    /** The unknown entries of a row, as declines. */
    public static boolean[] missingMask(Profile row) {
        return PopulationModel.missingMask(row);
    }

    @Override
    public double[] posterior(Profile profile, boolean @Nullable [] declined) {
        return mix.posterior(profile, declined);
    }

    @Override
    public double[] predictive(double[] posterior, int a) {
        return mix.predictive(posterior, a);
    }

    @Override
    public double[] answerDistribution(double[] posterior, int a) {
        return mix.answerDistribution(posterior, a);
    }

    @Override
    public double[] updateDeclined(double[] posterior, int a) {
        return mix.updateDeclined(posterior, a);
    }

    @Override
    public double[] update(double[] posterior, int a, int v) {
        return mix.update(posterior, a, v);
    }

    /** τ: a cluster lighter than half a user holds no plausible users. */
    @Override
    public double minimumWeight() {
        return tau;
    }

    /** ln(1/τ) = ln(2N): a plausible user is at most 1/τ times less likely than the cluster's most likely one. */
    @Override
    public double deviationBudget() {
        return -Math.log(tau);
    }

    @Override
    public Draw sample(SplittableRandom random) {
        return mix.sample(random);
    }

    /**
     * The model as JSON: {@code {"format", "version", "attributes", "weights", "probabilities"}}, for a model of
     * missing preferences {@code "missing"} (absent means users always have a preference), and {@code "users"} when
     * the number of training users is known, and {@code "maxDeclines"} when plausible users decline at most that many
     * attributes ({@link #withMaxDeclines}).
     */
    @Override
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.put("attributes", ModelFiles.attributes(schema()));
        if (users > 0) {
            root.put("users", users);
        }
        if (maxDeclines != Integer.MAX_VALUE) {
            root.put("maxDeclines", maxDeclines);
        }
        double[] w = new double[clusters()];
        List<Object> probs = new ArrayList<>();
        for (int z = 0; z < clusters(); z++) {
            w[z] = weight(z);
            List<Object> perAttr = new ArrayList<>();
            for (int a = 0; a < schema().size(); a++) {
                double[] p = new double[schema().get(a).size()];
                for (int v = 0; v < p.length; v++) {
                    p[v] = probability(z, a, v);
                }
                perAttr.add(p);
            }
            probs.add(perAttr);
        }
        root.put("weights", w);
        root.put("probabilities", probs);
        if (modelsMissing()) {
            List<Object> miss = new ArrayList<>();
            for (int z = 0; z < clusters(); z++) {
                double[] m = new double[schema().size()];
                for (int a = 0; a < m.length; a++) {
                    m[a] = missingProbability(z, a);
                }
                miss.add(m);
            }
            root.put("missing", miss);
        }
        return Json.write(root);
    }

    /**
     * Reads a model written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException on malformed JSON, another format, an unsupported version, a field of the wrong
     *                                  type or invalid numbers
     */
    public static LatentClassModel fromJson(String json) {
        Map<?, ?> root = ModelFiles.root(json, FORMAT, FORMAT_VERSION, "latent-class");
        Schema schema = ModelFiles.schema(root);
        double[] weights = ModelFiles.numbers(ModelFiles.list(root, "weights"), "weights");
        List<?> probs = ModelFiles.list(root, "probabilities");
        double[][][] theta = new double[probs.size()][][];
        for (int z = 0; z < theta.length; z++) {
            List<?> perAttr = ModelFiles.asList(probs.get(z), "probabilities[" + z + "]");
            theta[z] = new double[perAttr.size()][];
            for (int a = 0; a < perAttr.size(); a++) {
                theta[z][a] = ModelFiles.numbers(ModelFiles.asList(perAttr.get(a), "probabilities[" + z + "][" + a
                    + "]"), "probabilities[" + z + "][" + a + "]");
            }
        }
        double[][] missing = null;
        if (root.get("missing") != null) {
            List<?> miss = ModelFiles.list(root, "missing");
            missing = new double[miss.size()][];
            for (int z = 0; z < missing.length; z++) {
                missing[z] = ModelFiles.numbers(ModelFiles.asList(miss.get(z), "missing[" + z + "]"),
                    "missing[" + z + "]");
            }
        }
        LatentClassModel model = of(schema, weights, theta, missing);
        long n = ModelFiles.optionalCount(root, "users");
        model = n > 0 ? model.withTrainingUsers(n) : model;
        if (root.containsKey("maxDeclines")) {
            Object d = root.get("maxDeclines");
            if (!(d instanceof Double x) || x != Math.rint(x) || x < 0 || x > schema.size()) {
                throw new IllegalArgumentException("maxDeclines must be an integer in [0, " + schema.size() + "]: "
                    + d);
            }
            model = model.withMaxDeclines((int) x.doubleValue());
        }
        return model;
    }

    @Override
    public String toString() {
        return "LatentClassModel[K=" + clusters() + ", attributes=" + schema().size() + "]";
    }
}
