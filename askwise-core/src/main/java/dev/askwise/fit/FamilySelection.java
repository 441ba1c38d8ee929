package dev.askwise.fit;

import dev.askwise.data.Dataset;
import dev.askwise.model.ExemplarModel;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.PopulationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a population model between families and sizes by held-out log-likelihood: latent-class models with K in
 * [1, kMax] and the exemplar model are fitted on a seeded training share of the users and scored by the mean
 * log-likelihood per user of the rest (rows' missing values count as "no preference"); the best candidate is refitted
 * on all users. Latent-class models record the number of users they were fitted to (their plausibility threshold)
 * and the most attributes any of them declined ({@link LatentClassModel#withMaxDeclines}).
 */
public final class FamilySelection {

    private FamilySelection() {
    }

    /** Which families to consider. */
    public enum Family {
        AUTO, LATENT_CLASS, EXEMPLAR;

        /** Parses {@code auto}, {@code latent-class} or {@code exemplar}. */
        public static Family parse(String s) {
            return switch (s) {
                case "auto" -> AUTO;
                case "latent-class" -> LATENT_CLASS;
                case "exemplar" -> EXEMPLAR;
                default -> throw new IllegalArgumentException("model family must be auto, latent-class or exemplar: "
                    + s);
            };
        }
    }

    /**
     * One candidate's score.
     *
     * @param family        {@code latent-class} or {@code exemplar}
     * @param size          K, or the number of exemplars
     * @param heldOut       mean held-out log-likelihood per user (nats; higher is better)
     * @param chosen        whether it was chosen
     */
    public record Candidate(String family, int size, double heldOut, boolean chosen) implements java.io.Serializable {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        /** One table row. */
        public String describe() {
            return String.format(Locale.ROOT, "%-12s %6d %16.4f%s", family, size, heldOut, chosen ? "  <- chosen" : "");
        }

        /** The column heads of {@link #describe()}, aligned with it. */
        public static String header() {
            return String.format(Locale.ROOT, "%-12s %6s %16s", "family", "size", "held-out LL/user");
        }
    }

    /** The chosen model (refitted on all users) and every candidate. */
    public record Selection(PopulationModel model, List<Candidate> candidates) {
        /** Copies the list. */
        public Selection {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * Options.
     *
     * @param family   the families to consider
     * @param kMax     largest K of latent-class candidates (≥ 1); with {@code fixedK} &gt; 0 only that K
     * @param fixedK   a fixed K (0: try 1..kMax)
     * @param holdOut  share of users held out for scoring, in (0, 1)
     * @param fit      EM options (clusters is overridden per candidate)
     * @param exemplar exemplar options
     */
    public record Options(Family family, int kMax, int fixedK, double holdOut, FitOptions fit,
                          ExemplarFitter.Options exemplar) {
        /** Validates. */
        public Options {
            if (kMax < 1) {
                throw new IllegalArgumentException("kMax must be >= 1: " + kMax);
            }
            if (fixedK < 0) {
                throw new IllegalArgumentException("clusters must be >= 0 (0 = choose): " + fixedK);
            }
            if (!(holdOut > 0 && holdOut < 1)) {
                throw new IllegalArgumentException("hold-out share must be in (0, 1): " + holdOut);
            }
        }

        /** Both families, K in 1..8, 20% held out. */
        public static Options defaults(long seed) {
            return new Options(Family.AUTO, 8, 0, 0.2, FitOptions.builder().clusters(1).restarts(3).seed(seed).build(),
                ExemplarFitter.Options.defaults());
        }

        /** These options with another family. */
        public Options withFamily(Family f) {
            return new Options(f, kMax, fixedK, holdOut, fit, exemplar);
        }

        /** These options with a fixed K (0 = choose). */
        public Options withClusters(int k) {
            return new Options(family, kMax, k, holdOut, fit, exemplar);
        }
    }

    /**
     * Selects and refits.
     *
     * @throws IllegalArgumentException with fewer than 5 users when a choice is made (too few to hold any out)
     */
    public static Selection select(Dataset users, Options o) {
        boolean onlyOne = o.family() != Family.AUTO
            && (o.family() == Family.EXEMPLAR || o.fixedK() > 0);
        if (!onlyOne && users.size() < 5) {
            throw new IllegalArgumentException("choosing a model by held-out likelihood needs at least 5 users: "
                + users.size());
        }
        if (onlyOne) {
            PopulationModel m = o.family() == Family.EXEMPLAR ? ExemplarFitter.fit(users, o.exemplar())
                : latentClass(users, o.fixedK(), o.fit());
            return new Selection(m, List.of(new Candidate(m.family(), m.components(), Double.NaN, true)));
        }
        int[] folds = users.folds(Math.max(2, (int) Math.round(1 / o.holdOut())), o.fit().seed());
        Dataset train = users.subset(Dataset.indices(folds, 0, true));
        Dataset test = users.subset(Dataset.indices(folds, 0, false));
        List<Candidate> cands = new ArrayList<>();
        List<Object> specs = new ArrayList<>();
        if (o.family() != Family.EXEMPLAR) {
            int lo = o.fixedK() > 0 ? o.fixedK() : 1;
            int hi = o.fixedK() > 0 ? o.fixedK() : o.kMax();
            for (int k = lo; k <= hi; k++) {
                LatentClassModel m = latentClass(train, k, o.fit());
                cands.add(new Candidate(m.family(), k, heldOut(m, test), false));
                specs.add(k);
            }
        }
        if (o.family() != Family.LATENT_CLASS) {
            ExemplarModel m = ExemplarFitter.fit(train, o.exemplar());
            cands.add(new Candidate(m.family(), m.components(), heldOut(m, test), false));
            specs.add("exemplar");
        }
        int best = 0;
        for (int i = 1; i < cands.size(); i++) {
            if (cands.get(i).heldOut() > cands.get(best).heldOut()) {
                best = i;
            }
        }
        Candidate b = cands.get(best);
        cands.set(best, new Candidate(b.family(), b.size(), b.heldOut(), true));
        PopulationModel model = specs.get(best) instanceof Integer k ? latentClass(users, k, o.fit())
            : ExemplarFitter.fit(users, o.exemplar());
        return new Selection(model, cands);
    }

    private static LatentClassModel latentClass(Dataset users, int k, FitOptions fit) {
        return LatentClassFitter.fit(users, fit.withClusters(k)).model().withTrainingUsers(users.size())
            .withMaxDeclines(mostDeclines(users));
    }

    /** The most unknown values ("no preference") of any user of a data set (0 for none). */
    public static int mostDeclines(Dataset users) {
        int most = 0;
        int n = users.schema().size();
        for (int i = 0; i < users.size(); i++) {
            int d = 0;
            for (int a = 0; a < n; a++) {
                d += users.profile(i).isKnown(a) ? 0 : 1;
            }
            most = Math.max(most, d);
        }
        return most;
    }

    /** Mean log-likelihood per user of a data set under a model (rows' unknown entries are "no preference"). */
    public static double heldOut(PopulationModel model, Dataset users) {
        double total = 0;
        for (int i = 0; i < users.size(); i++) {
            total += model.logLikelihoodOfRow(users.profile(i));
        }
        return total / users.size();
    }
}
