package dev.askwise.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The solver at sizes enumeration cannot reach (n in the hundreds) and steep γ, against a reference written
 * separately here: for each r, every response g is valued by the direct convolution of the two binomial mistake counts
 * (no recursion, no scale: the power of U + s in log space, normalised by the largest term), the best g by a full scan,
 * and the power mean of the whole. An audit found n = 300, γ = 10 at k = 0 valued 126.9 instead of 149.1: the solver
 * compared objective values of about 1e-9 with an absolute tolerance of 1e-10, declared every response tied and took
 * g = 0 — serving one cluster only. Also: the adaptive policy, which may stop at k*, never does worse than it.
 */
class LargeModelAgreementTest {

    @ParameterizedTest(name = "n={0} gamma={1} k={2}")
    @CsvSource({"300, 10, 0", "300, 10, 5", "300, 10, 34", "1000, 10, 34", "500, 50, 10", "200, 2, 8", "200, 0.5, 3",
        "400, 1, 12"})
    void fixedKWelfareEqualsTheDirectSum(int n, double gamma, int k) {
        double p = 0.5;
        double eps = 0.1;
        double cost = 1.0;
        double shift = 1.0;
        Analysis fast = StylizedAnalysis.analyze(SymmetricMixture.of(n, p, eps), cost,
            WelfareFunction.of(gamma, shift), false);
        double reference = referenceEde(n, p, eps, cost, gamma, shift, k);
        assertThat(fast.forK(k).ede()).isCloseTo(reference, within(1e-9 * reference));
    }

    @ParameterizedTest(name = "n={0} gamma={1}")
    @CsvSource({"100, 10", "300, 10", "1000, 10", "500, 50", "1000, 30", "300, 100"})
    void adaptiveNeverLosesToTheBestFixedK(int n, double gamma) {
        Analysis a = StylizedAnalysis.analyze(SymmetricMixture.of(n, 0.5, 0.1), 1.0, WelfareFunction.of(gamma, 1.0));
        double bestFixed = a.byK().stream().mapToDouble(FixedK::ede).max().orElseThrow();
        assertThat(a.best().ede()).isCloseTo(bestFixed, within(1e-9 * bestFixed));
        assertThat(a.adaptive().ede()).isGreaterThanOrEqualTo(bestFixed - 1e-9 * bestFixed);
    }

    /** EDE of k questions with the best response per r, by direct sums (see the class comment). */
    static double referenceEde(int n, double p, double eps, double cost, double gamma, double shift, int k) {
        int guessed = n - k;
        double base = n - cost * k + shift;
        double q = 1.0 - gamma;
        // log of each cluster-0 user's E[(U+s)^q] (or E[ln(U+s)] at q = 0) per response g
        double[] e0 = new double[guessed + 1];
        for (int g = 0; g <= guessed; g++) {
            double[] ones = binomial(g, 1.0 - eps); // mistakes among the g guessed ones
            double[] zeros = binomial(guessed - g, eps); // mistakes among the guessed zeros
            double[] mistakes = new double[guessed + 1];
            for (int i = 0; i < ones.length; i++) {
                for (int j = 0; j < zeros.length; j++) {
                    mistakes[i + j] += ones[i] * zeros[j];
                }
            }
            e0[g] = q == 0.0 ? expectedLog(mistakes, base) : logExpectedPower(mistakes, base, q);
        }
        // sum over r of P(r) * best value; values kept as logs of |E[X^q]| for q != 0
        double[] pr = new double[k + 1];
        int[] best = new int[k + 1];
        double[] w1 = new double[k + 1];
        double[] rk0 = binomial(k, eps);
        double[] rk1 = binomial(k, 1.0 - eps);
        for (int r = 0; r <= k; r++) {
            pr[r] = p * rk0[r] + (1 - p) * rk1[r];
            w1[r] = (1 - p) * rk1[r] / pr[r];
            double top = Double.NEGATIVE_INFINITY;
            for (int g = 0; g <= guessed; g++) {
                double v = value(1 - w1[r], e0[g], w1[r], e0[guessed - g], q);
                if (v > top) {
                    top = v;
                    best[r] = g;
                }
            }
        }
        if (q == 0.0) {
            double mean = 0;
            for (int r = 0; r <= k; r++) {
                mean += pr[r] * ((1 - w1[r]) * e0[best[r]] + w1[r] * e0[guessed - best[r]]);
            }
            return Math.exp(mean) - shift;
        }
        // E[X^q] = sum over r, cluster of weights times exp(log terms): normalise by the largest log
        double largest = Double.NEGATIVE_INFINITY;
        for (double v : e0) {
            largest = Math.max(largest, v);
        }
        double sum = 0;
        for (int r = 0; r <= k; r++) {
            sum += pr[r] * ((1 - w1[r]) * Math.exp(e0[best[r]] - largest)
                + w1[r] * Math.exp(e0[guessed - best[r]] - largest));
        }
        return Math.exp((Math.log(sum) + largest) / q) - shift;
    }

    /**
     * A response's objective, up to a positive factor and a monotone map: E[ln X] at q = 0; otherwise E[X^q]/q is
     * increasing in sign(q)·log E[X^q], with log E[X^q] = log(w0·e^log0 + w1·e^log1) summed around the larger log.
     */
    private static double value(double w0, double log0, double w1, double log1, double q) {
        if (q == 0.0) {
            return w0 * log0 + w1 * log1;
        }
        double m = Math.max(log0, log1);
        return Math.signum(q) * (m + Math.log(w0 * Math.exp(log0 - m) + w1 * Math.exp(log1 - m)));
    }

    private static double logExpectedPower(double[] mistakes, double base, double q) {
        double largest = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < mistakes.length; m++) {
            if (mistakes[m] > 0) {
                largest = Math.max(largest, q * Math.log(base - m));
            }
        }
        double sum = 0;
        for (int m = 0; m < mistakes.length; m++) {
            sum += mistakes[m] * Math.exp(q * Math.log(base - m) - largest);
        }
        return Math.log(sum) + largest;
    }

    private static double expectedLog(double[] mistakes, double base) {
        double sum = 0;
        for (int m = 0; m < mistakes.length; m++) {
            sum += mistakes[m] * Math.log(base - m);
        }
        return sum;
    }

    /** Binomial(n, p) probabilities by multiplying out the product (no log-gamma). */
    private static double[] binomial(int n, double p) {
        double[] out = new double[n + 1];
        out[0] = 1.0;
        for (int t = 1; t <= n; t++) {
            for (int i = t; i >= 1; i--) {
                out[i] = out[i] * (1 - p) + out[i - 1] * p;
            }
            out[0] *= 1 - p;
        }
        return out;
    }
}
