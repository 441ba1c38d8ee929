package dev.askwise.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-process pipeline (lexical steps and the embedding model, no LLM) on the labelled evaluation set of issue 11
 * (src/test/resources/dev/askwise/dialogue/eval, written blind to the interpreter; README.md there has the labelling
 * rules). The <b>tune</b> half is what the pipeline, its vocabulary and the embedding threshold were tuned on; this
 * test asserts the targets on it: ≥ 85% of answers exactly right, ≥ 70% in every category, confident wrong
 * ≤ 4%, first requests ≥ 85% exactly right. The <b>held-out</b> half is only reported (printed) with a loose floor,
 * so that nobody tunes to it; its figures go in the closing note.
 */
class InterpretationEvalTest {

    private static final String DIR = "eval/";
    private static final Map<String, InterpretationPipeline> PIPELINES = new HashMap<>();

    static synchronized InterpretationPipeline pipeline(String domain) {
        return PIPELINES.computeIfAbsent(domain, d -> InterpretationPipeline.of(Domain.builtIn(d)));
    }

    static List<Map<?, ?>> lines(String file) {
        try (InputStream in = InterpretationEvalTest.class.getResourceAsStream(DIR + file)) {
            List<Map<?, ?>> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add((Map<?, ?>) Json.parse(line));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put((String) k, (String) v));
        }
        return out;
    }

    static InterpretationScore.Snapshot score(String half) {
        InterpretationScore score = new InterpretationScore();
        for (Map<?, ?> m : lines("answers-" + half + ".jsonl")) {
            String d = (String) m.get("domain");
            String a = (String) m.get("attribute");
            Understanding u = pipeline(d).interpret((String) m.get("text"), a);
            score.answer(d, a, (String) m.get("category"), (String) m.get("expected"), strings(m.get("also")), u);
        }
        for (Map<?, ?> m : lines("requests-" + half + ".jsonl")) {
            Understanding u = pipeline((String) m.get("domain")).interpret((String) m.get("text"), null);
            score.request(strings(m.get("expected")), u);
        }
        return score.snapshot();
    }

    @Test
    void tuneHalfMeetsTheTargets() {
        InterpretationScore.Snapshot s = score("tune");
        System.out.println("interpretation, tune half:\n" + s.render());
        assertThat(s.answers().total()).isEqualTo(550);
        assertThat(s.answers().share()).isGreaterThanOrEqualTo(0.85);
        s.byCategory().forEach((category, count) -> assertThat(count.share()).as(category)
            .isGreaterThanOrEqualTo(0.70));
        assertThat(s.confidentWrong().share()).isLessThanOrEqualTo(0.04);
        assertThat(s.requests().total()).isEqualTo(56);
        assertThat(s.requests().share()).isGreaterThanOrEqualTo(0.85);
    }

    /**
     * The blind set (README.md, "The blind set"): 200 answers and first requests written by a session that saw only the
     * domain files and the CLI page. Its dev half prompted three generic rules; its held-out half was only measured.
     * Floors just under today's figures (answers right 89.4%, confident wrong 5.3%), so a regression shows.
     */
    @Test
    void blindSetIsReported() {
        InterpretationScore.Snapshot s = scoreBlindFile("blind-answers.jsonl", "blind set", 200);
        assertThat(s.answers().total()).isEqualTo(189);
        assertThat(s.answers().share()).isGreaterThanOrEqualTo(0.87);
        assertThat(s.confidentWrong().share()).isLessThanOrEqualTo(0.06);
    }

    /**
     * The numeric set (README.md, "The numeric set"): 60 answers and first requests with prices and years, written by a
     * session that saw only the domain files. Before amounts were read 44% of its answers and 1 of its 10 first
     * requests were right; now 94% and 10 of 10. Floors just under today's figures.
     */
    @Test
    void numericSetIsReported() {
        InterpretationScore.Snapshot s = scoreBlindFile("numeric-answers.jsonl", "numeric set", 60);
        assertThat(s.answers().total()).isEqualTo(50);
        assertThat(s.answers().share()).isGreaterThanOrEqualTo(0.92);
        assertThat(s.confidentWrong().share()).isLessThanOrEqualTo(0.04);
        assertThat(s.requests().share()).isGreaterThanOrEqualTo(0.9);
    }

    /**
     * Scores a blind file (answers with a string "expected", first requests with an object), prints the figures and
     * checks the number of lines read.
     */
    private static InterpretationScore.Snapshot scoreBlindFile(String file, String name, int expectedLines) {
        InterpretationScore score = new InterpretationScore();
        int lines = 0;
        for (Map<?, ?> m : lines(file)) {
            lines++;
            String d = (String) m.get("domain");
            String a = (String) m.get("attribute");
            Understanding u = pipeline(d).interpret((String) m.get("text"), a);
            if (a == null) {
                score.request(strings(m.get("expected")), u);
            } else {
                score.answer(d, a, (String) m.get("category"), (String) m.get("expected"), strings(m.get("also")), u);
            }
        }
        InterpretationScore.Snapshot s = score.snapshot();
        System.out.println("interpretation, " + name + ":\n" + s.render());
        assertThat(lines).isEqualTo(expectedLines);
        return s;
    }

    /** Reported, not tuned on: a floor well under the targets only catches a broken pipeline. */
    @Test
    void heldOutHalfIsReported() {
        InterpretationScore.Snapshot s = score("heldout");
        System.out.println("interpretation, held-out half:\n" + s.render());
        assertThat(s.answers().total()).isEqualTo(550);
        assertThat(s.answers().share()).isGreaterThanOrEqualTo(0.6);
        assertThat(s.requests().share()).isGreaterThanOrEqualTo(0.5);
    }

    /**
     * The calibration of {@link ExampleEmbeddings#MIN_SIMILARITY}: the embedding step alone on every tune answer,
     * swept over thresholds. The chosen thresholds keep the precision of its commits at 85% or more.
     */
    @Test
    void embeddingCalibration() {
        List<double[]> rows = new ArrayList<>();
        Map<String, ExampleEmbeddings> byDomain = new HashMap<>();
        for (Map<?, ?> m : lines("answers-tune.jsonl")) {
            String d = (String) m.get("domain");
            ExampleEmbeddings e = byDomain.computeIfAbsent(d, k -> ExampleEmbeddings.of(Domain.builtIn(k)));
            ExampleEmbeddings.Match b = e.best((String) m.get("attribute"), (String) m.get("text"));
            String expected = (String) m.get("expected");
            boolean valueExpected = !expected.equals("none") && !expected.equals("indifferent");
            rows.add(new double[] {b.similarity(), b.margin(), valueExpected ? 1 : 0,
                b.value().equals(expected) ? 1 : 0});
        }
        StringBuilder table = new StringBuilder("similarity margin commits right precision\n");
        double chosenPrecision = Double.NaN;
        for (double margin : new double[] {0, 0.03, 0.06}) {
            for (int t = 30; t <= 85; t += 5) {
                int commits = 0;
                int right = 0;
                for (double[] r : rows) {
                    if (r[0] >= t / 100.0 && r[1] >= margin) {
                        commits++;
                        right += (int) r[3];
                    }
                }
                double precision = commits == 0 ? Double.NaN : (double) right / commits;
                table.append(String.format(Locale.ROOT, "%.2f %.2f %d %d %.3f%n", t / 100.0, margin, commits, right,
                    precision));
                if (t / 100.0 == ExampleEmbeddings.MIN_SIMILARITY && margin == ExampleEmbeddings.MIN_MARGIN) {
                    chosenPrecision = precision;
                }
            }
        }
        System.out.println("embedding step alone on the tune answers:\n" + table);
        assertThat(chosenPrecision).isGreaterThanOrEqualTo(0.85);
    }
}
