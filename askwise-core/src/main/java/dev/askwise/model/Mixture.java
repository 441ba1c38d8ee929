package dev.askwise.model;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.math.LogMath;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The shared arithmetic of every population model: a finite mixture of components within which attributes are
 * independent categoricals, with an optional per-component probability of "no preference". Parameters are stored flat
 * and contiguous as [attribute][value][component] (the inner loop of every posterior update, predictive and answer
 * distribution runs over components), with log-parameters computed once. Immutable; package-private.
 */
final class Mixture {

    final Schema schema;
    final int k;
    final int[] offset; // offset[a]: start of attribute a in theta/logTheta; entry (a, v, z) at offset[a] + v*k + z
    final double[] weight;
    final double[] logWeight;
    final double[] theta;
    final double[] logTheta;
    /** keep[a*k + z] = 1 − missing; logKeep, logMissing likewise; all null when no component ever declines. */
    final double @Nullable [] missing;
    final double @Nullable [] keep;
    final double @Nullable [] logKeep;
    final double @Nullable [] logMissing;
    final boolean[] declinable;

    Mixture(Schema schema, double[] weights, double[][][] thetaZav, double @Nullable [][] missingZa) {
        this.schema = schema;
        this.k = weights.length;
        int n = schema.size();
        this.offset = new int[n + 1];
        for (int a = 0; a < n; a++) {
            offset[a + 1] = offset[a] + schema.get(a).size() * k;
        }
        this.weight = weights.clone();
        this.logWeight = new double[k];
        for (int z = 0; z < k; z++) {
            logWeight[z] = Math.log(weights[z]);
        }
        this.theta = new double[offset[n]];
        this.logTheta = new double[offset[n]];
        for (int a = 0; a < n; a++) {
            for (int v = 0; v < schema.get(a).size(); v++) {
                for (int z = 0; z < k; z++) {
                    double t = thetaZav[z][a][v];
                    theta[offset[a] + v * k + z] = t;
                    logTheta[offset[a] + v * k + z] = Math.log(t);
                }
            }
        }
        if (missingZa == null) {
            missing = null;
            keep = null;
            logKeep = null;
            logMissing = null;
            declinable = new boolean[n];
        } else {
            missing = new double[n * k];
            keep = new double[n * k];
            logKeep = new double[n * k];
            logMissing = new double[n * k];
            declinable = new boolean[n];
            for (int a = 0; a < n; a++) {
                for (int z = 0; z < k; z++) {
                    double m = missingZa[z][a];
                    missing[a * k + z] = m;
                    keep[a * k + z] = 1 - m;
                    logKeep[a * k + z] = Math.log1p(-m);
                    logMissing[a * k + z] = Math.log(m);
                    declinable[a] |= m > 0;
                }
            }
        }
    }

    double theta(int z, int a, int v) {
        return theta[offset[a] + v * k + z];
    }

    double logTheta(int z, int a, int v) {
        return logTheta[offset[a] + v * k + z];
    }

    double missing(int z, int a) {
        return missing == null ? 0.0 : missing[a * k + z];
    }

    double[] logJoint(Profile profile, boolean @Nullable [] declined) {
        if (profile.size() != schema.size()) {
            throw new IllegalArgumentException("profile has " + profile.size() + " attributes, model "
                + schema.size());
        }
        if (declined != null && declined.length != schema.size()) {
            throw new IllegalArgumentException("declined has " + declined.length + " entries, model "
                + schema.size());
        }
        double[] lj = logWeight.clone();
        for (int a = 0; a < schema.size(); a++) {
            int v = profile.value(a);
            if (v != Profile.UNKNOWN) {
                int base = offset[a] + v * k;
                for (int z = 0; z < k; z++) {
                    lj[z] += logTheta[base + z] + (logKeep == null ? 0.0 : logKeep[a * k + z]);
                }
            } else if (declined != null && declined[a] && logMissing != null && declinable[a]) {
                for (int z = 0; z < k; z++) {
                    lj[z] += logMissing[a * k + z];
                }
            }
        }
        return lj;
    }

    double[] posterior(Profile profile, boolean @Nullable [] declined) {
        double[] lj = logJoint(profile, declined);
        double norm = LogMath.logSumExp(lj);
        if (norm == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("profile has probability 0 under the model: " + profile);
        }
        double[] post = new double[k];
        for (int z = 0; z < k; z++) {
            post[z] = Math.exp(lj[z] - norm);
        }
        return post;
    }

    double[] predictive(double[] posterior, int a) {
        int size = schema.get(a).size();
        double[] out = new double[size];
        for (int v = 0; v < size; v++) {
            int base = offset[a] + v * k;
            double s = 0;
            for (int z = 0; z < k; z++) {
                s += posterior[z] * theta[base + z];
            }
            out[v] = s;
        }
        return out;
    }

    double[] answerDistribution(double[] posterior, int a) {
        int size = schema.get(a).size();
        double[] out = new double[size + 1];
        if (missing == null || keep == null) {
            double[] p = predictive(posterior, a);
            System.arraycopy(p, 0, out, 0, size);
            return out;
        }
        for (int v = 0; v < size; v++) {
            int base = offset[a] + v * k;
            double s = 0;
            for (int z = 0; z < k; z++) {
                s += posterior[z] * keep[a * k + z] * theta[base + z];
            }
            out[v] = s;
        }
        double m = 0;
        for (int z = 0; z < k; z++) {
            m += posterior[z] * missing[a * k + z];
        }
        out[size] = m;
        return out;
    }

    double[] updateDeclined(double[] posterior, int a) {
        if (missing == null) {
            return posterior.clone();
        }
        double[] out = new double[k];
        double total = 0;
        for (int z = 0; z < k; z++) {
            out[z] = posterior[z] * missing[a * k + z];
            total += out[z];
        }
        if (!(total > 0)) {
            return posterior.clone();
        }
        double inv = 1.0 / total;
        for (int z = 0; z < k; z++) {
            out[z] *= inv;
        }
        return out;
    }

    double[] update(double[] posterior, int a, int v) {
        double[] out = new double[k];
        double total = 0;
        int base = offset[a] + v * k;
        for (int z = 0; z < k; z++) {
            out[z] = posterior[z] * theta[base + z] * (keep == null ? 1.0 : keep[a * k + z]);
            total += out[z];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("observation " + schema.get(a).name() + " = " + v
                + " has probability 0 under the posterior");
        }
        double inv = 1.0 / total;
        for (int z = 0; z < k; z++) {
            out[z] *= inv;
        }
        return out;
    }

    PopulationModel.Draw sample(SplittableRandom random) {
        int z = draw(weight, random);
        int[] values = new int[schema.size()];
        for (int a = 0; a < values.length; a++) {
            int size = schema.get(a).size();
            double u = random.nextDouble();
            double acc = 0;
            int chosen = size - 1;
            for (int v = 0; v < size; v++) {
                acc += theta[offset[a] + v * k + z];
                if (u < acc) {
                    chosen = v;
                    break;
                }
            }
            values[a] = chosen;
        }
        return new PopulationModel.Draw(z, Profile.ofUnchecked(values));
    }

    private static int draw(double[] probs, SplittableRandom random) {
        double u = random.nextDouble();
        double acc = 0;
        for (int i = 0; i < probs.length; i++) {
            acc += probs[i];
            if (u < acc) {
                return i;
            }
        }
        return probs.length - 1;
    }
}
