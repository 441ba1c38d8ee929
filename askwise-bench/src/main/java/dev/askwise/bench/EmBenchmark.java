package dev.askwise.bench;

import dev.askwise.data.Dataset;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.LatentClassFitter;
import dev.askwise.model.LatentClassModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * EM on 100,000 users × 50 attributes (4 values), K = 10, up to 100 iterations per restart (arguments: users,
 * restarts; default 100,000 and 1): wall time, time per iteration and peak heap. A plain main (one long run is what matters, not a steady state). Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -Xmx4g -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) dev.askwise.bench.EmBenchmark
 * </pre>
 */
public final class EmBenchmark {

    private EmBenchmark() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int restarts = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        LatentClassModel truth = Synthetic.model(50, 4, 10, 3);
        Dataset data = Synthetic.users(truth, users, 4);
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        FitResult fit = LatentClassFitter.fit(data, FitOptions.builder().clusters(10).restarts(restarts).seed(1)
            .maxIterations(100).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "users=%d attributes=50 K=10 restarts=%d: %.2f s in all; best restart: %d "
            + "iterations, converged=%s; %.1f ms per iteration (all restarts' time / best restart's iterations / "
            + "restarts); peak heap %.0f MiB; cores %d%n", users, restarts, seconds, fit.iterations(), fit.converged(),
            1000 * seconds / restarts / fit.iterations(), peak / 1048576.0,
            Runtime.getRuntime().availableProcessors());
    }
}
