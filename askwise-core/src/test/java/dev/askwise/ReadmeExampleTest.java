package dev.askwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.analysis.AdaptivePolicy;
import dev.askwise.analysis.Analysis;
import dev.askwise.analysis.FixedK;
import dev.askwise.analysis.StylizedAnalysis;
import dev.askwise.data.Dataset;
import dev.askwise.data.MovieLensLoader;
import dev.askwise.engine.ElicitationEngine;
import dev.askwise.engine.ElicitationSession;
import dev.askwise.engine.Step;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's library example, line for line, and a check that the README still shows these lines. */
class ReadmeExampleTest {

    private static final List<String> ENGINE_EXAMPLE = List.of(
        "Dataset users = MovieLensLoader.load(Path.of(\"data/movielens/ml-latest-small\"));",
        "LatentClassModel model = LatentClassFitter.fit(users, FitOptions.builder().clusters(4).seed(7).build())"
            + ".model();",
        "ElicitationEngine engine = ElicitationEngine.builder(model).cost(0.3).gamma(2).neverInfer(\"horror\").build();",
        "ElicitationSession session = engine.start();",
        "Profile alice = users.profile(0);                                   // a simulated user who answers truthfully",
        "Step step = session.next();",
        "while (step instanceof Step.Ask ask) {",
        "    int a = model.schema().indexOf(ask.attribute());",
        "    step = alice.isKnown(a) ? session.answer(a, alice.value(a)) : session.decline(ask.attribute());",
        "}",
        "((Step.Proceed) step).assignments().forEach(System.out::println); // value, source (answered/inferred/...), "
            + "probability");

    private static final List<String> EXAMPLE = List.of(
        "SymmetricMixture users = SymmetricMixture.of(10, 0.8, 0.1); // 10 binary features, 80% share the all-zeros"
            + " taste",
        "WelfareFunction fair = WelfareFunction.of(2);                // inequality aversion gamma = 2 (0 utilitarian,"
            + " inf maximin)",
        "Analysis analysis = StylizedAnalysis.analyze(users, 1.0, fair); // each question costs 1 unit of utility",
        "FixedK best = analysis.best();                               // the optimal number of questions k*",
        "int[] response = best.response();                            // g*(r): ones to output after seeing r ones",
        "double minority = best.clusterMeanUtility()[1];              // mean utility of the 20% minority",
        "double majority = best.clusterMeanUtility()[0];",
        "AdaptivePolicy adaptive = analysis.adaptive();               // decide after each answer instead",
        "System.out.printf(\"ask %d, respond %s, minority %.2f vs majority %.2f, adaptive gain %.3f%n\", "
            + "analysis.kStar(),",
        "    java.util.Arrays.toString(response), minority, majority, adaptive.gainOverBestFixed());");

    private static List<List<String>> readmeBlocks() throws Exception {
        String text = Files.readString(Path.of("..", "README.md"));
        List<List<String>> blocks = new java.util.ArrayList<>();
        int at = 0;
        while ((at = text.indexOf("```java\n", at)) >= 0) {
            int end = text.indexOf("```", at + 8);
            blocks.add(text.substring(at + 8, end).lines().toList());
            at = end + 3;
        }
        return blocks;
    }

    @Test
    void readmeShowsExactlyTheseLines() throws Exception {
        assertThat(readmeBlocks()).containsExactly(ENGINE_EXAMPLE, EXAMPLE);
    }

    /** The engine example verbatim (indented; it reads the data from the repository root). */
    private static String engineExample() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String cwd = "..";
        try {
            // --- begin README engine example ---
            Dataset users = MovieLensLoader.load(Path.of(cwd, "data/movielens/ml-latest-small"));
            LatentClassModel model = LatentClassFitter.fit(users, FitOptions.builder().clusters(4).seed(7).build()).model();
            ElicitationEngine engine = ElicitationEngine.builder(model).cost(0.3).gamma(2).neverInfer("horror").build();
            ElicitationSession session = engine.start();
            Profile alice = users.profile(0);                                   // a simulated user who answers truthfully
            Step step = session.next();
            while (step instanceof Step.Ask ask) {
                int a = model.schema().indexOf(ask.attribute());
                step = alice.isKnown(a) ? session.answer(a, alice.value(a)) : session.decline(ask.attribute());
            }
            ((Step.Proceed) step).assignments().forEach(System.out::println); // value, source (answered/inferred/...), probability
            // --- end README engine example ---
        } finally {
            System.setOut(saved);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void engineExampleSourceMatchesTheReadme() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/askwise/ReadmeExampleTest.java"));
        String block = source.substring(source.indexOf("// --- begin README engine example ---\n") + 39,
            source.indexOf("            // --- end README engine example ---"));
        List<String> lines = block.lines().map(l -> l.substring(Math.min(12, l.length()))).toList();
        // the only difference: the test resolves the data directory against the repository root
        List<String> expected = new java.util.ArrayList<>(ENGINE_EXAMPLE);
        expected.set(0, "Dataset users = MovieLensLoader.load(Path.of(cwd, \"data/movielens/ml-latest-small\"));");
        assertThat(lines).containsExactlyElementsOf(expected);
    }

