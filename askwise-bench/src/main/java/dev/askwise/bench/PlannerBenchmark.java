package dev.askwise.bench;

import dev.askwise.Profile;
import dev.askwise.data.Dataset;
import dev.askwise.data.SushiLike;
import dev.askwise.fit.ExemplarFitter;
import dev.askwise.model.LatentClassModel;
import dev.askwise.model.PopulationModel;
import dev.askwise.policy.Decision;
import dev.askwise.policy.ElicitationState;
import dev.askwise.policy.Objective;
import dev.askwise.policy.Planner;
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
 * The engine's default policy ({@link Planner}) beside voi, at SUSHI size (an exemplar model of 4,000 SUSHI-like
 * users: 10 binary attributes, 45 exemplars; exact dynamic program) and at 50 attributes × 4 values × K = 20 (rollout
 * mode). {@code solve}: a fresh planner's one-off solve from the empty state; {@code next}: one decision of a planner
 * that has solved (after two answers); {@code voi}: voi's decision at the same state. Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) org.openjdk.jmh.Main PlannerBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class PlannerBenchmark {

    @Param({"sushi", "50x4x20"})
    String size;

    @Param({"0", "1", "2", "5", "inf"})
    String gamma;

    private ElicitationState root;
    private ElicitationState state;
    private Planner solved;
    private VoiPolicy voi;

    @Setup
    public void setup() {
        PopulationModel model;
        if (size.equals("sushi")) {
            Dataset users = SushiLike.defaults().dataset(4000, 1);
            model = ExemplarFitter.fit(users, ExemplarFitter.Options.defaults());
        } else {
            LatentClassModel lc = Synthetic.model(50, 4, 20, 7);
            model = lc;
        }
        int n = model.schema().size();
        Objective o = Objective.of(0.3, WelfareFunction.of(WelfareFunction.parseGamma(gamma)), n);
        root = new ElicitationState(model, o, Profile.empty(n), 0, new boolean[n], new boolean[n], new boolean[n],
            null);
        state = root.answered(7, 0).answered(2, 0);
        solved = new Planner();
        solved.decide(root);
        voi = new VoiPolicy(1);
    }

    @Benchmark
    public Decision solve() {
        return new Planner().decide(root);
    }

    @Benchmark
    public Decision next() {
        return solved.decide(state);
    }

    @Benchmark
    public Decision voi() {
        return voi.decide(state);
    }
}
