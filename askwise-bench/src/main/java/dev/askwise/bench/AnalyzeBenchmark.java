package dev.askwise.bench;

import dev.askwise.analysis.Analysis;
import dev.askwise.analysis.StylizedAnalysis;
import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
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
 * Time of one complete {@code askwise analyze} computation (every k, k*, entropy, cluster utilities and the adaptive
 * policy) as n grows. Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) org.openjdk.jmh.Main AnalyzeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnalyzeBenchmark {

    @Param({"10", "100", "1000"})
    int n;

    @Param({"0", "2", "inf"})
    String gamma;

    private SymmetricMixture model;
    private WelfareFunction welfare;

    @Setup
    public void setup() {
        model = SymmetricMixture.of(n, 0.7, 0.1);
        welfare = WelfareFunction.of(WelfareFunction.parseGamma(gamma));
    }

    @Benchmark
    public Analysis analyze() {
        return StylizedAnalysis.analyze(model, 1.0, welfare);
    }
}
