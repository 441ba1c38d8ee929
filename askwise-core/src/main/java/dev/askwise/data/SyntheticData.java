package dev.askwise.data;

import dev.askwise.Attribute;
import dev.askwise.Schema;
import dev.askwise.model.LatentClassModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Seeded synthetic users of a given shape, drawn from a random latent-class model, so that a run can be sized before
 * there is data ({@code askwise fit --data synthetic:USERS,ATTRIBUTES,VALUES,K}). The model's weights and each
 * cluster's value probabilities are flat-Dirichlet draws mixed with a little uniform mass (no probability below about
 * 0.03 / values), attributes are named {@code a0, a1, …} with values {@code v0, v1, …}. Same arguments, same users,
 * whatever the number of threads (users are drawn in blocks of {@value #BLOCK}, each from its own seeded stream).
 */
public final class SyntheticData {

    /** Users per independently seeded block. */
    public static final int BLOCK = 4096;

    private SyntheticData() {
    }

    /** The shape of a synthetic run: users × attributes, values per attribute, clusters of the generating model. */
    public record Shape(int users, int attributes, int values, int clusters) implements java.io.Serializable {

        /** Validates the ranges. */
        public Shape {
            check("users", users, 1, Integer.MAX_VALUE);
            check("attributes", attributes, 1, 10_000);
            check("values", values, 2, CodedRows.MAX_VALUES);
            check("clusters", clusters, 1, 1000);
            if ((long) users * attributes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("users × attributes must be at most " + (Integer.MAX_VALUE - 8)
                    + ": " + (long) users * attributes);
            }
        }

        private static void check(String name, int x, int min, int max) {
            if (x < min || x > max) {
                throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "]: " + x);
            }
        }

        /**
         * Parses {@code USERS,ATTRIBUTES,VALUES,K}, for example {@code 100000,50,4,10}; {@code 1e6} and
         * {@code 1_000_000} are accepted for counts.
         *
         * @throws IllegalArgumentException naming the bad part and its allowed range
         */
        public static Shape parse(String spec) {
            String[] parts = spec.split(",", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException(
                    "synthetic data must be USERS,ATTRIBUTES,VALUES,K (for example 100000,50,4,10): '" + spec + "'");
            }
            String[] names = {"users", "attributes", "values", "clusters"};
            int[] x = new int[4];
            for (int i = 0; i < 4; i++) {
                x[i] = count(names[i], parts[i].trim());
            }
            return new Shape(x[0], x[1], x[2], x[3]);
        }

        private static int count(String name, String s) {
            String t = s.replace("_", "");
            try {
                double d = t.matches("[0-9]+") ? Long.parseLong(t) : Double.parseDouble(t);
                if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                return (int) d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number: '" + s + "'", e);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d,%d,%d,%d", users, attributes, values, clusters);
        }
    }

    /** A random model of the shape's attributes, values and clusters (seeded). */
    public static LatentClassModel model(Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Attribute> attrs = new ArrayList<>();
        for (int a = 0; a < shape.attributes(); a++) {
            List<String> vs = new ArrayList<>();
            for (int v = 0; v < shape.values(); v++) {
                vs.add("v" + v);
            }
            attrs.add(new Attribute("a" + a, vs));
        }
        double[] w = dirichlet(random, shape.clusters(), 1.0);
        double[][][] theta = new double[shape.clusters()][shape.attributes()][];
        for (int z = 0; z < shape.clusters(); z++) {
            for (int a = 0; a < shape.attributes(); a++) {
                theta[z][a] = dirichlet(random, shape.values(), 0.3);
            }
        }
        return LatentClassModel.of(Schema.of(attrs), w, theta);
    }

    private static double[] dirichlet(SplittableRandom random, int k, double floor) {
        double[] x = new double[k];
        double s = 0;
        for (int i = 0; i < k; i++) {
            x[i] = -Math.log(1 - random.nextDouble()) + floor * 0.1;
            s += x[i];
        }
        for (int i = 0; i < k; i++) {
            x[i] /= s;
        }
        return x;
    }

    /** The shape's users drawn from {@link #model(Shape, long)} with the same seed. */
    public static CodedRows rows(Shape shape, long seed) {
        return rows(model(shape, seed), shape.users(), seed);
    }

    /**
     * Users drawn from a model (complete rows: the model's missingness, if any, is ignored), in parallel blocks.
     *
     * @throws IllegalArgumentException if users is negative or the rows would not fit one array
     */
    public static CodedRows rows(LatentClassModel model, int users, long seed) {
        int attrs = model.schema().size();
        if (users < 0 || (long) users * attrs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("users must be in [0, " + (Integer.MAX_VALUE - 8) / attrs + "]: "
                + users);
        }
        Sampler sampler = new Sampler(model);
        byte[] codes = new byte[users * attrs];
        int blocks = (users + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> sampler.fill(codes, b, users, seed));
        return CodedRows.of(model.schema(), codes);
    }

    /**
     * Block b of {@link #rows(LatentClassModel, int, long)} on its own (users {@code b·BLOCK} up to
     * {@code min(users, (b + 1)·BLOCK)}), row-major codes: how a cluster generates the same users in parallel.
     */
    public static byte[] block(LatentClassModel model, int users, long seed, int b) {
        int attrs = model.schema().size();
        int from = b * BLOCK;
        int to = Math.min(users, from + BLOCK);
        if (b < 0 || from >= users) {
            throw new IllegalArgumentException("block must be in [0, " + ((users + BLOCK - 1) / BLOCK - 1) + "]: " + b);
        }
        byte[] all = new byte[(to - from) * attrs];
        new Sampler(model).fillInto(all, b, users, seed, from);
        return all;
    }

    /** Cumulative tables of a model, shared by the blocks. */
    private static final class Sampler {
        final int attrs;
        final int k;
        final double[] cumW;
        final double[][][] cum;

        Sampler(LatentClassModel model) {
            attrs = model.schema().size();
            k = model.clusters();
            int[] sizes = CodedRows.sizes(model.schema());
            cumW = new double[k];
            double acc = 0;
            for (int z = 0; z < k; z++) {
                acc += model.weight(z);
                cumW[z] = acc;
            }
            cum = new double[k][attrs][];
            for (int z = 0; z < k; z++) {
                for (int a = 0; a < attrs; a++) {
                    cum[z][a] = new double[sizes[a]];
                    double c = 0;
                    for (int v = 0; v < sizes[a]; v++) {
                        c += model.probability(z, a, v);
                        cum[z][a][v] = c;
                    }
                }
            }
        }

        void fill(byte[] codes, int b, int users, long seed) {
            fillInto(codes, b, users, seed, 0);
        }

        /** Writes block b's users into codes, user i at row {@code i − firstRow}. */
        void fillInto(byte[] codes, int b, int users, long seed, int firstRow) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + b);
            for (int i = b * BLOCK; i < Math.min(users, (b + 1) * BLOCK); i++) {
                int z = pick(cumW, random.nextDouble() * cumW[k - 1]);
                int row = (i - firstRow) * attrs;
                for (int a = 0; a < attrs; a++) {
                    double[] c = cum[z][a];
                    codes[row + a] = CodedRows.encode(pick(c, random.nextDouble() * c[c.length - 1]));
                }
            }
        }
    }

    private static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
