package dev.askwise.model;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.io.Json;
import dev.askwise.math.LogMath;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A population model of users' preferences, as the engine, the responder, every policy and the simulator see it: a
 * finite mixture of components, within each of which a user's attributes are independent categoricals
 * {@code P(x_a = v | z)}, with an optional probability that a user of component z has no preference on a (declines).
 * Two families implement it:
 * <ul>
 * <li>{@link LatentClassModel}: K latent classes fitted by EM (few components, smooth);</li>
 * <li>{@link ExemplarModel}: empirical Bayes, one component per distinct training profile weighted by its count, with
 * fitted per-attribute noise, so that it holds any joint structure present in the data (for example "exactly two
 * ones").</li>
 * </ul>
 *
 * <p>Everything is exact: posteriors, predictive distributions and likelihoods of partial profiles (unknown attributes
 * marginalised out), in log space where products can underflow. Models are immutable and safe to share across
 * threads. Both families are saved as JSON in one file family ({@link #toJson()}, {@link #fromJson(String)}), told
 * apart by their {@code format} field.
 *
 * <h2>Plausibility (γ = ∞)</h2>
 * A smoothed model gives every profile a positive probability, so the worst case over "every possible user" is always
 * "every guess wrong". The maximin objective therefore takes the worst case over <em>plausible</em> users only:
 * {@link #live} names the components a user may still belong to given what was revealed, and {@link #plausible}
 * which answers such a component may give. Each family documents its rule and the threshold τ it uses.
 */
public sealed interface PopulationModel permits LatentClassModel, ExemplarModel {

    /** The attributes. */
    Schema schema();

    /** Number of mixture components (latent classes, or distinct exemplars). */
    int components();

    /** Prior weight of component z. */
    double weight(int z);

    /** {@code P(x_a = v | z)} given that the user has a preference on a. */
    double probability(int z, int a, int v);

    /** Probability that a user of component z has no preference on a (0 when the model has none). */
    double missingProbability(int z, int a);

    /** True when some component gives some attribute a positive probability of no preference. */
    boolean modelsMissing();

    /** The family name used on the command line and in model files: {@code latent-class} or {@code exemplar}. */
    String family();

    /** Number of training users the model was built from (0 when unknown, e.g. a model written by hand). */
    long trainingUsers();

    /**
     * Unnormalised {@code ln P(z, revealed values, declines)}: a revealed value contributes
     * {@code (1 − missing)·θ}, a declined attribute {@code missing}; a decline that no component can produce carries no
     * information and is ignored.
     *
     * @param declined declined[a]: the user declined a (null for none)
     */
    double[] logJoint(Profile profile, boolean[] declined);

    /**
     * The posterior over components given revealed values and declined attributes (sums to 1).
     *
     * @throws IllegalArgumentException if the profile has probability 0 under the model
     */
    double[] posterior(Profile profile, boolean[] declined);

    /** The posterior given revealed values only. */
    default double[] posterior(Profile profile) {
        return posterior(profile, null);
    }

    /** Predictive distribution of attribute a under a component posterior, given that the user has a preference. */
    double[] predictive(double[] posterior, int a);

    /** Posterior predictive {@code P(x_a = v | profile)} for every value v of attribute a. */
    default double[] predictive(Profile profile, int a) {
        return predictive(posterior(profile), a);
    }

    /**
     * The distribution of the answer about a under a posterior: elements 0..V−1 are the values, element V is "no
     * preference".
     */
    double[] answerDistribution(double[] posterior, int a);

    /**
     * The posterior after also observing {@code x_a = v} (Bayes, O(K)).
     *
     * @throws IllegalArgumentException if the observation has probability 0 under the posterior
     */
    double[] update(double[] posterior, int a, int v);

    /** The posterior after the user declined a; unchanged without missingness. */
    double[] updateDeclined(double[] posterior, int a);

    /** {@code ln P(revealed values)}, unknown attributes marginalised out (not yet asked). */
    default double logLikelihood(Profile profile) {
        return LogMath.logSumExp(logJoint(profile, null));
    }

    /** {@code ln P(row)} of a data row, whose unknown entries are users' missing values (no preference). */
    default double logLikelihoodOfRow(Profile row) {
        return LogMath.logSumExp(logJoint(row, missingMask(row)));
    }

    /**
     * The components a user may still belong to given what was revealed, for the γ = ∞ worst case. Never empty.
     *
     * @param posterior the posterior given {@code known} and {@code declined}
     */
    boolean[] live(double[] posterior, Profile known, boolean[] declined);

    /**
     * True when a user of a live component z may plausibly answer v about a; {@code v == schema().get(a).size()}
     * stands for "no preference".
     */
    boolean plausible(int z, int a, int v);

    /** Draws one user (component and complete profile) with the given generator. */
    Draw sample(SplittableRandom random);

    /** The model as JSON in its family's format (see the family's {@code toJson}). */
    String toJson();

    /** A user drawn from a model: the component and the complete profile. */
    record Draw(int cluster, Profile profile) {
    }

    /** The unknown entries of a row, as declines. */
    static boolean[] missingMask(Profile row) {
        boolean[] m = new boolean[row.size()];
        for (int a = 0; a < m.length; a++) {
            m[a] = !row.isKnown(a);
        }
        return m;
    }

    /**
     * Reads a model file of either family, dispatching on its {@code format} field.
     *
     * @throws IllegalArgumentException on malformed JSON, an unknown format or an invalid model
     */
    static PopulationModel fromJson(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("model JSON must be an object");
        }
        Object format = root.get("format");
        if (LatentClassModel.FORMAT.equals(format)) {
            return LatentClassModel.fromJson(json);
        }
        if (ExemplarModel.FORMAT.equals(format)) {
            return ExemplarModel.fromJson(json);
        }
        throw new IllegalArgumentException("not an Askwise model: format = " + format + "; expected "
            + LatentClassModel.FORMAT + " or " + ExemplarModel.FORMAT);
    }
}
