package dev.askwise.cli;

import dev.askwise.fit.SufficientStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --engine spark}: runs {@code dev.askwise.spark.SparkMain} in a child JVM on the askwise-spark module's own
 * classpath (its classes, or else its submit jar, and {@code askwise-spark/target/spark.classpath}, Spark included)
 * with Spark's Java 17 flags ({@code spark.jvmflags}) and quiet logging, so that the CLI jar carries no Spark. The
 * child's stdout and stderr are passed through; its exit code is the command's.
 */
final class SparkEngine {

    private SparkEngine() {
    }

    static int run(List<String> args, PrintWriter out, PrintWriter err) {
        Path home = Path.of(System.getProperty("askwise.home", ".")).toAbsolutePath().normalize();
        Path target = home.resolve("askwise-spark").resolve("target");
        Path classpath = target.resolve("spark.classpath");
        Path flags = target.resolve("spark.jvmflags");
        Path jar = Files.isDirectory(target.resolve("classes").resolve("dev")) ? target.resolve("classes")
            : submitJar(target);
        if (jar == null || !Files.isRegularFile(classpath) || !Files.isRegularFile(flags)) {
            throw new IllegalArgumentException("--engine spark needs the askwise-spark module built in " + target
                + ": run ./mvnw -q -pl askwise-spark -am package -DskipTests");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        try {
            cmd.addAll(Arrays.asList(Files.readString(flags, StandardCharsets.UTF_8).trim().split("\\s+")));
            cmd.add("-Dlog4j2.configurationFile=" + target.resolve("log4j2-askwise.properties"));
            cmd.add("-Daskwise.home=" + home);
            if (SufficientStatistics.defaultKernel() == SufficientStatistics.Kernel.VECTOR) {
                // the same EM kernel as this JVM's, so that both engines fit the same model to the last digits
                cmd.add("--add-modules");
                cmd.add("jdk.incubator.vector");
            }
            cmd.add("-cp");
            cmd.add(jar + java.io.File.pathSeparator + Files.readString(classpath, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target + ": " + e.getMessage(), e);
        }
        cmd.add("dev.askwise.spark.SparkMain");
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).start();
            p.getOutputStream().close();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            int code = p.waitFor();
            o.join();
            e.join();
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Spark engine: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static Path submitJar(Path target) {
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(target, "askwise-spark-*-submit.jar")) {
            for (Path p : ds) {
                return p;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    private static Thread pump(InputStream in, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (java.io.Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf)) > 0) {
                    synchronized (to) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "spark-engine-pipe");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
