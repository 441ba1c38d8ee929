package dev.askwise.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The lexical steps of {@link InterpretationPipeline}, one behaviour per test (the issue 11 list). Expected readings
 * are the evaluation set's labelling rules (src/test/resources/dev/askwise/dialogue/eval/README.md); the texts here
 * are written for these tests, not taken from the evaluation set.
 */
class InterpretationPipelineTest {

    private static final InterpretationPipeline HOTEL = InterpretationPipeline.lexical(Domain.builtIn("hotel"));
    private static final InterpretationPipeline MOVIES = InterpretationPipeline.lexical(Domain.builtIn("movies"));
    private static final InterpretationPipeline IMAGE = InterpretationPipeline.lexical(Domain.builtIn("image"));
    private static final InterpretationPipeline EMAIL = InterpretationPipeline.lexical(Domain.builtIn("email"));
    private static final InterpretationPipeline VACATION =
        InterpretationPipeline.lexical(Domain.builtIn("vacation"));

    private static Map<String, String> read(InterpretationPipeline p, String pending, String text) {
        return p.interpret(text, pending).understood();
    }

    @Nested
    class Normalisation {
        @Test
        void caseUnicodeContractionsAndRepeatedLetters() {
            assertThat(read(HOTEL, "area", "DOWNTOWN!!!")).containsEntry("area", "downtown");
            assertThat(read(VACATION, "cafes", "Cafés ☕ please")).containsEntry("cafes", "yes");
            assertThat(read(EMAIL, "length", "loooooong")).containsEntry("length", "long");
            assertThat(read(HOTEL, "breakfast", "we don’t need breakfast")).containsEntry("breakfast",
                "not-included");
        }

        @Test
        void tokensKeepTheirSpanInTheOriginalText() {
            Understanding u = HOTEL.interpret("Honestly, somewhere CHEAP", "price");
            Understanding.Reading r = u.reading("price").orElseThrow();
            assertThat("Honestly, somewhere CHEAP".substring(r.start(), r.end())).isEqualTo("CHEAP");
        }
    }

    @Nested
    class StemsAndTypos {
        @Test
        void comparativesAndSuperlativesFindTheirBase() {
            assertThat(read(HOTEL, "area", "somewhere quieter")).containsEntry("area", "quiet");
            assertThat(read(HOTEL, "price", "the cheapest room")).containsEntry("price", "low");
            assertThat(read(MOVIES, "comedy", "the funnier the better")).containsEntry("comedy", "likes");
        }

        @Test
        void typosWithinALengthScaledDistance() {
            assertThat(read(IMAGE, "mood", "serne")).containsEntry("mood", "calm");
            assertThat(read(HOTEL, "chain", "indepndant")).containsEntry("chain", "local");
            assertThat(read(IMAGE, "style", "phto")).containsEntry("style", "photo"); // 4 letters: one edit
        }

        @Test
        void shortUnknownWordsAreNotCorrected() {
            assertThat(read(HOTEL, "price", "xyz")).isEmpty();
        }
    }

    @Nested
    class Negation {
        @Test
        void negationWithScopeAndExclusion() {
            assertThat(read(HOTEL, "area", "i won't stay in the suburbs")).containsEntry("area", "downtown");
            assertThat(read(IMAGE, "style", "not a drawing")).containsEntry("style", "photo");
            assertThat(read(HOTEL, "price", "neither cheap nor luxury")).containsEntry("price", "mid");
            assertThat(read(IMAGE, "aspect", "not landscape and not portrait")).containsEntry("aspect", "square");
        }

        @Test
        void exclusionThatLeavesTwoValuesSettlesNothing() {
            assertThat(read(HOTEL, "price", "anything but luxury")).doesNotContainKey("price");
        }

        /** "Too" right before a value or topic is more than wanted; after it, "too" is "also". */
        @Test
        void tooBeforeAMentionIsExcess() {
            assertThat(read(MOVIES, "romance", "ugh, too romantic")).containsEntry("romance", "dislikes");
            assertThat(read(MOVIES, "horror", "i hate horror, far too creepy")).containsEntry("horror", "dislikes");
            assertThat(read(EMAIL, "length", "too long please")).containsEntry("length", "short");
            assertThat(read(HOTEL, "price", "not too luxurious")).doesNotContainKey("price"); // low or mid: open
            assertThat(read(VACATION, "cafes", "cafes too")).containsEntry("cafes", "yes");
        }

        /** The embedding step never picks a value the text itself ruled out (it reads "not cheap" much like "cheap"). */
        @Test
        void theEmbeddingStepRespectsAnExclusion() {
            InterpretationPipeline hotel = InterpretationPipeline.of(Domain.builtIn("hotel"));
            InterpretationPipeline image = InterpretationPipeline.of(Domain.builtIn("image"));
            assertThat(read(hotel, "price", "not cheap")).doesNotContainEntry("price", "low");
            assertThat(read(image, "palette", "not too colourful")).doesNotContainEntry("palette", "vivid");
            assertThat(read(image, "palette", "anything but black and white"))
                .doesNotContainEntry("palette", "monochrome");
            assertThat(read(hotel, "price", "cheap")).containsEntry("price", "low");
        }

        @Test
        void anywhereButExcludes() {
            assertThat(read(HOTEL, "area", "anywhere but the centre")).containsEntry("area", "quiet");
            assertThat(read(HOTEL, "area", "anyone but a downtown place")).containsEntry("area", "quiet");
        }

        @Test
        void doubleNegationAndScopeEndingAtTheClause() {
            assertThat(read(MOVIES, "crime", "i'd never say no to a gangster film")).containsEntry("crime", "likes");
            assertThat(read(MOVIES, "horror", "no horror, but comedy yes"))
                .containsEntry("horror", "dislikes").containsEntry("comedy", "likes");
        }
    }

