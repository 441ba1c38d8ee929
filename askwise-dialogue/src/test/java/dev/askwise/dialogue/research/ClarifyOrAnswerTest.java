package dev.askwise.dialogue.research;

import dev.askwise.dialogue.clarify.Clarifier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClarifyOrAnswerTest {

    private static final String SMALL = """
        [
         {"id": "1", "question": "Who took control of the italian government in 1922?", "annotations": [
           {"type": "multipleQAs", "qaPairs": [
             {"question": "What party took control of the Italian government in 1922?",
              "answer": ["National Fascist Party"]},
             {"question": "What leader took control of the Italian government in 1922?",
              "answer": ["Benito Mussolini"]},
             {"question": "What faction took control of the Italian government in 1922?",
              "answer": ["Italian fascists"]}]},
           {"type": "singleAnswer", "answer": ["ignored: only the first annotation counts"]}]},
         {"id": "2", "question": "Who played the doctor?", "annotations": [
           {"type": "singleAnswer", "answer": ["The Tony Goldwyn", "Goldwyn"]}]},
         {"id": "3", "question": "Who wrote the song?", "annotations": [
           {"type": "multipleQAs", "qaPairs": [
             {"question": "Who wrote the song's lyrics?", "answer": ["Ann"]},
             {"question": "Who wrote the song's music?", "answer": ["ann."]}]}]},
         {"id": "4", "question": "When was it built?", "annotations": [
           {"type": "multipleQAs", "qaPairs": [
             {"question": "When was it built, first?", "answer": ["1900"]},
             {"question": "When was it built first?", "answer": ["1910"]}]}]}
        ]""";

    private static List<AmbigQa.Item> small(Path dir) throws IOException {
        Path f = dir.resolve("dev_light.json");
        Files.writeString(f, SMALL);
        return AmbigQa.load(f);
    }

    @Test
    void loadsTheFirstAnnotationAndNormalisesLikeSquad(@TempDir Path dir) throws IOException {
        List<AmbigQa.Item> items = small(dir);
        assertThat(items).hasSize(4);
        assertThat(items.get(0).interpretations()).hasSize(3);
        assertThat(items.get(1).ambiguous()).isFalse();
        assertThat(items.get(1).interpretations().get(0).question()).isEqualTo("Who played the doctor?");
        assertThat(AmbigQa.normalise("The Beatles!")).isEqualTo("beatles");
        assertThat(AmbigQa.normalise("  A  tale of  an apple ")).isEqualTo("tale of apple");
        assertThat(AmbigQa.matches(List.of("tony goldwyn"), items.get(1).interpretations().get(0).answers()))
            .isTrue();
    }

    /**
     * By hand. Item 1: the options are the words each reading adds, less the "what" they all add: party, leader,
     * faction; answering at once is right for 1 of 3 users; after asking for all 3. Item 2 is unambiguous (1 and 1).
     * Item 3: both readings' answers normalise to "ann": answering is always right. Item 4: the readings add no word,
     * so the options are empty and the question cannot tell them apart: 1 of 2 either way.
     */
    @Test
    void clarifyingQuestionsAndExpectedAccuracyByHand(@TempDir Path dir) throws IOException {
        List<AmbigQa.Item> items = small(dir);
        Clarifier.Clarification c = ClarifyOrAnswer.clarification(items.get(0));
        assertThat(c.options()).containsExactly("party", "leader", "faction");
        assertThat(c.text()).isEqualTo("Do you mean \"party\", \"leader\" or \"faction\"?");
        assertThat(ClarifyOrAnswer.resolve(items.get(0), c, "the leader, please")).isEqualTo(1);
        assertThat(ClarifyOrAnswer.directAccuracy(items.get(0))).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(ClarifyOrAnswer.clarifiedAccuracy(items.get(0), c)).isEqualTo(1.0);
        assertThat(ClarifyOrAnswer.directAccuracy(items.get(2))).isEqualTo(1.0);
        Clarifier.Clarification none = ClarifyOrAnswer.clarification(items.get(3));
        assertThat(none.options()).containsExactly("", "");
        assertThat(none.text()).startsWith("Could you say more precisely");
        assertThat(ClarifyOrAnswer.directAccuracy(items.get(3))).isEqualTo(0.5);
        assertThat(ClarifyOrAnswer.clarifiedAccuracy(items.get(3), none)).isEqualTo(0.5);

        // the engine asks only about item 1 (gain 2/3) while the cost is below 2/3
        assertThat(ClarifyOrAnswer.asks("engine", items.get(0), 0.6)).isTrue();
        assertThat(ClarifyOrAnswer.asks("engine", items.get(0), 0.7)).isFalse();
        for (int i = 1; i < 4; i++) {
            assertThat(ClarifyOrAnswer.asks("engine", items.get(i), 0.0)).as("item %d", i + 1).isFalse();
        }
        // aggregates: accuracy (1/3 + 1 + 1 + 1/2) / 4 answering, (1 + 1 + 1 + 1/2) / 4 with the engine
        ClarifyOrAnswer.Result answer = ClarifyOrAnswer.evaluate("answer", items, 0.3);
        ClarifyOrAnswer.Result engine = ClarifyOrAnswer.evaluate("engine", items, 0.3);
        ClarifyOrAnswer.Result ask = ClarifyOrAnswer.evaluate("ask", items, 0.3);
        assertThat(answer.accuracy()).isCloseTo((1.0 / 3 + 2.5) / 4, within(1e-12));
        assertThat(engine.accuracy()).isCloseTo(3.5 / 4, within(1e-12));
        assertThat(engine.meanTurns()).isCloseTo(1.25, within(1e-12));
        assertThat(ask.meanTurns()).isEqualTo(2.0);
        assertThat(ask.netUtility()).isCloseTo(3.5 / 4 - 0.3, within(1e-12));
        assertThat(engine.ambiguousAskRate()).isCloseTo(1.0 / 3, within(1e-12));
        // a user who replies in their own words ("I mean: What leader took control …") is resolved the same way here
        ClarifyOrAnswer.User paraphrase = ClarifyOrAnswer.user("paraphrase", null);
        assertThat(paraphrase.reply(items.get(0), c, 2)).isEqualTo("I mean: What faction took control of the Italian "
            + "government in 1922?");
        assertThat(ClarifyOrAnswer.clarifiedAccuracy(items.get(0), c, paraphrase)).isEqualTo(1.0);
        assertThat(ClarifyOrAnswer.evaluate("engine", items, 0.3, paraphrase).accuracy()).isCloseTo(3.5 / 4,
            within(1e-12));
        assertThatThrownBy(() -> ClarifyOrAnswer.user("shy", null)).hasMessage(
            "unknown user 'shy'; known: option, paraphrase, realistic, llm");
        assertThatThrownBy(() -> ClarifyOrAnswer.asks("sometimes", items.get(0), 0))
            .hasMessage("unknown policy 'sometimes'; known: answer, ask, engine");
    }

    /**
     * Weighted readings by hand, item 1 (three readings, distinct answers): weights 6:3:1 → answering the first now is
     * right 0.6 of the time, asking always: gain 0.4 — asks at cost 0.39, answers at 0.41. Weights 1:3:0 make the
     * second reading the default (0.75).
     */
    @Test
    void weightedDecisions(@TempDir Path dir) throws IOException {
        AmbigQa.Item item = small(dir).get(0);
        Clarifier.Decision d = ClarifyOrAnswer.decide(item, new double[] {6, 3, 1}, 0.39);
        assertThat(d.answerNow()).isCloseTo(0.6, within(1e-12));
        assertThat(d.afterAsking()).isCloseTo(1.0, within(1e-12));
        assertThat(d.ask()).isTrue();
        assertThat(ClarifyOrAnswer.decide(item, new double[] {6, 3, 1}, 0.41).ask()).isFalse();
        Clarifier.Decision second = ClarifyOrAnswer.decide(item, new double[] {1, 3, 0}, 0.3);
        assertThat(second.defaultReading()).isEqualTo(1);
        assertThat(second.answerNow()).isCloseTo(0.75, within(1e-12));
        assertThatThrownBy(() -> ClarifyOrAnswer.decide(item, new double[] {1, 1}, 0.3))
            .hasMessage("weights must have one entry per interpretation (3): 2");
        assertThatThrownBy(() -> ClarifyOrAnswer.decide(item, new double[] {0, 0, 0}, 0.3))
            .hasMessage("weights must not all be 0");
        assertThatThrownBy(() -> ClarifyOrAnswer.decide(item, new double[] {1, -1, 0}, 0.3))
            .hasMessage("weights must be finite and >= 0: -1.0");
    }

    @Test
    void badFilesNameTheEntry(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "[{\"id\": \"9\", \"question\": \"q?\", \"annotations\": [{\"type\": \"maybe\"}]}]");
        assertThatThrownBy(() -> AmbigQa.load(f)).hasMessage(f + ": entry 0 (id 9): annotation type must be "
            + "singleAnswer or multipleQAs: maybe");
        Files.writeString(f, "{\"not\": \"an array\"}");
        assertThatThrownBy(() -> AmbigQa.load(f)).hasMessage(f + ": expected a JSON array of questions");
        assertThatThrownBy(() -> AmbigQa.load(dir.resolve("missing.json"))).hasMessageStartingWith(
            "AmbigQA file not found");
    }

    /**
     * On the shipped AmbigQA dev set, at any cost the engine's net utility (accuracy − cost × questions) is at least
     * that of answering and of always asking — it decides per question with the same simulation that scores it — and
     * it never asks an unambiguous question. Measured at cost 0.3: answer 0.679, ask 0.998, engine 0.998 accuracy at
     * 1.518 turns.
     */
    @Test
    void engineIsNeverWorseOnAmbigQa() {
        List<AmbigQa.Item> items = AmbigQa.load(Path.of("..", "data", "ambigqa", "dev_light.json"));
        assertThat(items).hasSize(2002);
        double[] costs = {0.0, 0.1, 0.3, 0.5, 0.9};
        java.util.Map<String, List<ClarifyOrAnswer.Result>> all = ClarifyOrAnswer.sweep(items, costs);
        for (int k = 0; k < costs.length; k++) {
            double cost = costs[k];
            ClarifyOrAnswer.Result answer = all.get("answer").get(k);
            ClarifyOrAnswer.Result ask = all.get("ask").get(k);
            ClarifyOrAnswer.Result engine = all.get("engine").get(k);
            assertThat(engine.netUtility()).as("cost %s", cost).isGreaterThanOrEqualTo(Math.max(answer.netUtility(),
                ask.netUtility()) - 1e-12);
            assertThat(engine.askRate() * items.size()).isLessThanOrEqualTo(engine.ambiguous() + 1e-9);
            if (cost == 0.3) {
                assertThat(answer.accuracy()).isCloseTo(0.679, within(0.001));
                assertThat(ask.accuracy()).isCloseTo(0.998, within(0.001));
                assertThat(engine.meanTurns()).isCloseTo(1.518, within(0.001));
            }
        }
    }

    @Test
    void costGridHoldsTheChosenCostExactly() {
        double[] g = ClarifyOrAnswer.costGrid(0.33);
        assertThat(g).hasSize(22).contains(0.3, 0.33, 1.0);
        assertThat(ClarifyOrAnswer.costGrid(0.3)).hasSize(21);
        assertThatThrownBy(() -> ClarifyOrAnswer.costGrid(1.5)).hasMessage("cost must be in [0, 1]: 1.5");
    }

    /**
     * Item 1 by hand with the realistic user (own words 0.8, another reading 0.1, no answer 0.1): own words resolve
     * to the reading held (1), another reading's answer is always wrong here (0), no answer gets the default reading,
     * right for 1 of the 3 held readings: 0.8 + 0.1 / 3.
     */
    @Test
    void realisticUsersAndTheQualityCheck(@TempDir Path dir) throws IOException {
        List<AmbigQa.Item> items = small(dir);
        ClarifyOrAnswer.User user = ClarifyOrAnswer.user("realistic", null);
        Clarifier.Clarification c = ClarifyOrAnswer.clarification(items.get(0));
        assertThat(user.reply(items.get(0), c, 1)).isEqualTo("the one about leader took control italian government "
            + "1922");
        assertThat(user.replies(items.get(0), c, 0)).extracting(ClarifyOrAnswer.Reply::probability)
            .containsExactly(0.8, 0.05, 0.05, 0.1);
        assertThat(ClarifyOrAnswer.clarifiedAccuracy(items.get(0), c, user)).isCloseTo(0.8 + 0.1 / 3, within(1e-12));
        // "party", "leader", "faction": every attribute at 1, kept
        assertThat(ClarifyOrAnswer.quality(items.get(0), c).overall()).isEqualTo(1.0);
        assertThat(ClarifyOrAnswer.scoredClarification(items.get(0))).isEqualTo(c);
        // item 4's readings add no word: focus and answerability 0, so it is replaced by the readings' questions
        Clarifier.Clarification replaced = ClarifyOrAnswer.scoredClarification(items.get(3));
        assertThat(replaced.text()).startsWith("Which of these do you mean: \"");
        assertThat(replaced.options()).containsExactlyElementsOf(items.get(3).interpretations().stream()
            .map(AmbigQa.Interpretation::question).toList());
        assertThatThrownBy(() -> ClarifyOrAnswer.realisticUser(0.6, 0.5)).hasMessageStartingWith("rates must be");
    }
}
