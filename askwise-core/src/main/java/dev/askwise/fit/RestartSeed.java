package dev.askwise.fit;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The random stream of one EM restart, addressable at any position: draw j equals the j-th {@code nextDouble()} of
 * the {@link java.util.SplittableRandom} that {@code new SplittableRandom(seed).split()} (called once per earlier
 * restart) returns. SplitMix64 makes draw j a pure function of (seed, gamma, j), so the random start of user i (draws
 * {@code i·K … i·K + K − 1}) can be computed on any thread or Spark executor without replaying the users before it,
 * and the fit stays identical to the sequential one. {@code RestartSeedTest} checks the equality with the JDK's
 * generator.
 *
 * @param seed  the split generator's initial state
 * @param gamma its (odd) increment
 */
public record RestartSeed(long seed, long gamma) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    /** The streams of the first {@code restarts} restarts under a master seed, as the fitter uses them. */
    public static List<RestartSeed> of(long masterSeed, int restarts) {
        List<RestartSeed> out = new ArrayList<>(restarts);
        long s = masterSeed;
        for (int r = 0; r < restarts; r++) {
            s += GOLDEN_GAMMA;
            long childSeed = mix64(s);
            s += GOLDEN_GAMMA;
            out.add(new RestartSeed(childSeed, mixGamma(s)));
        }
        return out;
    }

    /** Draw j (0-based) in [0, 1). */
    public double draw(long j) {
        return (mix64(seed + (j + 1) * gamma) >>> 11) * DOUBLE_UNIT;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return (n < 24) ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
