package dev.askwise.analysis;

import dev.askwise.math.LogMath;
import dev.askwise.model.SymmetricMixture;

/**
 * The utility distribution of a mixture of (cluster, k, g) outcomes, produced lazily level by level from the lowest
 * utility upward. Utility {@code U = n − c·k − m}, so ascending utility is descending mistakes m. Used for the
 * lexicographic (γ = ∞) order of MODEL-NOTES §2, which is almost always decided at the first one or two levels.
 */
final class LevelSource {

    private final SymmetricMixture model;
    private final int n;
    private final double cost;
    private final double[] logWeight;
    private final int[] cluster;
    private final int[] k;
    private final int[] g;
    private final int[] lo;
    private final int[] hi;
    private final int[] cursor;
    private int count;

    /** The level just produced by {@link #advance()}. */
    double utility;
    double logMass;

    LevelSource(SymmetricMixture model, double cost, int capacity) {
        this.model = model;
        this.n = model.n();
        this.cost = cost;
        this.logWeight = new double[capacity];
        this.cluster = new int[capacity];
        this.k = new int[capacity];
        this.g = new int[capacity];
        this.lo = new int[capacity];
        this.hi = new int[capacity];
        this.cursor = new int[capacity];
    }

    /** Adds the component "cluster, k questions, response g" with weight {@code exp(logWeight)}. */
    void add(double logW, int cl, int kk, int gg) {
        if (logW == Double.NEGATIVE_INFINITY) {
            return;
        }
        int i = count++;
        logWeight[i] = logW;
        cluster[i] = cl;
        k[i] = kk;
        g[i] = gg;
        int guessed = n - kk;
        if (model.eps() > 0.0) {
            lo[i] = 0;
            hi[i] = guessed;
        } else {
            int m = cl == 0 ? gg : guessed - gg;
            lo[i] = m;
            hi[i] = m;
        }
        cursor[i] = hi[i];
    }

    int components() {
        return count;
    }

    /** Moves to the next utility level with positive mass; false when none is left. */
    boolean advance() {
        while (true) {
            // the lowest utility among the components' next levels
            double lowest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                if (cursor[i] >= lo[i]) {
                    lowest = Math.min(lowest, utilityOf(i, cursor[i]));
                }
            }
            if (lowest == Double.POSITIVE_INFINITY) {
                return false;
            }
            double mass = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                if (cursor[i] >= lo[i] && Math.abs(utilityOf(i, cursor[i]) - lowest) < 1e-9) {
                    mass = LogMath.logSumExp(mass, logWeight[i] + model.logMistakes(cluster[i], k[i], g[i], cursor[i]));
                    cursor[i]--;
                }
            }
            if (mass != Double.NEGATIVE_INFINITY) {
                utility = lowest;
                logMass = mass;
                return true;
            }
        }
    }

    private double utilityOf(int i, int m) {
        return n - cost * k[i] - m;
    }

    /**
     * Compares two distributions lexicographically (MODEL-NOTES §2): the one whose lowest utility is higher wins;
     * at equal lowest utility the one with less mass there wins; and so on upward, for at most maxLevels levels.
     *
     * @return positive if a is better, negative if b is better, 0 if tied within maxLevels levels
     */
    static int compare(LevelSource a, LevelSource b, int maxLevels) {
        for (int level = 0; level < maxLevels; level++) {
            boolean hasA = a.advance();
            boolean hasB = b.advance();
            if (!hasA || !hasB) {
                return 0;
            }
            if (Math.abs(a.utility - b.utility) > 1e-9) {
                return a.utility > b.utility ? 1 : -1;
            }
            if (Math.abs(a.logMass - b.logMass) > 1e-9) {
                return a.logMass < b.logMass ? 1 : -1;
            }
        }
        return 0;
    }
}
