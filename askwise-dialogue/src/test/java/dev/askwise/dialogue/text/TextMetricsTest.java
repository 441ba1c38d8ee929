package dev.askwise.dialogue.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** BLEU-4 and ROUGE-L against values computed by hand. */
class TextMetricsTest {

    @Test
    void identicalTextsScoreOne() {
        assertThat(TextMetrics.bleu4("likes comedy and drama films", "likes comedy and drama films"))
            .isCloseTo(1.0, within(1e-12));
        assertThat(TextMetrics.rougeL("Likes: comedy, drama", "likes comedy drama")).isCloseTo(1.0, within(1e-12));
    }

    /**
     * Candidate "the cat sat on the mat" (6 tokens), reference "the cat is on the mat" (6): by hand, 1-gram matches
     * 5/6; 2-grams: "the cat", "on the", "the mat" = 3/5; 3-grams: "on the mat" = 1/4; 4-grams: 0 → ε = 0.1/3; no
     * brevity penalty; BLEU = (5/6 · 3/5 · 1/4 · 0.1/3)^(1/4). ROUGE-L: LCS "the cat on the mat" = 5, P = R = 5/6.
     */
    @Test
    void handComputedExample() {
        double expected = Math.pow(5.0 / 6 * 3.0 / 5 * 1.0 / 4 * (0.1 / 3), 0.25);
        assertThat(TextMetrics.bleu4("the cat sat on the mat", "the cat is on the mat"))
            .isCloseTo(expected, within(1e-12));
        assertThat(TextMetrics.rougeL("the cat sat on the mat", "the cat is on the mat"))
            .isCloseTo(5.0 / 6, within(1e-12));
    }

    /**
     * Brevity penalty: candidate "likes comedy" (2 tokens) against "likes comedy and drama" (4): the effective
     * orders are 1 and 2, with precisions 2/2 and 1/1; BP = e^(1 − 4/2); BLEU = e^(−1). ROUGE-L: LCS 2, P = 1,
     * R = 0.5, F1 = 2/3. An identical two-token profile scores 1.
     */
    @Test
    void shortCandidatesArePenalised() {
        assertThat(TextMetrics.bleu4("likes comedy", "likes comedy and drama")).isCloseTo(Math.exp(-1),
            within(1e-12));
        assertThat(TextMetrics.bleu4("habits: average", "habits average")).isCloseTo(1.0, within(1e-12));
        assertThat(TextMetrics.rougeL("likes comedy", "likes comedy and drama")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(TextMetrics.bleu4("", "x")).isZero();
        assertThat(TextMetrics.rougeL("a b", "c d")).isZero();
    }
}
