package dev.askwise.model;

import dev.askwise.Profile;
import dev.askwise.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * An exemplar population model (empirical Bayes): one component per distinct training profile (its <em>exemplar</em>),
 * weighted by how many users share it, with a fitted per-attribute noise rate η_a. It can express any joint structure
 * present in the data — "exactly two ones", rare combinations, correlations within a cluster — that a latent-class
 * model with conditionally independent attributes cannot.
 *
 * <p>Noise model. Attribute a has {@code C_a} answer categories: its V_a values, plus "no preference" when some
 * training user had none. A user of exemplar z answers the exemplar's category {@code e_za} with probability
 * {@code 1 − η_a} and each of the other {@code C_a − 1} categories with probability {@code η_a / (C_a − 1)}. So
 * {@code missing[z][a]} is {@code 1 − η_a} for an exemplar without a preference on a and {@code η_a/(C_a − 1)}
 * otherwise, and {@code θ[z][a][v]} is the answer probability of v renormalised over the values. ({@code
 * ExemplarFitter} fits η by leave-one-out EM.)
 *
 * <p>Plausibility (γ = ∞): the worst case is the worst <em>user in the population</em> consistent with the answers. A
 * component is live when its exemplar contradicts the fewest revealed answers (none, whenever some training user gave
 * the same answers); the only plausible answer of a component is its exemplar's own. Noise never creates a worst case.
 *
 * <p>Immutable. Saved as JSON in format {@value #FORMAT}, version {@value #FORMAT_VERSION}.
 */
public final class ExemplarModel implements PopulationModel {

    /** Format identifier written in JSON. */
    public static final String FORMAT = "askwise.exemplar";
    /** Current JSON format version. */
    public static final int FORMAT_VERSION = 1;

    private final Mixture mix;
    private final int[][] exemplars; // [z][a]: value, or Profile.UNKNOWN for "no preference"
    private final long[] counts;
    private final double[] noise;
    private final boolean[] declinable; // attribute has a "no preference" category
    private final long users;
    private final double[] contradiction; // [a]: ln P(exemplar's answer) − ln P(any other answer), ≥ 0

    private ExemplarModel(Schema schema, int[][] exemplars, long[] counts, double[] noise, boolean[] declinable) {
        this.exemplars = exemplars;
        this.counts = counts;
        this.noise = noise;
        this.declinable = declinable;
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        this.users = total;
        int k = exemplars.length;
        int n = schema.size();
        this.contradiction = new double[n];
        for (int a = 0; a < n; a++) {
            int cats = schema.get(a).size() + (declinable[a] ? 1 : 0);
            double other = cats > 1 ? noise[a] / (cats - 1) : 0.0;
            contradiction[a] = cats > 1 ? Math.max(0.0, Math.log(1 - noise[a]) - Math.log(other)) : 0.0;
        }
        double[] w = new double[k];
        double[][][] theta = new double[k][n][];
        double[][] missing = anyTrue(declinable) ? new double[k][n] : null;
        for (int z = 0; z < k; z++) {
            w[z] = (double) counts[z] / total;
            for (int a = 0; a < n; a++) {
                int size = schema.get(a).size();
                int cats = size + (declinable[a] ? 1 : 0);
                double eta = noise[a];
                double other = cats > 1 ? eta / (cats - 1) : 0.0;
                double[] answer = new double[cats]; // values, then "no preference"
                int e = exemplars[z][a] == Profile.UNKNOWN ? size : exemplars[z][a];
                for (int c = 0; c < cats; c++) {
                    answer[c] = cats == 1 ? 1.0 : (c == e ? 1 - eta : other);
                }
                double miss = declinable[a] ? answer[size] : 0.0;
                double keep = 1 - miss;
                theta[z][a] = new double[size];
                for (int v = 0; v < size; v++) {
                    theta[z][a][v] = answer[v] / keep;
                }
                if (missing != null) {
                    missing[z][a] = miss;
                }
            }
        }
        this.mix = LatentClassModel.checked(schema, w, theta, missing);
    }

    private static boolean anyTrue(boolean[] b) {
        for (boolean x : b) {
            if (x) {
                return true;
            }
        }
        return false;
    }

    /**
     * Builds an exemplar model.
     *
     * @param exemplars  distinct profiles, [component][attribute]; {@link Profile#UNKNOWN} means "no preference" and
     *                   is allowed only where {@code declinable[a]}
     * @param counts     users per exemplar, each ≥ 1
     * @param noise      η_a per attribute, in (0, (C_a − 1)/C_a] (0 allowed for attributes with one category)
     * @param declinable declinable[a]: attribute a has a "no preference" category
     * @throws IllegalArgumentException on shapes, duplicate exemplars, values or rates out of range
     */
    public static ExemplarModel of(Schema schema, List<int[]> exemplars, long[] counts, double[] noise,
                                   boolean[] declinable) {
        int n = schema.size();
        if (exemplars.isEmpty()) {
            throw new IllegalArgumentException("an exemplar model needs at least one exemplar");
        }
        if (counts.length != exemplars.size()) {
            throw new IllegalArgumentException("counts has " + counts.length + " entries, exemplars "
                + exemplars.size());
        }
        if (noise.length != n || declinable.length != n) {
            throw new IllegalArgumentException("noise and declinable must have " + n + " entries: " + noise.length
                + ", " + declinable.length);
        }
        for (int a = 0; a < n; a++) {
            int cats = schema.get(a).size() + (declinable[a] ? 1 : 0);
            double max = (cats - 1.0) / cats;
            boolean ok = cats == 1 ? noise[a] >= 0 && noise[a] <= max : noise[a] > 0 && noise[a] <= max;
            if (!ok) {
                throw new IllegalArgumentException("noise of '" + schema.get(a).name() + "' must be in (0, " + max
                    + "]: " + noise[a]);
            }
        }
        int[][] ex = new int[exemplars.size()][];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int z = 0; z < ex.length; z++) {
            int[] row = exemplars.get(z);
            if (row.length != n) {
                throw new IllegalArgumentException("exemplar " + z + " has " + row.length + " attributes, schema " + n);
            }
            for (int a = 0; a < n; a++) {
                int v = row[a];
                boolean ok = v == Profile.UNKNOWN ? declinable[a] : v >= 0 && v < schema.get(a).size();
                if (!ok) {
                    throw new IllegalArgumentException("exemplar " + z + ": value of '" + schema.get(a).name()
                        + "' must be in [0, " + (schema.get(a).size() - 1) + "]" + (declinable[a] ? " or none" : "")
                        + ": " + v);
                }
            }
            if (!seen.add(Arrays.toString(row))) {
                throw new IllegalArgumentException("exemplar " + z + " repeats an earlier one: " + Arrays.toString(row));
            }
            if (counts[z] < 1) {
                throw new IllegalArgumentException("count of exemplar " + z + " must be >= 1: " + counts[z]);
            }
            ex[z] = row.clone();
        }
        return new ExemplarModel(schema, ex, counts.clone(), noise.clone(), declinable.clone());
    }

    /** The same exemplars and counts with other noise rates (for fitting). */
    public ExemplarModel withNoise(double[] eta) {
        List<int[]> ex = new ArrayList<>(Arrays.asList(exemplars));
        return of(schema(), ex, counts, eta, declinable);
    }

    /** Exemplar z's profile ({@link Profile#UNKNOWN} for "no preference"). */
    public int[] exemplar(int z) {
        return exemplars[z].clone();
    }

    /** Users sharing exemplar z. */
    public long count(int z) {
        return counts[z];
    }

    /** η_a. */
    public double noise(int a) {
        return noise[a];
    }

    /** True when attribute a has a "no preference" category. */
    public boolean declinable(int a) {
        return declinable[a];
    }

    @Override
    public Schema schema() {
        return mix.schema;
    }

    @Override
    public int components() {
        return mix.k;
    }

    @Override
    public double weight(int z) {
        return mix.weight[z];
    }

    @Override
    public double probability(int z, int a, int v) {
        return mix.theta(z, a, v);
    }

    @Override
    public double missingProbability(int z, int a) {
        return mix.missing(z, a);
    }

    @Override
    public boolean modelsMissing() {
        return mix.missing != null;
    }

    @Override
    public String family() {
        return "exemplar";
    }

    @Override
    public long trainingUsers() {
        return users;
    }

    @Override
    public double[] logJoint(Profile profile, boolean @Nullable [] declined) {
        return mix.logJoint(profile, declined);
    }

    @Override
    public double[] posterior(Profile profile, boolean @Nullable [] declined) {
        return mix.posterior(profile, declined);
    }

    @Override
    public double[] predictive(double[] posterior, int a) {
        return mix.predictive(posterior, a);
    }

    @Override
    public double[] answerDistribution(double[] posterior, int a) {
        return mix.answerDistribution(posterior, a);
    }

    @Override
    public double[] update(double[] posterior, int a, int v) {
        return mix.update(posterior, a, v);
    }

    @Override
    public double[] updateDeclined(double[] posterior, int a) {
        return mix.updateDeclined(posterior, a);
    }

    /** 0: a live exemplar's only plausible answers are its own. */
    @Override
    public double deviationBudget() {
        return 0.0;
    }

    @Override
    public boolean plausible(int z, int a, int v) {
        int e = exemplars[z][a];
        return v == mix.schema.get(a).size() ? e == Profile.UNKNOWN : e == v;
    }

    /**
     * {@code ln P(exemplar's answer) − ln P(v)}: 0 for the exemplar's own answer, else the attribute's contradiction
     * cost {@code ln((1 − η_a)(C_a − 1)/η_a)} (O(1); the same numbers as the default rule up to rounding).
     */
    @Override
    public double answerCost(int z, int a, int v) {
        int e = exemplars[z][a];
        boolean own = v == mix.schema.get(a).size() ? e == Profile.UNKNOWN : e == v;
        if (own) {
            return 0.0;
        }
        if (v == mix.schema.get(a).size() && !declinable[a]) {
            return Double.POSITIVE_INFINITY; // no user of this model declines a
        }
        return contradiction[a];
    }

    /**
     * The default rule ({@link PopulationModel#budgets}) with a budget of 0, in O(exemplars × revealed attributes)
     * without logarithms: the live exemplars are those whose revealed answers cost the least, which is none when
     * some training user gave the same answers.
     */
    @Override
    public double[] budgets(Profile known, boolean[] declined) {
        int k = components();
        int n = mix.schema.size();
        int[] revealed = new int[n];
        int r = 0;
        for (int a = 0; a < n; a++) {
            if (known.value(a) != Profile.UNKNOWN || (declined[a] && declinable[a])) {
                revealed[r++] = a;
            }
        }
        double[] spent = new double[k];
        double least = Double.POSITIVE_INFINITY;
        for (int z = 0; z < k; z++) {
            int[] e = exemplars[z];
            double sp = 0;
            for (int i = 0; i < r; i++) {
                int a = revealed[i];
                int v = known.value(a);
                if (v == Profile.UNKNOWN ? e[a] != Profile.UNKNOWN : e[a] != v) {
                    sp += contradiction[a];
                }
            }
            spent[z] = sp;
            least = Math.min(least, sp);
        }
        boolean exact = least <= 1e-12; // some training user gave exactly these answers
        double[] out = new double[k];
        for (int z = 0; z < k; z++) {
            boolean live = exact ? spent[z] <= 1e-12
                : spent[z] - least <= 1e-9 * Math.max(1.0, Math.abs(least));
            out[z] = live ? 0.0 : Double.NaN;
        }
        return out;
    }

    @Override
    public int modeCategory(int z, int a) {
        int e = exemplars[z][a];
        return e == Profile.UNKNOWN ? mix.schema.get(a).size() : e;
    }

    @Override
    public Draw sample(SplittableRandom random) {
        return mix.sample(random);
    }

    /**
     * The model as JSON: {@code {"format", "version", "attributes", "users", "declinable", "noise", "exemplars",
     * "counts"}}; in an exemplar, {@code null} stands for "no preference".
     */
    @Override
    public String toJson() {
        return ModelFiles.write(jsonObject());
    }

    /** The JSON object of {@link #toJson()} (also embedded in a latent-class model file that carries its users). */
    Map<String, Object> jsonObject() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", FORMAT_VERSION);
        root.put("attributes", ModelFiles.attributes(schema()));
        root.put("users", users);
        List<Object> dec = new ArrayList<>();
        for (boolean d : declinable) {
            dec.add(d);
        }
        root.put("declinable", dec);
        root.put("noise", noise.clone());
        List<Object> ex = new ArrayList<>();
        for (int[] e : exemplars) {
            List<Object> row = new ArrayList<>();
            for (int v : e) {
                row.add(v == Profile.UNKNOWN ? null : Integer.valueOf(v));
            }
            ex.add(row);
        }
        root.put("exemplars", ex);
        List<Object> c = new ArrayList<>();
        for (long x : counts) {
            c.add(x);
        }
        root.put("counts", c);
        return root;
    }

    /**
     * Reads a model written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException on malformed JSON, another format or version, an unknown field, a field of the
     *                                  wrong type, or an invalid model (including counts that disagree with "users")
     */
    public static ExemplarModel fromJson(String json) {
        Map<?, ?> root = ModelFiles.root(json, FORMAT, FORMAT_VERSION, "exemplar");
        ModelFiles.onlyFields(root, Set.of("format", "version", "attributes", "users", "declinable", "noise",
            "exemplars", "counts"));
        Schema schema = ModelFiles.schema(root);
        List<?> decList = ModelFiles.list(root, "declinable");
        boolean[] dec = new boolean[decList.size()];
        for (int a = 0; a < dec.length; a++) {
            if (!(decList.get(a) instanceof Boolean b)) {
                throw new IllegalArgumentException("declinable[" + a + "] must be true or false: " + decList.get(a));
            }
            dec[a] = b;
        }
        double[] noise = ModelFiles.numbers(ModelFiles.list(root, "noise"), "noise");
        List<?> exList = ModelFiles.list(root, "exemplars");
        List<int[]> ex = new ArrayList<>();
        for (int z = 0; z < exList.size(); z++) {
            List<?> row = ModelFiles.asList(exList.get(z), "exemplars[" + z + "]");
            int[] e = new int[row.size()];
            for (int a = 0; a < e.length; a++) {
                Object v = row.get(a);
                if (v == null) {
                    e[a] = Profile.UNKNOWN;
                } else if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
                    && num.doubleValue() >= 0 && num.doubleValue() < Integer.MAX_VALUE) {
                    e[a] = (int) num.doubleValue();
                } else {
                    throw new IllegalArgumentException("exemplars[" + z + "][" + a + "] must be a value index or "
                        + "null: " + v);
                }
            }
            ex.add(e);
        }
        int[] c = ModelFiles.integers(ModelFiles.list(root, "counts"), "counts");
        long[] counts = new long[c.length];
        long total = 0;
        for (int i = 0; i < c.length; i++) {
            counts[i] = c[i];
            total += c[i];
        }
        ExemplarModel model = of(schema, ex, counts, noise, dec);
        long users = ModelFiles.optionalCount(root, "users");
        if (users != total) {
            throw new IllegalArgumentException("'users' must equal the sum of counts " + total + ": " + users);
        }
        return model;
    }

    @Override
    public String toString() {
        return "ExemplarModel[exemplars=" + components() + ", users=" + users + ", attributes=" + schema().size()
            + "]";
    }
}
