package dev.askwise.bench;

import dev.askwise.analysis.Landscape;
import dev.askwise.welfare.WelfareFunction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The paper's Figure 4 landscape at 101 × 101 (p, ε) points, n = 10, all k, for γ ∈ {0, 1, 2, 5, ∞}: the time of the
 * whole set (five grids), computed in parallel on the common pool. Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) org.openjdk.jmh.Main LandscapeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class LandscapeBenchmark {

    private double[] ps;
    private double[] epss;
    private WelfareFunction[] welfare;

    @Setup
    public void setup() {
        ps = new double[101];
        epss = new double[101];
        for (int i = 0; i <= 100; i++) {
            ps[i] = i / 100.0;
            epss[i] = i / 200.0;
        }
        welfare = new WelfareFunction[] {WelfareFunction.of(0), WelfareFunction.of(1), WelfareFunction.of(2),
            WelfareFunction.of(5), WelfareFunction.maximin()};
    }

    @Benchmark
    public int figure4AllGammas() {
        int sum = 0;
        for (WelfareFunction w : welfare) {
            int[][] grid = Landscape.kStar(10, 1.0, w, ps, epss);
            sum += grid[50][20];
        }
        return sum;
    }
}
