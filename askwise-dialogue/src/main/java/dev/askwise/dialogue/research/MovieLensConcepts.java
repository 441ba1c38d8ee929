package dev.askwise.dialogue.research;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import dev.askwise.data.MovieLensLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the text concepts of {@link MovieLensProfiles} map onto the attributes of the population model
 * ({@link MovieLensLoader#schema()}): each genre tag is the genre attribute, {@code rating habits} is
 * {@code strictness}, {@code favourite decade} is {@code decade} (decades before 1970 share one value); the list tags
 * {@code favourite genres} and {@code disliked genres} also reveal {@code likes}/{@code dislikes} of the genres they
 * name. The other tags (films, own tags, …) lie outside the model.
 */
public final class MovieLensConcepts {

    /** The model's schema. */
    public static final Schema SCHEMA = MovieLensLoader.schema();
    private static final int DECADE = SCHEMA.indexOf("decade");
    private static final int STRICTNESS = SCHEMA.indexOf("strictness");

    private MovieLensConcepts() {
    }

    /** The concept (profile tag) of a model attribute. */
    public static String concept(int attribute) {
        if (attribute == DECADE) {
            return "favourite decade";
        }
        if (attribute == STRICTNESS) {
            return "rating habits";
        }
        return SCHEMA.get(attribute).name();
    }

    /** The model attribute of a concept, or −1 when the model does not cover it. */
    public static int attribute(String concept) {
        if (concept == null) {
            return -1;
        }
        if (concept.equals("favourite decade")) {
            return DECADE;
        }
        if (concept.equals("rating habits")) {
            return STRICTNESS;
        }
        for (int a = 0; a < SCHEMA.size(); a++) {
            if (a != DECADE && a != STRICTNESS && SCHEMA.get(a).name().equals(concept)) {
                return a;
            }
        }
        return -1;
    }

    /** What the text profile reveals about the model's attributes. */
    public static Profile profile(TextProfile p) {
        int[] v = new int[SCHEMA.size()];
        java.util.Arrays.fill(v, Profile.UNKNOWN);
        for (Map.Entry<String, String> e : p.tags().entrySet()) {
            int a = attribute(e.getKey());
            if (a >= 0) {
                v[a] = value(a, e.getValue());
            }
        }
        for (String[] list : new String[][] {{"favourite genres", "likes"}, {"disliked genres", "dislikes"}}) {
            String content = p.tags().get(list[0]);
            if (content == null) {
                continue;
            }
            for (String g : content.split(",\\s*")) {
                int a = attribute(g.trim());
                if (a >= 0 && a != DECADE && a != STRICTNESS && v[a] == Profile.UNKNOWN) {
                    v[a] = SCHEMA.get(a).indexOf(list[1]);
                }
            }
        }
        return Profile.ofUnchecked(v);
    }

    /** The model attributes asked about in the history whose concept stayed without an answer ("No Preference"). */
    public static boolean[] declined(TextProfile partial, List<Funnel.Question> history) {
        boolean[] d = new boolean[SCHEMA.size()];
        for (Funnel.Question q : history) {
            int a = attribute(q.tag());
            if (a >= 0 && !partial.tags().containsKey(q.tag())) {
                d[a] = true;
            }
        }
        return d;
    }

    /** The profile text of a model value, or null when the text cannot say it (decades before 1970 are pooled). */
    public static String text(int attribute, int value) {
        String name = SCHEMA.get(attribute).values().get(value);
        return name.equals("before-1970") ? null : name;
    }

    /** The model value of a concept's content, or {@link Profile#UNKNOWN} when it is not one of the values. */
    static int value(int attribute, String content) {
        if (attribute == DECADE) {
            try {
                int year = Integer.parseInt(content.trim().replace("s", ""));
                return year < 1970 ? 0 : Math.min(5, (year - 1960) / 10);
            } catch (NumberFormatException e) {
                return Profile.UNKNOWN;
            }
        }
        int i = SCHEMA.get(attribute).indexOf(content.trim().toLowerCase(Locale.ROOT));
        return i < 0 ? Profile.UNKNOWN : i;
    }

    /** The model's view of text profiles, one row per profile (for fitting). */
    public static Dataset dataset(List<TextProfile> profiles) {
        List<int[]> rows = new ArrayList<>();
        for (TextProfile p : profiles) {
            rows.add(profile(p).toArray());
        }
        return Dataset.of("movielens-profiles", SCHEMA, rows, Map.of());
    }

    /**
     * The population model of the model concepts, fitted by EM to the profiles: K in 1..6 by BIC, 5 restarts, seed 1,
     * smoothing 1 (the same settings as the {@code movies} domain).
     */
    public static dev.askwise.model.LatentClassModel fit(List<TextProfile> profiles) {
        dev.askwise.fit.FitOptions options = dev.askwise.fit.FitOptions.builder().restarts(5).seed(1).smoothing(1.0)
            .build();
        return dev.askwise.fit.ModelSelection.byBic(dataset(profiles), 1, 6, options).best().model();
    }

    /**
     * The value of an answer under the model: the chance that the model's best guess of the concept, given what the
     * partial profile reveals, would be wrong, {@code 1 − max_v P(v | partial)}, scaled by its largest possible value
     * {@code 1 − 1/V} to [0, 1]. Concepts outside the model are worth 1 (nothing predicts them).
     */
    public static QuestionQuality.Value guessRisk(dev.askwise.model.LatentClassModel model) {
        return (concept, partial) -> {
            int a = attribute(concept);
            if (a < 0) {
                return 1.0;
            }
            double[] p = model.predictive(profile(partial), a);
            double max = 0;
            for (double x : p) {
                max = Math.max(max, x);
            }
            return (1 - max) / (1 - 1.0 / p.length);
        };
    }
}
