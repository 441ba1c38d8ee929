package dev.askwise.dialogue.clarify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

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
        assertThat(Clarifier.resolve(d.clarification(), "the leader, please")).isEqualTo(1);
        assertThat(Clarifier.matches(List.of("The Fascists!"), List.of("fascists"))).isTrue();
    }
}
