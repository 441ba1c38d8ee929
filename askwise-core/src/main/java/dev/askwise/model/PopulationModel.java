package dev.askwise.model;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.io.Json;
import dev.askwise.math.LogMath;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

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
 * A plausible user is a component (of weight at least {@link #minimumWeight()}) together with a complete set of
 * answers jointly within {@link #deviationBudget()} nats of the component's most likely answers; {@link #budgets}
 * says which components still hold plausible users consistent with what was revealed, and how much of the budget
 * is left to them. The set of plausible users is fixed, so the planner's γ = ∞ value is a true worst case over it.
 * Each family documents its budget.
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
    double[] logJoint(Profile profile, boolean @Nullable [] declined);

    /**
     * The posterior over components given revealed values and declined attributes (sums to 1).
     *
     * @throws IllegalArgumentException if the profile has probability 0 under the model
     */
    double[] posterior(Profile profile, boolean @Nullable [] declined);

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
     * The plausibility budget B (nats) of the γ = ∞ worst case: within a live component, a user's answers on the
     * attributes not yet revealed are plausible when their joint log-probability is within B of the component's most
     * likely answers. 0 means "the component's most likely answers only".
     */
    double deviationBudget();

    /**
     * The probability that a user of component z answers category c about a: a value {@code (1 − missing)·θ}, or
     * {@code c == schema().get(a).size()} for "no preference" ({@code missing}).
     */
    default double categoryProbability(int z, int a, int c) {
        int size = schema().get(a).size();
        double miss = missingProbability(z, a);
        return c == size ? miss : (1 - miss) * probability(z, a, c);
    }

    /** Component z's most likely answer category about a (ties: the lower index; "no preference" last). */
    default int modeCategory(int z, int a) {
        int size = schema().get(a).size();
        int best = 0;
        double bestP = -1;
        for (int c = 0; c <= size; c++) {
            double p = categoryProbability(z, a, c);
            if (p > bestP * (1 + 1e-12) + 1e-300) {
                bestP = p;
                best = c;
            }
        }
        return best;
    }

    /** Smallest prior weight of a component that can hold plausible users (0: every component can). */
    default double minimumWeight() {
        return 0.0;
    }

    /** {@code ln P(most likely answer) − ln P(v)} in component z (+∞ when v is impossible there). */
    default double answerCost(int z, int a, int v) {
        double p = categoryProbability(z, a, v);
        if (!(p > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0.0, Math.log(categoryProbability(z, a, modeCategory(z, a))) - Math.log(p));
    }

    /**
     * The plausible users consistent with what was revealed, for the γ = ∞ worst case. A plausible user is a
     * component of weight at least {@link #minimumWeight()} with a complete set of answers whose total
     * {@link #answerCost} is at most {@link #deviationBudget()}; the revealed answers already spend part of it. Element
     * z is the budget left to component z's plausible users, or NaN when no plausible user of z gave these answers.
     * When no component has any (the user is implausible under the model), the components that spent the least keep a
     * budget of 0 (their most likely answers only). Never all NaN. Declines on an attribute no component declines are
     * ignored, as in {@link #logJoint}.
     */
    default double[] budgets(Profile known, boolean[] declined) {
        int k = components();
        int n = schema().size();
        double budget = deviationBudget();
        double[] spent = new double[k];
        double least = Double.POSITIVE_INFINITY;
        for (int z = 0; z < k; z++) {
            if (weight(z) < minimumWeight()) {
                spent[z] = Double.NaN;
                continue;
            }
            double sp = 0;
            for (int a = 0; a < n && sp < Double.POSITIVE_INFINITY; a++) {
                int v = known.value(a);
                if (v != Profile.UNKNOWN) {
                    sp += answerCost(z, a, v);
                } else if (declined != null && declined[a] && declinableAnywhere(a)) {
                    sp += answerCost(z, a, schema().get(a).size());
                }
            }
            spent[z] = sp;
            least = Math.min(least, sp);
        }
        double[] out = new double[k];
        boolean any = false;
        for (int z = 0; z < k; z++) {
            out[z] = !Double.isNaN(spent[z]) && spent[z] <= budget + 1e-12 ? Math.max(0.0, budget - spent[z])
                : Double.NaN;
            any |= !Double.isNaN(out[z]);
        }
        if (!any) {
            for (int z = 0; z < k; z++) {
                boolean tied = !Double.isNaN(spent[z]) && (spent[z] == least
                    || spent[z] - least <= 1e-9 * Math.max(1.0, Math.abs(least)));
                out[z] = tied ? 0.0 : Double.NaN;
            }
            if (least == Double.POSITIVE_INFINITY) { // nothing can produce these answers: keep the heaviest
                int best = 0;
                for (int z = 1; z < k; z++) {
                    if (weight(z) > weight(best)) {
                        best = z;
                    }
                }
                out[best] = 0.0;
            }
        }
        return out;
    }

    /** True when some component gives "no preference" on a a positive probability. */
    default boolean declinableAnywhere(int a) {
        for (int z = 0; z < components(); z++) {
            if (missingProbability(z, a) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when a user of a live component z may plausibly answer v about a ({@code v == schema().get(a).size()}
     * stands for "no preference"): its log-probability is within {@link #deviationBudget()} of the most likely
     * answer's.
     */
    default boolean plausible(int z, int a, int v) {
        return answerCost(z, a, v) <= deviationBudget() + 1e-12;
    }

    /**
     * The most attributes a plausible user declines in all, revealed declines included ({@link Integer#MAX_VALUE}: no
     * limit, the default). A model fitted to data records the most "no preference" answers any training user gave
     * ({@link LatentClassModel#withMaxDeclines}): conditionally independent declines would otherwise make a user who
     * declines everything plausible, whom no question can help, and the γ = ∞ planner would stop asking for their sake.
     */
    default int maxDeclines() {
        return Integer.MAX_VALUE;
    }

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