    @Nested
    class BareAnswers {
        @Test
        void yesNoAndSentimentAnswerThePendingQuestion() {
            assertThat(read(HOTEL, "breakfast", "yes")).containsEntry("breakfast", "included");
            assertThat(read(MOVIES, "horror", "nah")).containsEntry("horror", "dislikes");
            assertThat(read(MOVIES, "drama", "love them")).containsEntry("drama", "likes");
            assertThat(read(MOVIES, "drama", "they're ok")).containsEntry("drama", "neutral");
            assertThat(read(IMAGE, "people", "probably not")).containsEntry("people", "no");
        }

        @Test
        void ordinalsFollowTheQuestionsOrder() {
            assertThat(read(IMAGE, "aspect", "the last one")).containsEntry("aspect", "square");
            assertThat(read(HOTEL, "chain", "the former")).containsEntry("chain", "chain");
        }

        @Test
        void withoutAPendingQuestionABareAnswerSettlesNothing() {
            assertThat(read(HOTEL, null, "yes please")).isEmpty();
        }

        @Test
        void aQuestionBackSettlesNothing() {
            assertThat(read(HOTEL, "price", "what does it cost?")).isEmpty();
            assertThat(read(MOVIES, "horror", "can you recommend one")).isEmpty();
        }
    }

    @Test
    void degreeAndSuperlatives() {
        assertThat(read(IMAGE, "style", "as lifelike as possible")).containsEntry("style", "photo");
        assertThat(read(MOVIES, "thriller", "as few thrillers as possible")).containsEntry("thriller", "dislikes");
    }

    @Test
    void changeOfMindLastValueWins() {
        assertThat(read(HOTEL, "price", "cheap... no wait, mid-range")).containsEntry("price", "mid");
        assertThat(read(IMAGE, "palette", "muted, on second thought bright")).containsEntry("palette", "vivid");
        assertThat(read(VACATION, "museums", "yes, actually no")).containsEntry("museums", "no");
    }

    @Test
    void hedgesLowerTheConfidence() {
        double sure = HOTEL.interpret("downtown", "area").reading("area").orElseThrow().confidence();
        Understanding.Reading hedged = HOTEL.interpret("downtown i guess", "area").reading("area").orElseThrow();
        assertThat(hedged.value()).isEqualTo("downtown");
        assertThat(hedged.confidence()).isLessThan(sure);
    }

    @Test
    void indifferenceScopedByTopicWords() {
        assertThat(read(HOTEL, "price", "whatever")).containsEntry("price", Understanding.NO_PREFERENCE);
        assertThat(read(EMAIL, "formality", "formal, and i don't mind the length"))
            .containsEntry("formality", "formal").containsEntry("length", Understanding.NO_PREFERENCE);
        assertThat(read(MOVIES, null, "any decade is fine")).containsEntry("decade", Understanding.NO_PREFERENCE);
    }

    @Test
    void severalAttributesAndVolunteeredInformation() {
        Map<String, String> u = read(HOTEL, "price", "Mid-range and downtown is great.");
        assertThat(u).containsEntry("price", "mid").containsEntry("area", "downtown");
        assertThat(read(MOVIES, "comedy", "I love comedies but hate horror"))
            .containsEntry("comedy", "likes").containsEntry("horror", "dislikes");
    }

    @Test
    void protectedAttributesOnlyWhenAsked() {
        assertThat(read(HOTEL, null, "a wheelchair accessible room downtown"))
            .doesNotContainKey("accessibility").containsEntry("area", "downtown");
        assertThat(read(HOTEL, "accessibility", "wheelchair accessible please"))
            .containsEntry("accessibility", "needed");
        assertThat(read(VACATION, null, "a cheap trip with museums")).doesNotContainKey("budget");
    }

    @Test
    void firstRequestTraps() {
        assertThat(read(HOTEL, null, "money no object, downtown")).containsEntry("price", "high")
            .containsEntry("area", "downtown");
        assertThat(read(HOTEL, null, "a no-frills place")).containsEntry("price", "low");
        assertThat(read(IMAGE, null, "a black and white portrait of a sailor"))
            .containsEntry("palette", "monochrome").doesNotContainKey("aspect");
        assertThat(read(MOVIES, null, "a romance set in the 1980s")).containsEntry("romance", "likes")
            .doesNotContainKey("decade");
    }

    @Test
    void offTopicAndEmptyTextsSettleNothing() {
        assertThat(read(HOTEL, "price", "")).isEmpty();
        assertThat(read(HOTEL, "price", "🤔")).isEmpty();
        assertThat(HOTEL.interpret("the weather in may", "price").describe()).isEqualTo("nothing understood");
    }

    @Test
    void refusesNullTextAndUnknownAttributes() {
        assertThatThrownBy(() -> HOTEL.interpret(null, "price")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HOTEL.interpret("cheap", "colour")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("colour");
    }

    @Test
    void readingsValidateTheirRanges() {
        assertThatThrownBy(() -> new Understanding.Reading("price", "low", 1.5, 0, 1, "phrase"))
            .hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new Understanding.Reading("price", "low", 0.5, 3, 1, "phrase"))
            .hasMessageContaining("span");
        Understanding u = new Understanding("x", List.of(new Understanding.Reading("price", null, 0.9, 0, 1, "x")));
        assertThat(u.understood()).containsEntry("price", "no-preference");
        assertThat(u.confidence()).containsEntry("price", 0.9);
    }

    @Test
    void osaCountsATranspositionAsOneEdit() {
        assertThat(InterpretationPipeline.osa("clam", "calm", 3)).isEqualTo(1);
        assertThat(InterpretationPipeline.osa("kitten", "sitting", 5)).isEqualTo(3);
    }
}
