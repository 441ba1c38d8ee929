package dev.askwise.dialogue.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import dev.askwise.data.MovieLensLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VoiQuestionerTest {

    private static final Path MOVIELENS = Path.of("..", "data", "movielens", "ml-latest-small");

    /** The text profiles' genre tags and the model's attributes are derived independently; they must agree. */
    @Test
    void genreTagsAgreeWithTheModelsDerivation() {
        List<TextProfile> profiles = MovieLensProfiles.load(MOVIELENS);
        Dataset users = MovieLensLoader.load(MOVIELENS);
        assertThat(profiles).hasSize(users.size());
        int genres = MovieLensLoader.GENRES.size();
        for (int i = 0; i < users.size(); i++) {
            Profile mapped = MovieLensConcepts.profile(new TextProfile("x", onlyGenres(profiles.get(i))));
            for (int g = 0; g < genres; g++) {
                assertThat(mapped.value(g)).as("user %d genre %d", i, g).isEqualTo(users.value(i, g));
            }
            assertThat(MovieLensConcepts.profile(profiles.get(i)).value(genres + 1)).as("strictness")
                .isEqualTo(users.value(i, genres + 1));
        }
    }

    private static Map<String, String> onlyGenres(TextProfile p) {
        Map<String, String> m = new LinkedHashMap<>();
        p.tags().forEach((k, v) -> {
            if (MovieLensLoader.GENRES.stream().anyMatch(g -> g.equalsIgnoreCase(k))) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** By hand: tags map to attributes, list tags reveal likes/dislikes, decades before 1970 pool. */
    @Test
    void conceptsMapOntoAttributes() {
        TextProfile p = new TextProfile("x", Map.of("rating habits", "lenient", "favourite decade", "1950s",
            "favourite genres", "comedy, war, drama", "disliked genres", "horror", "drama", "neutral",
            "favourite films", "Heat"));
        Profile m = MovieLensConcepts.profile(p);
        var s = MovieLensConcepts.SCHEMA;
        assertThat(m.value(s.indexOf("strictness"))).isEqualTo(2);
        assertThat(m.value(s.indexOf("decade"))).isEqualTo(0);
        assertThat(m.value(s.indexOf("comedy"))).isEqualTo(2);
        assertThat(m.value(s.indexOf("horror"))).isEqualTo(0);
        assertThat(m.value(s.indexOf("drama"))).as("its own tag wins over the list").isEqualTo(1);
        assertThat(m.value(s.indexOf("action"))).isEqualTo(Profile.UNKNOWN);
        assertThat(MovieLensConcepts.attribute("favourite films")).isEqualTo(-1);
        assertThat(MovieLensConcepts.concept(s.indexOf("decade"))).isEqualTo("favourite decade");
        assertThat(MovieLensConcepts.text(s.indexOf("decade"), 0)).isNull();
        assertThat(MovieLensConcepts.text(s.indexOf("decade"), 3)).isEqualTo("1990s");
        boolean[] declined = MovieLensConcepts.declined(p, List.of(Funnel.question("action"),
            Funnel.question("drama"), Funnel.question("favourite films")));
        assertThat(declined[s.indexOf("action")]).isTrue();
        assertThat(declined[s.indexOf("drama")]).isFalse();
    }

    /**
     * Two tastes, 150 users each: A likes action and sci-fi and dislikes romance and drama, B the reverse; every user
     * has all four genre tags and half have favourite films. One answer tells the tastes apart, after which no model
     * question is worth a cost of 0.3: the engine stops and the questioner turns to the concept outside the model;
     * voi-infer fills in the other genres of the user's taste — exactly, since the tastes are noiseless.
     */
    @Test
    void asksOneModelQuestionThenInfersTheRest() {
        Map<String, String> a = Map.of("action", "likes", "sci-fi", "likes", "romance", "dislikes", "drama",
            "dislikes");
        Map<String, String> b = Map.of("action", "dislikes", "sci-fi", "dislikes", "romance", "likes", "drama",
            "likes");
        List<TextProfile> training = new ArrayList<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 300; i++) {
            Map<String, String> t = new LinkedHashMap<>(i % 2 == 0 ? a : b);
            if (rnd.nextBoolean()) {
                t.put("favourite films", "film " + i);
            }
            training.add(new TextProfile("u" + i, t));
        }
        Questioners.Questioner voi = Questioners.create("voi-infer", training, Questioners.Options.defaults());
        TextProfile empty = new TextProfile("x", Map.of());
        Funnel.Question first = voi.next(empty, List.of());
        assertThat(first.tag()).isIn("action", "sci-fi", "romance", "drama");
        TextProfile after = empty.with(first.tag(), a.get(first.tag()));
        Funnel.Question second = voi.next(after, List.of(first));
        assertThat(second.tag()).isEqualTo("favourite films");
        Map<String, String> inferred = new LinkedHashMap<>(a);
        inferred.remove(first.tag());
        assertThat(voi.inferred(after, List.of(first))).containsAllEntriesOf(inferred);
        assertThat(Questioners.create("voi", training, Questioners.Options.defaults()).inferred(after, List.of(first))).isEmpty();
        // declined ("No Preference") is not inferred
        assertThat(voi.inferred(after, List.of(first, Funnel.question("drama")))).doesNotContainKey("drama");

        // relevance weighted by the model's risk of guessing wrong: by hand, likes/dislikes at 50/50 and neutral
        // almost never seen give 1 − 1/2 over 1 − 1/3 = 0.75 before any answer; once the taste is known only the
        // smoothing's pseudo-counts remain (two of about 153 per cluster: 0.013 / 0.667 ≈ 0.02, measured 0.029)
        QuestionQuality.Value risk = MovieLensConcepts.guessRisk(MovieLensConcepts.fit(training));
        assertThat(risk.of("sci-fi", empty)).isCloseTo(0.75, org.assertj.core.api.Assertions.within(0.01));
        assertThat(risk.of("sci-fi", after)).isLessThan(0.05);
        assertThat(risk.of("favourite films", after)).isEqualTo(1.0);
        QuestionQuality q = QuestionQuality.from(training).withValue(risk);
        assertThat(q.score(Funnel.question("sci-fi"), after, List.of(first)).relevance()).isLessThan(0.05);
        assertThat(q.score(Funnel.question("sci-fi"), empty, List.of()).relevance()).isGreaterThan(0.74);
    }
}
