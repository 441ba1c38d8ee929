package dev.askwise.fit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askwise.data.Dataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same seed gives the same model file whatever the JIT has done: a fit in this JVM, after the SIMD EM pass has been
 * compiled by C2, equals to the byte a fit in a child JVM limited to C1 (where the Vector API runs its Java fallbacks).
 * Before the pass computed its exponentials with {@code Math.exp} in component order, the two differed in the last bits
 * (C2's intrinsic exponential and tree of additions against the fallbacks' per-lane ones), and two fits in one JVM
 * could differ too.
 */
class FitDeterminismTest {

    /** The child JVM's entry point: prints the model of {@link #fit()}. */
    public static void main(String[] args) {
        System.out.println(fit());
    }

    static String fit() {
        Dataset data = LatentClassFitterTest.paperSample(800, 0.1, 5);
        return LatentClassFitter.fit(data, FitOptions.builder().clusters(3).restarts(3).seed(42).build()).model()
            .toJson();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a child JVM that hangs must not hang the build
    void aFitDoesNotDependOnWhetherTheVectorPassIsCompiled() throws Exception {
        assertThat(SufficientStatistics.defaultKernel()).isEqualTo(SufficientStatistics.Kernel.VECTOR);
        for (int i = 0; i < 8; i++) { // enough passes for C2 to compile the vector kernel
            fit();
        }
        String here = fit();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "--add-modules", "jdk.incubator.vector",
            "-cp", System.getProperty("java.class.path"), FitDeterminismTest.class.getName())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String there = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
        assertThat(there).isEqualTo(here);
    }
}
