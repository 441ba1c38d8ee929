package dev.askwise.server;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import dev.askwise.dialogue.Domain;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.model.LatentClassModel;
import dev.askwise.server.session.SessionState;
import dev.askwise.server.session.SessionStateCodec;
import dev.askwise.server.store.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Offline update of a domain's population model from users' corrections. Each session with feedback becomes one row:
 * its stated, remembered and answered values with the corrected values on top, other attributes unobserved. The rows
 * are pooled with users sampled from the current model (the prior, weighted by their number) and a model with the
 * same number of clusters is fitted by EM with missing values treated as unobserved. The refitted model has no
 * "no preference" probabilities (feedback cannot estimate them); the provenance says what went in.
 */
public final class Refit {

    private Refit() {
    }

    /** The result: the domain with its new model, and how many feedback rows were used. */
    public record Result(Domain domain, int feedbackRows, FitResult fit) {
    }

    /**
     * Refits the domain's model.
     *
     * @param samples users drawn from the current model to stand for the prior (≥ 1)
     * @throws IllegalArgumentException if there is no feedback for the domain, or samples &lt; 1
     */
    public static Result run(Store store, String tenant, Domain domain, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1: " + samples);
        }
        List<Store.Feedback> feedback = store.feedback(tenant, domain.name());
        if (feedback.isEmpty()) {
            throw new IllegalArgumentException("no feedback for domain '" + domain.name() + "' of tenant '" + tenant
                + "'");
        }
        LatentClassModel model = domain.model();
        Map<String, int[]> bySession = new LinkedHashMap<>();
        for (Store.Feedback f : feedback) {
            int[] row = bySession.computeIfAbsent(f.sessionId(), id -> sessionValues(store, tenant, domain, id));
            int a = model.schema().indexOf(f.attribute());
            row[a] = model.schema().get(a).indexOf(f.value());
        }
        List<int[]> rows = new ArrayList<>(bySession.values());
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < samples; i++) {
            rows.add(model.sample(random).profile().toArray());
        }
        Dataset data = Dataset.of(domain.name() + "-refit", model.schema(), rows, Map.of());
        FitResult fit = LatentClassFitter.fit(data, FitOptions.builder().clusters(model.clusters()).restarts(5)
            .seed(seed).smoothing(1.0).build(), false);
        String provenance = String.format(Locale.ROOT, "Refitted by EM (K = %d, 5 restarts, seed %d, missing values "
            + "unobserved) on %d users sampled from the previous model and %d sessions with feedback from tenant '%s'"
            + " (%d corrections). Previous provenance: %s", model.clusters(), seed, samples, bySession.size(), tenant,
            feedback.size(), domain.provenance());
        return new Result(domain.withModel(fit.model(), provenance), bySession.size(), fit);
    }

    private static int[] sessionValues(Store store, String tenant, Domain domain, String id) {
        int n = domain.schema().size();
        int[] row = new int[n];
        java.util.Arrays.fill(row, Profile.UNKNOWN);
        store.session(tenant, id).ifPresent(s -> {
            SessionState state = SessionStateCodec.decode(s.state()); // any stored version
            for (Map<String, String> part : List.of(state.stated(), state.remembered(), state.answered())) {
                part.forEach((attribute, value) -> {
                    int a = domain.schema().indexOf(attribute);
                    row[a] = domain.schema().get(a).indexOf(value);
                });
            }
        });
        return row;
    }
}
