package dev.askwise.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The lexical interpreter on a labelled set of answers (src/test/resources/answers.tsv: 218 cases over the five
 * built-in domains, including negations, indifference and off-topic answers). Accuracy per domain is printed and
 * must not drop below what was measured when the set was written.
 */
class AnswerInterpreterTest {

    record Case(String domain, String attribute, String text, String expected) {
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = AnswerInterpreterTest.class.getResourceAsStream("/answers.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Case(f[0], f[1], f[2], f[3].trim()));
            }
        }
        return out;
    }

    static String outcome(AnswerInterpreter.Interpretation i) {
        return i.kind() == AnswerInterpreter.Kind.VALUE ? i.value() : i.kind().name();
    }

    /**
     * Measured when the set was written (lexical matching only, 207 of 218): email 42/42, hotel 65/71, image 35/36,
     * movies 34/36, vacation 31/33. Labels are what the user means, so the misses are answers that need understanding
     * beyond the domain's words ("I never eat breakfast", "history bores me", "familiar brands", "80s classics",
     * "somewhere lively", "for my phone wallpaper", "scary films keep me up at night", "I'd rather not"); matching
     * value descriptions with an embedding model is the planned next step.
     */
    private static final Map<String, Double> FLOOR = Map.of("hotel", 65 / 71.0, "vacation", 31 / 33.0, "email", 1.0,
        "image", 35 / 36.0, "movies", 34 / 36.0);

    @Test
    void accuracyPerDomainOnTheLabelledSet() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        Map<String, int[]> score = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (Case c : cases) {
            AnswerInterpreter interpreter = new AnswerInterpreter(Domain.builtIn(c.domain()));
            String got = outcome(interpreter.interpret(c.attribute(), c.text()));
            int[] s = score.computeIfAbsent(c.domain(), k -> new int[2]);
            s[1]++;
            if (got.equals(c.expected())) {
                s[0]++;
            } else {
                misses.add(c + " -> " + got);
            }
        }
        StringBuilder report = new StringBuilder();
        score.forEach((d, s) -> report.append(String.format(Locale.ROOT, "%s %d/%d (%.3f); ", d, s[0], s[1],
            (double) s[0] / s[1])));
        System.out.println("answer accuracy: " + report + "misses: " + misses);
        score.forEach((d, s) -> assertThat((double) s[0] / s[1]).as(d + ": " + report + misses)
            .isGreaterThanOrEqualTo(FLOOR.get(d)));
    }

    @Test
    void negationIndifferenceAndYesNo() {
        AnswerInterpreter hotel = new AnswerInterpreter(Domain.builtIn("hotel"));
        assertThat(outcome(hotel.interpret("chain", "anything but chains"))).isEqualTo("local");
        assertThat(outcome(hotel.interpret("price", "I don't mind"))).isEqualTo("NO_PREFERENCE");
        assertThat(outcome(hotel.interpret("area", "yes"))).isEqualTo("downtown");
        assertThat(outcome(hotel.interpret("area", "not downtown, it's too noisy"))).isEqualTo("quiet");
        assertThat(outcome(hotel.interpret("price", "cheap or luxury"))).isEqualTo("NOT_UNDERSTOOD");
        // a negation does not reach across a clause: "not expensive" is low, "downtown" stays downtown
        assertThat(hotel.extractStated("Not expensive, downtown please")).containsEntry("area", "downtown")
            .containsEntry("price", "low");
    }

    /** Seed 002's example: "a cheap hotel downtown" states price and area, which are then never asked. */
    @Test
    void extractsWhatTheFirstRequestStates() {
        AnswerInterpreter hotel = new AnswerInterpreter(Domain.builtIn("hotel"));
        assertThat(hotel.extractStated("Find me a cheap hotel downtown")).containsExactly(
            Map.entry("price", "low"), Map.entry("area", "downtown"));
        assertThat(hotel.extractStated("a boutique place with breakfast included, not in the centre"))
            .containsEntry("chain", "local").containsEntry("breakfast", "included").containsEntry("area", "quiet");
        assertThat(hotel.extractStated("book me a hotel for Friday")).isEmpty();
        AnswerInterpreter email = new AnswerInterpreter(Domain.builtIn("email"));
        assertThat(email.extractStated("write a short, casual email to my team")).containsExactly(
            Map.entry("length", "short"), Map.entry("formality", "casual"));
    }
}
