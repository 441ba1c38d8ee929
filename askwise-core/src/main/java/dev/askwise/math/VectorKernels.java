package dev.askwise.math;

import org.jspecify.annotations.Nullable;

/**
 * Loads the SIMD kernels compiled from {@code src/main/vector} (the EM pass, the response ascent): only when the running
 * JVM has the incubating {@code jdk.incubator.vector} module in its boot layer ({@code --add-modules
 * jdk.incubator.vector}); otherwise the kernel class is never touched, and its caller runs its scalar kernel.
 */
public final class VectorKernels {

    private VectorKernels() {
    }

    /**
     * A new instance of the named kernel class (package-private classes are fine: it needs a no-argument
     * constructor), or null when the JVM lacks the module or the class cannot be loaded.
     */
    public static <T> @Nullable T load(String className, Class<T> type) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return null;
        }
        try {
            var constructor = Class.forName(className).asSubclass(type).getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return null;
        }
    }
}
