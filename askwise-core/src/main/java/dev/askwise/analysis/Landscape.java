package dev.askwise.analysis;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.stream.IntStream;

/**
 * The optimal number of questions k* over a grid of cluster shares p and flip rates ε (seed 000, Figure 4), computed
 * in parallel on the common fork-join pool.
 */
public final class Landscape {

    private Landscape() {
    }

    /**
     * Returns {@code kStar[i][j]} for {@code ps[i]} and {@code epss[j]}.
     *
     * @throws IllegalArgumentException if any grid value or parameter is out of range (checked before any work)
     */
    public static int[][] kStar(int n, double cost, WelfareFunction welfare, double[] ps, double[] epss) {
        for (double p : ps) {
            SymmetricMixture.of(n, p, 0.0);
        }
        for (double e : epss) {
            SymmetricMixture.of(n, 0.5, e);
        }
        StylizedAnalysis.validate(SymmetricMixture.of(n, 0.5, 0.0), cost, welfare);
        int[][] out = new int[ps.length][epss.length];
        IntStream.range(0, ps.length * epss.length).parallel().forEach(idx -> {
            int i = idx / epss.length;
            int j = idx % epss.length;
            out[i][j] = StylizedAnalysis.optimalK(SymmetricMixture.of(n, ps[i], epss[j]), cost, welfare);
        });
        return out;
    }
}
