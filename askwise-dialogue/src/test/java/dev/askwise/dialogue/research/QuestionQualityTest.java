package dev.askwise.dialogue.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuestionQualityTest {

    private final QuestionQuality quality = QuestionQuality.from(ReconstructionTest.TOY);

    /** By hand: "films" is in 1 of 3 toy profiles (answerability 1/3); a clear, focused, new question. */
    @Test
    void attributesByHand() {
        TextProfile partial = new TextProfile("x", Map.of("habits", "strict"));
        QuestionQuality.Score s = quality.score(new Funnel.Question("films", "Which films have you loved?"), partial,
            List.of());
        assertThat(s.clarity()).isEqualTo(1.0);
        assertThat(s.focus()).isEqualTo(1.0);
        assertThat(s.answerability()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.relevance()).isEqualTo(1.0);
        assertThat(s.nonRedundancy()).isEqualTo(1.0);
        assertThat(s.overall()).isCloseTo((4 + 1.0 / 3) / 5, within(1e-12));
    }

    @Test
    void doubleBarrelledRedundantAndResolvedQuestionsScoreLower() {
        TextProfile partial = new TextProfile("x", Map.of("habits", "strict"));
        Funnel.Question asked = new Funnel.Question("genres", "Which kinds of films do you enjoy most?");
        QuestionQuality.Score twice = quality.score(new Funnel.Question("genres",
            "Which kinds of films do you enjoy most? And which do you hate?"), partial, List.of(asked));
        assertThat(twice.clarity()).isEqualTo(0.5);
        assertThat(twice.nonRedundancy()).isZero();
        QuestionQuality.Score known = quality.score(new Funnel.Question("habits", "Are you a tough critic?"), partial,
            List.of());
        assertThat(known.relevance()).isZero();
        QuestionQuality.Score vague = quality.score(new Funnel.Question(null, "Tell me about yourself"), partial,
            List.of());
        assertThat(vague.focus()).isZero();
        assertThat(vague.clarity()).isEqualTo(0.75);
        Funnel.Question best = quality.best(List.of(new Funnel.Question("genres",
            "Which kinds of films do you enjoy most? And which do you hate? And why?"), new Funnel.Question("genres",
            "Which kinds of films do you enjoy most?")), partial, List.of());
        assertThat(best.text()).isEqualTo("Which kinds of films do you enjoy most?");
    }

    /** Closed questions cannot carry content: half answerability; the open domain wording is chosen. */
    @Test
    void closedWordingsAreRankedBelowOpenOnes() {
        assertThat(QuestionQuality.isClosed("Do you enjoy action films?")).isTrue();
        assertThat(QuestionQuality.isClosed("Do you prefer comedies or dramas?")).isFalse();
        assertThat(QuestionQuality.isClosed("Which genres would you rather avoid?")).isFalse();
        QuestionQuality q = new QuestionQuality(Map.of("action", 0.8));
        TextProfile empty = new TextProfile("x", Map.of());
        assertThat(q.score(new Funnel.Question("action", "Do you enjoy action films?"), empty, List.of())
            .answerability()).isCloseTo(0.4, within(1e-12));
        List<Funnel.Question> candidates = Funnel.candidates("action");
        assertThat(candidates).extracting(Funnel.Question::text).contains("How do you feel about action films?",
            "Do you enjoy action films?");
        assertThat(q.best(candidates, empty, List.of()).text()).isEqualTo("How do you feel about action films?");
    }
}
