package dev.askwise.fit;

import dev.askwise.data.CodedRows;
import dev.askwise.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Chooses the number of clusters K by BIC or by cross-validated held-out log-likelihood. */
public final class ModelSelection {

    private ModelSelection() {
    }

    /** The score of one candidate K. */
    public record Candidate(int clusters, double score, @Nullable FitResult fit) {
    }

    /** The chosen fit and every candidate's score. */
    public record Selection(FitResult best, List<Candidate> candidates, String criterion) {
        /** Copies the list. */
        public Selection {
            candidates = List.copyOf(candidates);
        }
    }

    /** Fits each K in [kMin, kMax] and keeps the lowest BIC. */
    public static Selection byBic(Dataset data, int kMin, int kMax, FitOptions options) {
        checkRange(kMin, kMax);
        List<Candidate> cands = new ArrayList<>();
        Candidate best = null;
        for (int k = kMin; k <= kMax; k++) {
            FitResult fit = LatentClassFitter.fit(data, options.withClusters(k));
            Candidate c = new Candidate(k, fit.bic(), fit);
            cands.add(c);
            if (best == null || c.score() < best.score()) {
                best = c;
            }
        }
        Candidate chosen = Objects.requireNonNull(best, "kMin <= kMax");
        return new Selection(Objects.requireNonNull(chosen.fit(), "a BIC candidate has its fit"), cands, "bic");
    }

    /** Fits each K in [kMin, kMax] to coded rows (all cores), telling the listener each iteration; lowest BIC wins. */
    public static Selection byBic(CodedRows rows, int kMin, int kMax, FitOptions options, FitListener listener) {
        checkRange(kMin, kMax);
        List<Candidate> cands = new ArrayList<>();
        Candidate best = null;
        for (int k = kMin; k <= kMax; k++) {
            FitResult fit = LatentClassFitter.fit(rows, options.withClusters(k), true, listener);
            Candidate c = new Candidate(k, fit.bic(), fit);
            cands.add(c);
            if (best == null || c.score() < best.score()) {
                best = c;
            }
        }
        Candidate chosen = Objects.requireNonNull(best, "kMin <= kMax");
        return new Selection(Objects.requireNonNull(chosen.fit(), "a BIC candidate has its fit"), cands, "bic");
    }

    /**
     * For each K in [kMin, kMax], the mean held-out log-likelihood per user over {@code folds}-fold cross-validation;
     * the K with the highest is refitted on all data.
     */
    public static Selection byHeldOut(Dataset data, int kMin, int kMax, int folds, FitOptions options) {
        checkRange(kMin, kMax);
        if (data.size() < folds) {
            throw new IllegalArgumentException("choosing K by held-out likelihood (" + folds + "-fold) needs at least "
                + folds + " users: " + data.size());
        }
        int[] assignment = data.folds(folds, options.seed());
        List<Candidate> cands = new ArrayList<>();
        int bestK = kMin;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = kMin; k <= kMax; k++) {
            double total = 0;
            for (int f = 0; f < folds; f++) {
                Dataset train = data.subset(Dataset.indices(assignment, f, true));
                Dataset test = data.subset(Dataset.indices(assignment, f, false));
                FitResult fit = LatentClassFitter.fit(train, options.withClusters(k));
                total += LatentClassFitter.logLikelihood(fit.model(), test);
            }
            double score = total / data.size();
            cands.add(new Candidate(k, score, null));
            if (score > bestScore) {
                bestScore = score;
                bestK = k;
            }
        }
        return new Selection(LatentClassFitter.fit(data, options.withClusters(bestK)), cands, "held-out");
    }

    private static void checkRange(int kMin, int kMax) {
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("cluster range must satisfy 1 <= kMin <= kMax: " + kMin + ".." + kMax);
        }
    }
}
