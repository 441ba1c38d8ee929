package dev.askwise.bench;

import dev.askwise.data.CodedRows;
import dev.askwise.data.SyntheticData;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.LatentClassFitter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * A whole EM fit of seeded synthetic users × 50 attributes (4 values), K = 10, from byte-coded rows (arguments: users,
 * restarts, iteration cap; default 100,000, 1, 100): generation time, wall and process-CPU time per iteration, and the
 * peak heap of the fit (the coded rows, N × 50 bytes, included). A plain main: one long run is what matters. Run:
 * <pre>
 * ./mvnw -q -pl askwise-bench -am package -DskipTests
 * java -Xmx2g -cp askwise-bench/target/classes:$(cat askwise-bench/target/bench.classpath) dev.askwise.bench.EmBenchmark 10000000 1 10
 * </pre>
 */
public final class EmBenchmark {

    private EmBenchmark() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int restarts = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int cap = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        // warm-up: compile the pass before timing (a short fit of other users)
        LatentClassFitter.fit(SyntheticData.rows(new SyntheticData.Shape(20_000, 50, 4, 10), 9), FitOptions.builder()
            .clusters(10).restarts(1).maxIterations(15).build(), true, (r, it, o) -> { });
        long g0 = System.nanoTime();
        CodedRows rows = SyntheticData.rows(new SyntheticData.Shape(users, 50, 4, 10), 3);
        double generate = (System.nanoTime() - g0) / 1e9;
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int[] iterations = new int[1];
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        FitResult fit = LatentClassFitter.fit(rows, FitOptions.builder().clusters(10).restarts(restarts).seed(1)
            .maxIterations(cap).build(), true, (r, it, objective) -> iterations[0]++);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "users=%d attributes=50 values=4 K=10 restarts=%d: generated in %.2f s; fit "
            + "%.2f s, %d iterations in all (best restart %d, converged=%s); %.1f ms wall and %.1f ms CPU per "
            + "iteration (%.2f us CPU per user); peak heap %.0f MiB (coded rows %.0f MiB); -Xmx %.0f MiB; cores %d%n",
            users, restarts, generate, seconds, iterations[0], fit.iterations(), fit.converged(),
            1000 * seconds / iterations[0], 1000 * cpu / iterations[0], 1e6 * cpu / iterations[0] / users,
            peak / 1048576.0, rows.codes().length / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
            Runtime.getRuntime().availableProcessors());
    }
}
