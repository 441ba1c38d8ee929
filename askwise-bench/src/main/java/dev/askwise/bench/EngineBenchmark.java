package dev.askwise.bench;

import dev.askwise.Profile;
import dev.askwise.model.LatentClassModel;
import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.Objective;
import dev.askwise.policy.VoiPolicy;
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
 * One engine decision ({@code next()}: VOI with lookahead 1, exact or fast stop values) for 50 attributes × 4 values ×
 * K = 20 clusters, at the start of a conversation (nothing known) and after 5 answers. Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) org.openjdk.jmh.Main EngineBenchmark
 * </pre>
 * Old and new γ = 0 side by side: {@code -p gamma=0 -p policy=voi-reference,voi}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class EngineBenchmark {

    @Param({"0", "2"})
    String gamma;

    @Param({"0", "5"})
    int answered;

    /** voi, voi-fast, or voi-reference: voi's γ = 0 decision as it was before its γ = 0 path (γ = 0 only). */
    @Param({"voi", "voi-fast"})
    String policy;

    private ElicitationState state;
    private VoiPolicy voi;

    @Setup
    public void setup() {
        LatentClassModel model = Synthetic.model(50, 4, 20, 7);
        Objective o = Objective.of(0.1, WelfareFunction.of(WelfareFunction.parseGamma(gamma)), 50);
        Profile known = Profile.empty(50);
        for (int a = 0; a < answered; a++) {
            known = known.with(a, a % 4);
        }
        state = new ElicitationState(model, o, known, answered, new boolean[50], new boolean[50], new boolean[50],
            null);
        voi = new VoiPolicy(1, policy.equals("voi-fast"));
    }

    @Benchmark
    public Decision next() {
        return policy.equals("voi-reference") ? ReferenceVoi.decide(state) : voi.decide(state);
    }
}