    /** The engine asks, then proceeds with one line per attribute; horror is never inferred. */
    @Test
    void engineExampleRuns() throws Exception {
        List<String> lines = engineExample().lines().toList();
        assertThat(lines).hasSize(12);
        assertThat(lines).allMatch(l -> l.startsWith("Assignment[attribute="));
        assertThat(lines).anyMatch(l -> l.contains("source=ANSWERED"));
        assertThat(lines.stream().filter(l -> l.contains("attribute=horror")).findFirst().orElseThrow())
            .containsAnyOf("source=WITHHELD", "source=ANSWERED", "source=DECLINED");
    }

    /** The README lines verbatim (indented); returns what the assertions need. */
    private static Object[] readmeExample() {
        // --- begin README example ---
        SymmetricMixture users = SymmetricMixture.of(10, 0.8, 0.1); // 10 binary features, 80% share the all-zeros taste
        WelfareFunction fair = WelfareFunction.of(2);                // inequality aversion gamma = 2 (0 utilitarian, inf maximin)
        Analysis analysis = StylizedAnalysis.analyze(users, 1.0, fair); // each question costs 1 unit of utility
        FixedK best = analysis.best();                               // the optimal number of questions k*
        int[] response = best.response();                            // g*(r): ones to output after seeing r ones
        double minority = best.clusterMeanUtility()[1];              // mean utility of the 20% minority
        double majority = best.clusterMeanUtility()[0];
        AdaptivePolicy adaptive = analysis.adaptive();               // decide after each answer instead
        System.out.printf("ask %d, respond %s, minority %.2f vs majority %.2f, adaptive gain %.3f%n", analysis.kStar(),
            java.util.Arrays.toString(response), minority, majority, adaptive.gainOverBestFixed());
        // --- end README example ---
        return new Object[] {analysis, best, adaptive};
    }

    @Test
    void sourceOfTheRunnableCopyMatchesTheReadme() throws Exception {
        String source = Files.readString(Path.of("src/test/java/dev/askwise/ReadmeExampleTest.java"));
        String block = source.substring(source.indexOf("// --- begin README example ---\n") + 32,
            source.indexOf("        // --- end README example ---"));
        List<String> lines = block.lines().map(l -> l.substring(Math.min(8, l.length()))).toList();
        assertThat(lines).containsExactlyElementsOf(EXAMPLE);
    }

    @Test
    void exampleRunsAndPrintsTheFairAnswer() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        Object[] result;
        try {
            result = readmeExample();
        } finally {
            System.setOut(saved);
        }
        Analysis analysis = (Analysis) result[0];
        FixedK best = (FixedK) result[1];
        AdaptivePolicy adaptive = (AdaptivePolicy) result[2];
        // γ = 2 asks one question and hedges; γ = 0 would ask nothing and leave the minority near 1 of 10
        assertThat(analysis.kStar()).isEqualTo(1);
        assertThat(best.clusterMeanUtility()[1]).isGreaterThan(5.0);
        assertThat(adaptive.gainOverBestFixed()).isGreaterThanOrEqualTo(0.0);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).startsWith("ask 1, respond " + Arrays.toString(
            best.response()));
        FixedK utilitarian = StylizedAnalysis.analyze(SymmetricMixture.of(10, 0.8, 0.1), 1.0,
            WelfareFunction.utilitarian()).best();
        assertThat(utilitarian.clusterMeanUtility()[1]).isCloseTo(1.0, within(1e-9));
    }
}
