package dev.askwise.bench;

import dev.askwise.Attribute;
import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import dev.askwise.model.LatentClassModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded random latent-class models and users for the benchmarks. */
final class Synthetic {

    private Synthetic() {
    }

    static LatentClassModel model(int attributes, int values, int clusters, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Attribute> attrs = new ArrayList<>();
        for (int a = 0; a < attributes; a++) {
            List<String> vs = new ArrayList<>();
            for (int v = 0; v < values; v++) {
                vs.add("v" + v);
            }
            attrs.add(new Attribute("a" + a, vs));
        }
        double[] w = dirichlet(random, clusters, 1.0);
        double[][][] theta = new double[clusters][attributes][];
        for (int z = 0; z < clusters; z++) {
            for (int a = 0; a < attributes; a++) {
                theta[z][a] = dirichlet(random, values, 0.3);
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

    static Dataset users(LatentClassModel model, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(model.sample(random).profile().toArray());
        }
        return Dataset.of("synthetic", model.schema(), rows, Map.of());
    }
}
