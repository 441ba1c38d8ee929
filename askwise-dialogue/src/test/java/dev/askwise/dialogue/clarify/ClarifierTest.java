package dev.askwise.dialogue.clarify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.dialogue.ChoiceResolver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The production decision by hand (the same readings as ClarifyOrAnswerTest's first item). */
class ClarifierTest {

    private static final String QUESTION = "Who took control of the Italian government in 1922?";
    private static final List<Reading> READINGS = List.of(
        new Reading("What party took control of the Italian government in 1922?", List.of("National Fascist Party")),
        new Reading("What leader took control of the Italian government in 1922?", List.of("Benito Mussolini")),
        new Reading("What faction took control of the Italian government in 1922?", List.of("the Fascists")));

    /** Options: the words each reading adds, less the "what" all add; weights 6:3:1 → now 0.6, after asking 1. */
    @Test
    void decidesFromTheReadingsAndResolvesTheReply() {
        Clarifier.Decision d = Clarifier.decide(QUESTION, READINGS, new double[] {6, 3, 1}, 0.39);
        assertThat(d.clarification().options()).containsExactly("party", "leader", "faction");
        assertThat(d.clarification().text()).isEqualTo("Do you mean \"party\", \"leader\" or \"faction\"?");
        assertThat(d.answerNow()).isCloseTo(0.6, within(1e-12));
        assertThat(d.afterAsking()).isCloseTo(1.0, within(1e-12));
        assertThat(d.ask()).isTrue();
        assertThat(Clarifier.decide(QUESTION, READINGS, new double[] {6, 3, 1}, 0.41).ask()).isFalse();
        assertThat(Clarifier.resolver(QUESTION, READINGS, d.clarification()).resolve("the leader, please", 0)
            .choice()).isEqualTo(1);
        assertThat(Clarifier.matches(List.of("The Fascists!"), List.of("fascists"))).isTrue();
    }

    private static final List<Reading> TWO = READINGS.subList(0, 2);

    private static ChoiceResolver.Resolution resolve(List<Reading> readings, String reply) {
        Clarifier.Clarification c = Clarifier.clarification(QUESTION, readings);
        return Clarifier.resolver(QUESTION, readings, c).resolve(reply, 0);
    }

    /**
     * Replies a person writes, each read by hand: the option in other words, a typo, an ordinal, a change of mind,
     * indifference (the default reading).
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "the leader, please | 1", "leader | 1", "I meant the party | 0", "which party | 0", "the partyy | 0",
        "the second one | 1", "the first | 0", "the faction | 2", "party, no wait, the leader | 1",
        "the political party obviously | 0", "the faction within it | 2", "either is fine | 0", "the leeder | 1"})
    void understandsReplies(String reply, int reading) {
        ChoiceResolver.Resolution r = resolve(READINGS, reply);
        assertThat(r.understood()).as(r.toString()).isTrue();
        assertThat(r.choice()).isEqualTo(reading);
    }

    /**
     * Replies that do not say which reading: nonsense, an unrelated answer, a question back, and a reply that only
     * rules one out ("the guy, not the party") — not understood, so the service asks again instead of defaulting.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xyzzy", "hmm", "what do you mean?", "I like turtles", "the weather in Paris",
        "the guy, not the party", "not the party", "asdf qwerty"})
    void saysWhenARepliesIsNotUnderstood(String reply) {
        ChoiceResolver.Resolution r = resolve(TWO, reply);
        assertThat(r.understood()).as(r.toString()).isFalse();
        assertThat(r.choice()).isEqualTo(-1);
    }

    /** Ruling one of two out leaves the other to confirm, not to assume; nothing read leaves every reading. */
    @Test
    void askAgainConfirmsWhatRemains() {
        Clarifier.Clarification c = Clarifier.clarification(QUESTION, TWO);
        ChoiceResolver.Resolution r = resolve(TWO, "the guy, not the party");
        assertThat(r.remaining()).containsExactly(1);
        assertThat(Clarifier.askAgain(c, r.remaining())).isEqualTo("Just to check: do you mean \"leader\"?");
        ChoiceResolver.Resolution none = resolve(TWO, "xyzzy");
        assertThat(none.remaining()).containsExactly(0, 1);
        assertThat(Clarifier.askAgain(c, none.remaining()))
            .isEqualTo("Sorry, I did not understand that. Do you mean \"party\" or \"leader\"?");
    }

    /** An empty option ("just as you asked it") is picked by saying so; one reading needs no choosing. */
    @Test
    void asAskedAndSingleReading() {
        List<Reading> withOriginal = List.of(new Reading(QUESTION, List.of("Mussolini")), READINGS.get(0));
        Clarifier.Clarification c = Clarifier.clarification(QUESTION, withOriginal);
        assertThat(c.options()).containsExactly("", "what party");
        ChoiceResolver resolver = Clarifier.resolver(QUESTION, withOriginal, c);
        assertThat(resolver.resolve("just as I asked it", 1).choice()).isEqualTo(0);
        assertThat(resolver.resolve("the party", 0).choice()).isEqualTo(1);
        assertThat(Clarifier.resolver(QUESTION, List.of(READINGS.get(0)), Clarifier.clarification(QUESTION,
            List.of(READINGS.get(0)))).resolve("xyzzy", 0).choice()).isZero();
    }

    /**
     * The weighted-words step, by hand: readings "… 2007 film", "… 2015 TV series", "… 2015 film". "the one about the
     * film from 2015" names no option phrase (options "2007 film", "2015 tv series", "2015 film"; "film" and "2015"
     * each belong to two), so the pipeline reads nothing; "film" and "2015" each weigh ln(3/2) = 0.405: reading 3 has
     * both (0.811), readings 1 and 2 one each (0.405), a lead of 0.405 ≥ ln 2 / 2 = 0.347 → reading 3. "the 2015 one"
     * ties readings 2 and 3 (0.405 each): not understood, both remain.
     */
    @Test
    void weightedWordsPickAClearLeaderOnly() {
        String q = "Who played Alvin?";
        List<Reading> alvin = List.of(new Reading("Who played Alvin in the 2007 film?", List.of("a")),
            new Reading("Who played Alvin in the 2015 TV series?", List.of("b")),
            new Reading("Who played Alvin in the 2015 film?", List.of("c")));
        Clarifier.Clarification c = Clarifier.clarification(q, alvin);
        assertThat(c.options()).containsExactly("2007 film", "2015 tv series", "2015 film");
        ChoiceResolver resolver = Clarifier.resolver(q, alvin, c);
        ChoiceResolver.Resolution film = resolver.resolve("the one about the film from 2015", 0);
        assertThat(film.source()).isEqualTo("words");
        assertThat(film.choice()).isEqualTo(2);
        ChoiceResolver.Resolution tie = resolver.resolve("the 2015 one", 0);
        assertThat(tie.understood()).as(tie.toString()).isFalse();
    }
}
