package dev.askwise.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A seeded generator of SUSHI-like data: complete rankings of Kamishima's 10 sushi drawn from a mixture of Mallows
 * models, written in the format of {@code sushi3a.5000.10.order} so that {@link SushiLoader} reads them as it reads
 * the real file (which may not be redistributed).
 *
 * <p>Item ids are Kamishima's, 0-based: 0 ebi, 1 anago, 2 maguro, 3 ika, 4 uni, 5 ikura, 6 tamago, 7 toro,
 * 8 tekka-maki, 9 kappa-maki. A Mallows model with centre σ and dispersion φ ∈ [0, 1] gives a ranking π the
 * probability P(π) ∝ φ^d(π, σ), d the Kendall-tau distance (the number of discordant pairs; Mallows 1957). Rankings
 * are drawn exactly by the repeated insertion method (Doignon, Pekeč and Regenwetter 2004): the i-th item of σ is
 * inserted at position j ∈ {1, …, i} of the ranking built so far with probability φ^(i−j) / (1 + φ + … + φ^(i−1)).
 * φ = 1 is the uniform distribution; φ = 0 always returns σ.
 *
 * <p>The default parameters ({@link Parameters#defaults()}) are tuned so that the top-2 statistics look like the
 * real data: every one of the 45 unordered top-2 pairs occurs among 5000 users, toro is in about 55% of top-2s
 * (54.82% in the real data), and the rarest pair has about 0.1% of users. The exact top-2 probabilities of any
 * parameter set are available from {@link #topTwoProbability(int, int)}.
 *
 * <p>Instances are immutable and safe to share across threads; randomness comes only from the seed of each call.
 */
public final class SushiLike {

    /** Number of items, as in Kamishima's set A. */
    public static final int ITEMS = 10;
    /** Item id of toro (fatty tuna). */
    public static final int TORO = 7;
    /** Kamishima's item names by id (sushi3.idata, column 2). */
    public static final List<String> NAMES = List.of("ebi", "anago", "maguro", "ika", "uni", "ikura", "tamago", "toro",
        "tekka_maki", "kappa_maki");
    /** The most users one call may generate (a memory cap: one int[10] per user). */
    public static final int MAX_USERS = 10_000_000;

    /**
     * One Mallows component: a centre ranking (item ids, most preferred first), a dispersion φ and a mixture weight.
     *
     * @param centre a permutation of 0..{@value #ITEMS}−1
     * @param phi    dispersion in [0, 1]; θ = −ln φ is the usual concentration
     * @param weight mixture weight, finite and &gt; 0 (weights are normalised by their sum)
     */
    public record Component(List<Integer> centre, double phi, double weight) {

        /** @throws IllegalArgumentException if the centre is not a permutation of the items or φ, weight are out of range */
        public Component {
            centre = List.copyOf(centre);
            if (centre.size() != ITEMS) {
                throw new IllegalArgumentException("centre must rank " + ITEMS + " items: " + centre);
            }
            boolean[] seen = new boolean[ITEMS];
            for (int item : centre) {
                if (item < 0 || item >= ITEMS || seen[item]) {
                    throw new IllegalArgumentException("centre must be a permutation of 0-" + (ITEMS - 1) + ": "
                        + centre);
                }
                seen[item] = true;
            }
            if (!(phi >= 0 && phi <= 1)) {
                throw new IllegalArgumentException("phi must be in [0, 1]: " + phi);
            }
            if (!(weight > 0 && weight < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weight must be finite and > 0: " + weight);
            }
        }

        /** A component: its weight, then φ, then the centre's item ids, most preferred first. */
        public static Component of(double weight, double phi, int... centre) {
            return new Component(Arrays.stream(centre).boxed().toList(), phi, weight);
        }
    }

    /**
     * A mixture of Mallows components.
     *
     * @param components at least one component
     */
    public record Parameters(List<Component> components) {

        /** @throws IllegalArgumentException if there is no component */
        public Parameters {
            components = List.copyOf(components);
            if (components.isEmpty()) {
                throw new IllegalArgumentException("components must not be empty: []");
            }
        }

        /**
         * The SUSHI-like defaults: four taste groups, weights and dispersions tuned (random search on the exact
         * statistics, then rounded to two decimals) to the real data's top-2 statistics and to its Bayes-optimal
         * elicitation values. Exact top-2 statistics ({@link SushiLike#topTwoProbability}): toro in 54.38% of top-2s
         * (real 54.82%), the rarest pair (tamago, kappa-maki) 0.117% (real about 0.1%), the commonest (maguro, toro)
         * 18.2%; toro is the only item in more than half of the top-2s, so never-ask guesses toro only. With 5000
         * users (seed 1) the 5-fold held-out optimum at γ = 0 is 9.509 at c = 0.1 and 8.524 at c = 0.3 (real data
         * 9.5066 and 8.5191).
         * <ul>
         *   <li>tuna first (weight 0.35, φ 0.51): toro, maguro, tekka-maki, uni, ikura, anago, ebi, ika, tamago,
         *       kappa-maki;</li>
         *   <li>roe and urchin (0.09, φ 0.74): uni, ikura, toro, ebi, anago, maguro, ika, tekka-maki, tamago,
         *       kappa-maki;</li>
         *   <li>mild tastes (0.03, φ 0.82): ebi, anago, maguro, tamago, ika, toro, kappa-maki, tekka-maki, ikura,
         *       uni;</li>
         *   <li>broad tastes (0.53, φ 0.74): toro, ebi, maguro, anago, uni, ika, ikura, tekka-maki, tamago,
         *       kappa-maki.</li>
         * </ul>
         */
        public static Parameters defaults() {
            return new Parameters(List.of(
                Component.of(0.35, 0.51, 7, 2, 8, 4, 5, 1, 0, 3, 6, 9),
                Component.of(0.09, 0.74, 4, 5, 7, 0, 1, 2, 3, 8, 6, 9),
                Component.of(0.03, 0.82, 0, 1, 2, 6, 3, 7, 9, 8, 5, 4),
                Component.of(0.53, 0.74, 7, 0, 2, 1, 4, 3, 5, 8, 6, 9)));
        }
    }

    private final Parameters parameters;
    private final int[][] centres;
    private final double[] phis;
    private final double[] cumulative;

    private SushiLike(Parameters parameters) {
        this.parameters = parameters;
        List<Component> cs = parameters.components();
        centres = new int[cs.size()][];
        phis = new double[cs.size()];
        cumulative = new double[cs.size()];
        double total = cs.stream().mapToDouble(Component::weight).sum();
        double acc = 0;
        for (int k = 0; k < cs.size(); k++) {
            centres[k] = cs.get(k).centre().stream().mapToInt(Integer::intValue).toArray();
            phis[k] = cs.get(k).phi();
            acc += cs.get(k).weight() / total;
            cumulative[k] = acc;
        }
        cumulative[cs.size() - 1] = 1.0;
    }

    /** The generator with the given parameters. */
    public static SushiLike of(Parameters parameters) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null: null");
        }
        return new SushiLike(parameters);
    }

    /** The generator with {@link Parameters#defaults()}. */
    public static SushiLike defaults() {
        return of(Parameters.defaults());
    }

    public Parameters parameters() {
        return parameters;
    }

    /**
     * {@code users} rankings (item ids, most preferred first), the same for the same seed. Each user picks a component
     * by weight, then a ranking from it. Zero users gives an empty list.
     *
     * @throws IllegalArgumentException if users is outside [0, {@value #MAX_USERS}]
     */
    public List<int[]> rankings(int users, long seed) {
        checkUsers(users);
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            double x = random.nextDouble();
            int k = 0;
            while (x >= cumulative[k]) {
                k++;
            }
            out.add(mallows(centres[k], phis[k], random));
        }
        return out;
    }

    /**
     * Writes {@code users} rankings in Kamishima's {@code .order} format: the header {@code 10 1}, then per user
     * {@code 0 10 i1 … i10}, one line each, ending with a newline; the file is replaced if it exists.
     *
     * @throws IllegalArgumentException if users is outside [0, {@value #MAX_USERS}]
     * @throws UncheckedIOException     if the file cannot be written
     */
    public void writeOrder(Path file, int users, long seed) {
        List<int[]> rows = rankings(users, seed);
        StringBuilder sb = new StringBuilder(16 + rows.size() * 26);
        sb.append(ITEMS).append(" 1\n");
        for (int[] r : rows) {
            sb.append("0 ").append(ITEMS);
            for (int item : r) {
                sb.append(' ').append(item);
            }
            sb.append('\n');
        }
        try {
            Files.writeString(file, sb, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@link SushiLoader#loadTopT(Path, int) SushiLoader.loadTopT(dir, 2)} returns for the file
     * {@link #writeOrder} writes: one binary vector per user with ones at the top two items, attribute names
     * {@code item0} … {@code item9} (no item file), no covariates. Built by writing to a temporary directory and
     * reading it back.
     *
     * @throws IllegalArgumentException if users is outside [1, {@value #MAX_USERS}]
     */
    public Dataset dataset(int users, long seed) {
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be in [1, " + MAX_USERS + "]: " + users);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sushilike");
            writeOrder(dir.resolve(SushiLoader.ORDER_A), users, seed);
            return SushiLoader.loadTopT(dir, 2);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                deleteQuietly(dir);
            }
        }
    }

    /**
     * The exact probability that items a and b (in either order) are a user's top two. For one Mallows component,
     * P(first = a, second = b) = φ^r(a) / S(n) · φ^r'(b) / S(n−1), where r(a) is a's 0-based rank in the centre, r'(b)
     * b's rank in the centre without a, and S(m) = 1 + φ + … + φ^(m−1): the Kendall distance of a ranking that starts
     * a, b is r(a) + r'(b) plus the distance of the rest, and the rest sums to the same constant for every a, b.
     *
     * @throws IllegalArgumentException if a or b is outside [0, 9] or a == b
     */
    public double topTwoProbability(int a, int b) {
        checkItem("a", a);
        checkItem("b", b);
        if (a == b) {
            throw new IllegalArgumentException("b must differ from a: " + b);
        }
        double p = 0;
        double previous = 0;
        for (int k = 0; k < centres.length; k++) {
            double w = cumulative[k] - previous;
            previous = cumulative[k];
            p += w * (ordered(centres[k], phis[k], a, b) + ordered(centres[k], phis[k], b, a));
        }
        return p;
    }

    /** The exact probability that item a is in a user's top two (the sum of {@link #topTwoProbability} over b). */
    public double topTwoShare(int a) {
        checkItem("a", a);
        double p = 0;
        for (int b = 0; b < ITEMS; b++) {
            p += b == a ? 0 : topTwoProbability(a, b);
        }
        return p;
    }

    /** A one-line summary of the exact top-2 statistics, for logs and docs. */
    public String summary() {
        List<double[]> pairs = new ArrayList<>();
        for (int a = 0; a < ITEMS; a++) {
            for (int b = a + 1; b < ITEMS; b++) {
                pairs.add(new double[] {topTwoProbability(a, b), a, b});
            }
        }
        double[] min = pairs.stream().min(Comparator.comparingDouble(x -> x[0])).orElseThrow();
        double[] max = pairs.stream().max(Comparator.comparingDouble(x -> x[0])).orElseThrow();
        return String.format(Locale.ROOT, "toro in %.2f%% of top-2s; rarest pair %s+%s %.3f%%; commonest %s+%s %.2f%%",
            100 * topTwoShare(TORO), NAMES.get((int) min[1]), NAMES.get((int) min[2]), 100 * min[0],
            NAMES.get((int) max[1]), NAMES.get((int) max[2]), 100 * max[0]);
    }

    /**
     * One ranking from the Mallows model (centre, φ) by repeated insertion; exact for any φ in [0, 1].
     * Package-private for the sampler test.
     */
    static int[] mallows(int[] centre, double phi, SplittableRandom random) {
        int n = centre.length;
        int[] ranking = new int[n];
        double[] power = new double[n];
        for (int i = 0; i < n; i++) {
            power[i] = Math.pow(phi, i);
        }
        for (int i = 1; i <= n; i++) {
            // position j in 1..i has weight phi^(i - j); draw i - j = s with weight phi^s
            double total = 0;
            for (int s = 0; s < i; s++) {
                total += power[s];
            }
            double x = random.nextDouble() * total;
            int s = 0;
            while (s < i - 1 && x >= power[s]) {
                x -= power[s];
                s++;
            }
            int j = i - s; // 1-based insertion position
            System.arraycopy(ranking, j - 1, ranking, j, i - j);
            ranking[j - 1] = centre[i - 1];
        }
        return ranking;
    }

    private static double ordered(int[] centre, double phi, int a, int b) {
        int ra = -1;
        int rb = -1;
        for (int r = 0; r < centre.length; r++) {
            ra = centre[r] == a ? r : ra;
            rb = centre[r] == b ? r : rb;
        }
        int rbWithoutA = rb > ra ? rb - 1 : rb;
        return Math.pow(phi, ra) / geometric(phi, ITEMS) * Math.pow(phi, rbWithoutA) / geometric(phi, ITEMS - 1);
    }

    private static double geometric(double phi, int terms) {
        double s = 0;
        for (int i = 0; i < terms; i++) {
            s += Math.pow(phi, i);
        }
        return s;
    }

    private static void checkUsers(int users) {
        if (users < 0 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be in [0, " + MAX_USERS + "]: " + users);
        }
    }

    private static void checkItem(String name, int item) {
        if (item < 0 || item >= ITEMS) {
            throw new IllegalArgumentException(name + " must be in [0, " + (ITEMS - 1) + "]: " + item);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
