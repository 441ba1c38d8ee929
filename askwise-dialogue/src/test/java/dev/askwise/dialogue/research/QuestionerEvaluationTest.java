package dev.askwise.dialogue.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionerEvaluationTest {

    private static QuestionerEvaluation.Options options(List<String> q, double cost, double gamma) {
        return new QuestionerEvaluation.Options(q, List.of("profile-lookup"), 3, 0.2, cost, gamma,
            Funnel.Generality.SHARED_VALUES, null);
    }

    @Test
    void optionsStateTheRealConstraint() {
        assertThatThrownBy(() -> options(List.of("oracle"), 0.3, 0)).hasMessageStartingWith(
            "unknown questioner 'oracle'; known: ");
        assertThatThrownBy(() -> options(List.of("voi"), 2, 2)).hasMessageContaining("--cost must be below")
            .hasMessageContaining("when 0 < --gamma < inf");
        assertThat(options(List.of("voi"), 2, 0).needsClient()).isFalse();
    }

    /** The held-out users are the last ones by id; every run has its bootstrap intervals; the first differs by 0. */
    @Test
    void runsEveryQuestionerOnTheHeldOutUsers() {
        List<TextProfile> all = MovieLensProfiles.load(Path.of("..", "data", "movielens", "ml-latest-small"));
        QuestionerEvaluation.Split split = QuestionerEvaluation.split(all, 0.2);
        assertThat(split.train().size() + split.test().size()).isEqualTo(all.size());
        assertThat(split.test().get(0)).isEqualTo(all.get(split.train().size()));
        QuestionerEvaluation.Result r = QuestionerEvaluation.run(all, MovieLensProfiles.DOMAIN_ORDER,
            MovieLensProfiles.TAGS, options(List.of("template-funnel", "learned"), 0.3, 0));
        assertThat(r.runs()).extracting(QuestionerEvaluation.Run::label)
            .containsExactly("template-funnel / profile-lookup", "learned / profile-lookup");
        assertThat(r.runs().get(0).rougeDifference().low()).isEqualTo(0.0);
        assertThat(r.runs().get(1).result().users()).isEqualTo(split.test().size());
        assertThat(r.trainingLines()).isNotEmpty();
        assertThatThrownBy(() -> QuestionerEvaluation.split(all.subList(0, 2), 0.1))
            .hasMessageContaining("leaves no training or no held-out user among 2");
    }
}
