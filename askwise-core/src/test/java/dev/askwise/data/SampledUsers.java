package dev.askwise.data;

import dev.askwise.Profile;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.PopulationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Test users drawn from a latent-class model (seeded); shared by the tests that need data of a known model. */
public final class SampledUsers {

    private SampledUsers() {
    }

    /** Users drawn from a model; each attribute is missing with the drawn cluster's probability. */
    public static Dataset from(LatentClassModel model, int users, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> rows = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            PopulationModel.Draw d = model.sample(random);
            int[] row = d.profile().toArray();
            for (int a = 0; a < row.length; a++) {
                if (random.nextDouble() < model.missingProbability(d.cluster(), a)) {
                    row[a] = Profile.UNKNOWN;
                }
            }
            rows.add(row);
        }
        return Dataset.of("sampled", model.schema(), rows, Map.of());
    }
}
