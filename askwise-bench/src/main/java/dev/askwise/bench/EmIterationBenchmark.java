package dev.askwise.bench;

import dev.askwise.data.CodedRows;
import dev.askwise.data.SyntheticData;
import dev.askwise.fit.EmParameters;
import dev.askwise.fit.GroupedRows;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.fit.RestartSeed;
import dev.askwise.fit.SufficientStatistics;
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
 * One EM iteration (the fused E/M pass plus the M-step) on 100,000 users × 50 attributes × 4 values, K = 10: on all
 * cores ({@code iteration}) and on one thread ({@code iterationOneThread}, the CPU cost) with the default kernel (the
 * SIMD one: the fork runs with {@code --add-modules=jdk.incubator.vector}), and the same with the scalar kernel
 * ({@code iterationScalar}, {@code iterationOneThreadScalar}), over the grouped rows the
 * fit builds once ({@link GroupedRows}); {@code grouping} is that once-per-fit cost. Compare with the vectorised
 * NumPy EM beside it, {@code askwise-bench/src/main/python/em_numpy.py}, run on the same machine at the same time.
 * Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) org.openjdk.jmh.Main EmIteration
 * python3 askwise-bench/src/main/python/em_numpy.py
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
public class EmIterationBenchmark {

    @Param({"100000"})
    int users;

    @Param({"10"})
    int clusters;

    CodedRows rows;
    GroupedRows grouped;
    EmParameters parameters;

    @Setup
    public void setUp() {
        rows = SyntheticData.rows(new SyntheticData.Shape(users, 50, 4, clusters), 3);
        // parameters a few iterations into a fit, as in a real run
        parameters = EmParameters.maximise(LatentClassFitter.start(rows, RestartSeed.of(1, 1).get(0), clusters), 1,
            false);
        grouped = GroupedRows.of(rows);
        for (int i = 0; i < 3; i++) {
            parameters = EmParameters.maximise(LatentClassFitter.pass(grouped, parameters), 1, false);
        }
    }

    @Benchmark
    public EmParameters iteration() {
        return EmParameters.maximise(LatentClassFitter.pass(grouped, parameters), 1, false);
    }

    @Benchmark
    public EmParameters iterationOneThread() {
        SufficientStatistics s = SufficientStatistics.empty(CodedRows.sizes(rows.schema()), clusters);
        return EmParameters.maximise(s.accumulate(parameters, grouped, 0, grouped.size()), 1, false);
    }

    /** The scalar kernel on all cores: the vector kernel's baseline, side by side. */
    @Benchmark
    public EmParameters iterationScalar() {
        return EmParameters.maximise(LatentClassFitter.pass(grouped, parameters, SufficientStatistics.Kernel.SCALAR),
            1, false);
    }

    /** The scalar kernel on one thread. */
    @Benchmark
    public EmParameters iterationOneThreadScalar() {
        SufficientStatistics s = SufficientStatistics.empty(CodedRows.sizes(rows.schema()), clusters);
        return EmParameters.maximise(s.accumulate(parameters, grouped, 0, grouped.size(),
            SufficientStatistics.Kernel.SCALAR), 1, false);
    }

    @Benchmark
    public GroupedRows grouping() {
        return GroupedRows.of(rows);
    }
}
