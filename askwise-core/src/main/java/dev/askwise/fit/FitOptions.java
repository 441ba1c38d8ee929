package dev.askwise.fit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link LatentClassFitter}: number of clusters, seeded restarts, Dirichlet smoothing, convergence tolerance
 * and iteration cap. Built with {@link #builder()}; a builder refuses an option set twice. Immutable.
 *
 * @param clusters      K ≥ 1
 * @param restarts      EM runs from different seeded starts; the best final objective wins (≥ 1)
 * @param seed          seed of the starts: same data, options and seed give the same model
 * @param smoothing     Dirichlet pseudo-count α &gt; 0 added to every value count and cluster count (MAP estimate)
 * @param tolerance     stop when the objective improves by less than tolerance × |objective| (&gt; 0)
 * @param maxIterations iteration cap per restart (≥ 1); hitting it is reported as not converged
 */
public record FitOptions(int clusters, int restarts, long seed, double smoothing, double tolerance,
                         int maxIterations) {

    /** Validates every option. */
    public FitOptions {
        if (clusters < 1 || clusters > 1000) {
            throw new IllegalArgumentException("clusters must be in [1, 1000]: " + clusters);
        }
        if (restarts < 1 || restarts > 1000) {
            throw new IllegalArgumentException("restarts must be in [1, 1000]: " + restarts);
        }
        if (!(smoothing > 0.0) || Double.isInfinite(smoothing)) {
            throw new IllegalArgumentException("smoothing must be > 0 and finite: " + smoothing);
        }
        if (!(tolerance > 0.0 && tolerance < 1.0)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1): " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
        }
    }

    /** A builder with defaults: 2 clusters, 5 restarts, seed 1, smoothing 1, tolerance 1e-7, 500 iterations. */
    public static Builder builder() {
        return new Builder();
    }

    /** This configuration with another number of clusters (for model selection). */
    public FitOptions withClusters(int k) {
        return new FitOptions(k, restarts, seed, smoothing, tolerance, maxIterations);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "K=%d restarts=%d seed=%d smoothing=%s tolerance=%s maxIterations=%d",
            clusters, restarts, seed, smoothing, tolerance, maxIterations);
    }

    /** Builder of {@link FitOptions}; each option may be set once. */
    public static final class Builder {
        private @Nullable Integer clusters;
        private @Nullable Integer restarts;
        private @Nullable Long seed;
        private @Nullable Double smoothing;
        private @Nullable Double tolerance;
        private @Nullable Integer maxIterations;

        private static void requireUnset(@Nullable Object current, String name) {
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
        }

        public Builder clusters(int k) {
            requireUnset(clusters, "clusters");
            clusters = k;
            return this;
        }

        public Builder restarts(int r) {
            requireUnset(restarts, "restarts");
            restarts = r;
            return this;
        }

        public Builder seed(long s) {
            requireUnset(seed, "seed");
            seed = s;
            return this;
        }

        public Builder smoothing(double alpha) {
            requireUnset(smoothing, "smoothing");
            smoothing = alpha;
            return this;
        }

        public Builder tolerance(double tol) {
            requireUnset(tolerance, "tolerance");
            tolerance = tol;
            return this;
        }

        public Builder maxIterations(int n) {
            requireUnset(maxIterations, "maxIterations");
            maxIterations = n;
            return this;
        }

        public FitOptions build() {
            return new FitOptions(clusters == null ? 2 : clusters, restarts == null ? 5 : restarts,
                seed == null ? 1L : seed, smoothing == null ? 1.0 : smoothing, tolerance == null ? 1e-7 : tolerance,
                maxIterations == null ? 500 : maxIterations);
        }
    }
}
