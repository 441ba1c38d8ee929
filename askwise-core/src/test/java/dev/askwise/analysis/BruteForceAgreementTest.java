package dev.askwise.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.NavigableMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast solver against {@link BruteForce} (all 2^n preference vectors, all 2^(n−k) response vectors) on a seeded
 * random grid: n ≤ 12, random p, ε, c, γ ∈ {0, 0.5, 1, 2, 5, ∞}, plus the edge values of p and ε.
 */
class BruteForceAgreementTest {

    private static final double[] GAMMAS = {0, 0.5, 1, 2, 5, Double.POSITIVE_INFINITY};

    record Case(int n, double p, double eps, double cost, double gamma, double shift) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "n=%d p=%.3f eps=%.3f c=%.3f gamma=%s s=%.2f", n, p, eps, cost,
                WelfareFunction.formatGamma(gamma), shift);
        }
    }

    static Stream<Arguments> grid() {
        SplittableRandom random = new SplittableRandom(20261122L);
        List<Arguments> cases = new ArrayList<>();
        double[] edgeP = {0.0, 1.0, 0.5};
        double[] edgeEps = {0.0, 0.5};
        for (int i = 0; i < 48; i++) {
            int n = i < 6 ? 11 + (i % 2) : 1 + random.nextInt(9);
            double p = i % 7 == 0 ? edgeP[random.nextInt(edgeP.length)] : random.nextDouble();
            double eps = i % 5 == 0 ? edgeEps[random.nextInt(edgeEps.length)] : 0.5 * random.nextDouble();
            double cost = i % 9 == 0 ? 0.0 : 2.0 * random.nextDouble();
            double gamma = GAMMAS[i % GAMMAS.length];
            double shift = 1.0 + Math.max(0.0, n * (cost - 1.0));
            cases.add(Arguments.of(new Case(n, p, eps, cost, gamma, shift)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grid")
    void fixedKWelfareResponsesAndKStarAgreeWithEnumeration(Case c) {
        SymmetricMixture model = SymmetricMixture.of(c.n(), c.p(), c.eps());
        WelfareFunction welfare = WelfareFunction.of(c.gamma(), c.shift());
        Analysis fast = StylizedAnalysis.analyze(model, c.cost(), welfare, false);
        BruteForce brute = new BruteForce(c.n(), c.p(), c.eps(), c.cost(), c.gamma(), c.shift());
        List<BruteForce.KResult> ref = brute.solveAll();
        for (int k = 0; k <= c.n(); k++) {
            FixedK f = fast.forK(k);
            BruteForce.KResult b = ref.get(k);
            assertThat(f.ede()).as("EDE at k=%d", k).isCloseTo(b.ede(), within(1e-9));
            for (int pattern = 0; pattern < (1 << k); pattern++) {
                int r = Integer.bitCount(pattern);
                if (b.bestY()[pattern] < 0) {
                    assertThat(f.response(r)).as("unreachable r=%d at k=%d", r, k).isEqualTo(-1);
                    continue;
                }
                // the fast g*(r), written as a response vector, must be as good as the best of all 2^(n-k) vectors
                int y = (1 << f.response(r)) - 1;
                if (brute.maximin()) {
                    NavigableMap<Double, Double> mine = brute.distribution(k, pattern, y);
                    NavigableMap<Double, Double> best = brute.distribution(k, pattern, b.bestY()[pattern]);
                    assertThat(BruteForce.lex(mine, best)).as("lex order of g*(%d) at k=%d", r, k).isZero();
                } else {
                    double mine = brute.value(k, pattern, y);
                    double best = brute.value(k, pattern, b.bestY()[pattern]);
                    assertThat(mine).as("objective of g*(%d) at k=%d", r, k)
                        .isCloseTo(best, within(1e-9 * Math.max(1, Math.abs(best))));
                }
            }
            if (!brute.maximin() || f.ede() == b.ede()) {
                assertThat(f.meanUtility()).as("E[U] at k=%d", k).isCloseTo(b.meanUtility(), within(1e-9));
            }
        }
        assertThat(fast.kStar()).isEqualTo(BruteForce.kStar(ref, brute.maximin()));
    }

    static Stream<Arguments> adaptiveGrid() {
        SplittableRandom random = new SplittableRandom(7L);
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = 1 + random.nextInt(7);
            double p = i % 6 == 0 ? 0.5 : random.nextDouble();
            double eps = i % 8 == 0 ? 0.0 : 0.5 * random.nextDouble();
            double cost = i % 5 == 0 ? 1.0 : 1.5 * random.nextDouble();
            double gamma = GAMMAS[i % GAMMAS.length];
            double shift = 1.0 + Math.max(0.0, n * (cost - 1.0));
            cases.add(Arguments.of(new Case(n, p, eps, cost, gamma, shift)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adaptiveGrid")
    void adaptivePolicyAgreesWithRecursionOverAnswerSequences(Case c) {
        SymmetricMixture model = SymmetricMixture.of(c.n(), c.p(), c.eps());
        Analysis fast = StylizedAnalysis.analyze(model, c.cost(), WelfareFunction.of(c.gamma(), c.shift()));
        BruteForce.AdaptiveResult ref =
            new BruteForce(c.n(), c.p(), c.eps(), c.cost(), c.gamma(), c.shift()).adaptive();
        assertThat(fast.adaptive().ede()).isCloseTo(ref.ede(), within(1e-9));
        assertThat(fast.adaptive().meanQuestions()).isCloseTo(ref.meanQuestions(), within(1e-9));
        assertThat(fast.adaptive().gainOverBestFixed()).isGreaterThanOrEqualTo(-1e-12);
    }
}
