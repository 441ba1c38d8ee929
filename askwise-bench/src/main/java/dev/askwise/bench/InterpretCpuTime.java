package dev.askwise.bench;

import dev.askwise.dialogue.Domain;
import dev.askwise.dialogue.InterpretationPipeline;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The CPU time of in-process interpretation per answer (all of the process's threads, ONNX Runtime's included),
 * beside {@link InterpretBenchmark}'s wall-clock percentiles: on a shared, overloaded machine the wall clock mostly
 * measures waiting for a core, and the CPU time says what one answer costs. Interprets the benchmark's answers
 * that need the embedding model, {@code rounds} times each (default 200), after a warm-up. Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) \
 *     dev.askwise.bench.InterpretCpuTime 200
 * </pre>
 */
public final class InterpretCpuTime {

    private InterpretCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String[][] cases = {
            {"hotel", "area", "I want to hear birds in the morning, not buses"},
            {"image", "mood", "something that feels like a rainy afternoon indoors"},
            {"email", "length", "they only ever read the first screen"},
            {"movies", "thriller", "a film where I can't guess the ending"},
            {"vacation", "restaurants", "we want to try what the locals cook"}};
        InterpretationPipeline[] p = new InterpretationPipeline[cases.length];
        for (int i = 0; i < cases.length; i++) {
            p[i] = InterpretationPipeline.of(Domain.builtIn(cases[i][0]));
        }
        for (int w = 0; w < 50; w++) {
            p[w % cases.length].interpret(cases[w % cases.length][2], cases[w % cases.length][1]);
        }
        double[] wall = new double[rounds * cases.length];
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < cases.length; i++) {
                long s = System.nanoTime();
                p[i].interpret(cases[i][2], cases[i][1]);
                wall[r * cases.length + i] = (System.nanoTime() - s) / 1e6;
            }
        }
        double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / wall.length;
        double wallMs = (System.nanoTime() - t0) / 1e6 / wall.length;
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "%d answers needing the embedding model: CPU %.2f ms per answer (all threads), "
            + "wall mean %.2f ms, p50 %.2f, p99 %.2f; load average %.1f on %d cores%n", wall.length, cpuMs, wallMs,
            wall[wall.length / 2], wall[(int) (wall.length * 0.99)], os.getSystemLoadAverage(),
            os.getAvailableProcessors());
    }
}
