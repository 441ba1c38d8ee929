package dev.askwise.bench;

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

    /** The same seeded random model as {@code askwise fit --data synthetic:...} (one generator, in core). */
    static LatentClassModel model(int attributes, int values, int clusters, long seed) {
        return dev.askwise.data.SyntheticData.model(new dev.askwise.data.SyntheticData.Shape(1, attributes, values,
            clusters), seed);
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
