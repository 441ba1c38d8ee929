package dev.askwise.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one lane shape of every SIMD kernel in Askwise (the EM pass and the response ascent): 256-bit lanes (4 doubles)
 * where the hardware has them, even when it has wider ones.
 * <p>
 * One shape for all kernels, because the JDK 17 Vector API compiles well only where each shared method (such as
 * {@code DoubleVector.intoArray}) has seen one vector class: after EM had run its 256-bit pass, an ascent on 512-bit
 * lanes fell back to the API's per-lane Java code and ran three times slower than before (slower than the scalar
 * ascent), while on 256-bit lanes it kept its speed. 256 bits: K is usually small (10 components pad to 12 lanes rather
 * than 16), 512-bit operations cost two 256-bit ones on some processors, and at 50 attributes × K = 20 the ascent is as
 * fast on 256-bit lanes as on 512-bit ones (within the noise of back-to-back runs).
 * <p>
 * Compiled only with {@code --add-modules jdk.incubator.vector}, like the kernels that use it.
 */
public final class VectorLanes {

    /** The lane shape of every kernel. */
    public static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED.length() >= 4
        ? DoubleVector.SPECIES_256 : DoubleVector.SPECIES_PREFERRED;

    private VectorLanes() {
    }
}
