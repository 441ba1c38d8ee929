package dev.askwise.bench;

import dev.askwise.dialogue.Domain;
import dev.askwise.dialogue.InterpretationPipeline;
import dev.askwise.dialogue.Understanding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process interpretation of one answer (issue 11, point 5: p99 ≤ 20 ms per answer, embedding model included), in
 * sample-time mode so that JMH reports percentiles. {@code mixed} cycles through answers of the five built-in domains
 * as people write them (most settled by the lexical steps, some only by the embedding model); {@code embedding}
 * cycles through answers that the lexical steps leave unsettled, so that every call embeds the text. The model and the
 * domains' examples are loaded in {@code @Setup} (once per process, as in the service). Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) org.openjdk.jmh.Main \
 *     InterpretBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class InterpretBenchmark {

    /** An answer to a pending question. */
    record Case(String domain, String attribute, String text) {
    }

    private static final List<Case> MIXED = List.of(
        new Case("hotel", "price", "Mid-range and downtown is great."),
        new Case("hotel", "area", "somewhere quieter, we have a baby"),
        new Case("hotel", "breakfast", "nah we'll find a cafe"),
        new Case("hotel", "chain", "a chain... no wait, independent"),
        new Case("email", "length", "keep it really short, three lines max"),
        new Case("email", "formality", "i wouldn't go too formal, it's my team"),
        new Case("email", "bullet-points", "whatever you think"),
        new Case("image", "palette", "soft washed-out colours, nothing loud"),
        new Case("image", "aspect", "the middle one"),
        new Case("image", "mood", "something that feels like a rainy afternoon indoors"),
        new Case("movies", "horror", "I love comedies but hate horror"),
        new Case("movies", "decade", "nothing before 2000 please"),
        new Case("movies", "drama", "they're ok i guess"),
        new Case("movies", "sci-fi", "anything with spaceships and i'm there"),
        new Case("vacation", "museums", "probably not, the kids get bored"),
        new Case("vacation", "cafes", "i could people-watch with an espresso all afternoon"));

    private static final List<Case> EMBEDDING = List.of(
        new Case("hotel", "area", "I want to hear birds in the morning, not buses"),
        new Case("image", "mood", "something that feels like a rainy afternoon indoors"),
        new Case("email", "length", "they only ever read the first screen"),
        new Case("movies", "thriller", "a film where I can't guess the ending"),
        new Case("vacation", "restaurants", "we want to try what the locals cook"));

    @Param({"mixed", "embedding"})
    String texts;

    private List<Case> cases;
    private InterpretationPipeline[] pipelines;
    private int next;

    @Setup
    public void setup() {
        cases = texts.equals("mixed") ? MIXED : EMBEDDING;
        pipelines = new InterpretationPipeline[cases.size()];
        java.util.Map<String, InterpretationPipeline> byDomain = new java.util.HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            pipelines[i] = byDomain.computeIfAbsent(cases.get(i).domain(),
                d -> InterpretationPipeline.of(Domain.builtIn(d)));
        }
    }

    @Benchmark
    public Understanding interpret() {
        int i = next;
        next = (i + 1) % cases.size();
        Case c = cases.get(i);
        return pipelines[i].interpret(c.text(), c.attribute());
    }
}
