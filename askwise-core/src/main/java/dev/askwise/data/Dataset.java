package dev.askwise.data;

import dev.askwise.Profile;
import dev.askwise.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Users' (possibly partial) categorical preferences over a schema, with optional per-user covariates (for example
 * SUSHI's age group) used to audit groups. Immutable.
 */
public final class Dataset {

    private final String name;
    private final Schema schema;
    private final int[][] rows;
    private final Map<String, String[]> covariates;

    private Dataset(String name, Schema schema, int[][] rows, Map<String, String[]> covariates) {
        this.name = name;
        this.schema = schema;
        this.rows = rows;
        this.covariates = covariates;
    }

    /**
     * A dataset of value indices ({@link Profile#UNKNOWN} for missing) with covariates of the same length.
     *
     * @throws IllegalArgumentException if a row or covariate does not fit the schema
     */
    public static Dataset of(String name, Schema schema, List<int[]> rows, Map<String, List<String>> covariates) {
        int[][] r = new int[rows.size()][];
        for (int i = 0; i < r.length; i++) {
            int[] row = rows.get(i);
            if (row.length != schema.size()) {
                throw new IllegalArgumentException("row " + i + " has " + row.length + " values, schema "
                    + schema.size());
            }
            for (int a = 0; a < row.length; a++) {
                if (row[a] < Profile.UNKNOWN || row[a] >= schema.get(a).size()) {
                    throw new IllegalArgumentException("row " + i + ", attribute '" + schema.get(a).name()
                        + "': value must be in [-1, " + (schema.get(a).size() - 1) + "]: " + row[a]);
                }
            }
            r[i] = row.clone();
        }
        Map<String, String[]> cov = new LinkedHashMap<>();
        covariates.forEach((k, v) -> {
            if (v.size() != r.length) {
                throw new IllegalArgumentException("covariate '" + k + "' has " + v.size() + " entries, rows "
                    + r.length);
            }
            cov.put(k, v.toArray(new String[0]));
        });
        return new Dataset(name, schema, r, cov);
    }

    public String name() {
        return name;
    }

    public Schema schema() {
        return schema;
    }

    public int size() {
        return rows.length;
    }

    /** Row i as a profile. */
    public Profile profile(int i) {
        return Profile.ofUnchecked(rows[i]);
    }

    /** Value index of attribute a for user i, or {@link Profile#UNKNOWN}. */
    public int value(int i, int a) {
        return rows[i][a];
    }

    /** Names of the covariates. */
    public List<String> covariateNames() {
        return List.copyOf(covariates.keySet());
    }

    /** Covariate value of user i. */
    public String covariate(String name, int i) {
        String[] c = covariates.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown covariate '" + name + "'; known: " + covariates.keySet());
        }
        return c[i];
    }

    /** This dataset with one more covariate (or a covariate replaced). */
    public Dataset withCovariate(String name, List<String> values) {
        if (values.size() != rows.length) {
            throw new IllegalArgumentException("covariate '" + name + "' has " + values.size() + " entries, rows "
                + rows.length);
        }
        Map<String, String[]> cov = new LinkedHashMap<>(covariates);
        cov.put(name, values.toArray(new String[0]));
        return new Dataset(this.name, schema, rows, cov);
    }

    /** The users at the given indices, in that order. */
    public Dataset subset(int[] indices) {
        List<int[]> r = new ArrayList<>(indices.length);
        Map<String, List<String>> cov = new LinkedHashMap<>();
        covariates.keySet().forEach(k -> cov.put(k, new ArrayList<>()));
        for (int i : indices) {
            r.add(rows[i]);
            covariates.forEach((k, v) -> cov.computeIfAbsent(k, key -> new ArrayList<>()).add(v[i]));
        }
        return of(name, schema, r, cov);
    }

    /** Fold assignment for k-fold cross-validation: element i is the fold of user i, balanced and seeded. */
    public int[] folds(int k, long seed) {
        if (k < 2 || k > rows.length) {
            throw new IllegalArgumentException("folds must be in [2, " + rows.length + "]: " + k);
        }
        int[] perm = new int[rows.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] fold = new int[rows.length];
        for (int i = 0; i < perm.length; i++) {
            fold[perm[i]] = i % k;
        }
        return fold;
    }

    /** Indices of users whose fold equals (or, with {@code complement}, differs from) f. */
    public static int[] indices(int[] folds, int f, boolean complement) {
        int count = 0;
        for (int x : folds) {
            count += (x == f) != complement ? 1 : 0;
        }
        int[] out = new int[count];
        int j = 0;
        for (int i = 0; i < folds.length; i++) {
            if ((folds[i] == f) != complement) {
                out[j++] = i;
            }
        }
        return out;
    }

    /** SHA-256 of the schema and values, for run manifests: the same data gives the same hash. */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(schema.toString().getBytes(StandardCharsets.UTF_8));
            for (int[] row : rows) {
                for (int v : row) {
                    md.update((byte) v);
                    md.update((byte) (v >>> 8));
                }
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
