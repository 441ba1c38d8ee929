package dev.askwise.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reference is the JDK's own {@link SplittableRandom}: the fitter's random starts must be unchanged. */
class RestartSeedTest {

    @Test
    void drawsEqualTheJdkSplitGeneratorsAtEveryPosition() {
        for (long master : new long[] {1, 42, -7, Long.MAX_VALUE}) {
            SplittableRandom jdk = new SplittableRandom(master);
            List<RestartSeed> seeds = RestartSeed.of(master, 5);
            for (RestartSeed seed : seeds) {
                SplittableRandom child = jdk.split();
                for (int j = 0; j < 2000; j++) {
                    assertThat(seed.draw(j)).isEqualTo(child.nextDouble());
                }
            }
        }
    }

    @Test
    void aDrawFarIntoTheStreamNeedsNoReplay() {
        RestartSeed seed = RestartSeed.of(3, 1).get(0);
        SplittableRandom child = new SplittableRandom(3).split();
        double last = 0;
        for (int j = 0; j <= 1_000_000; j++) {
            last = child.nextDouble();
        }
        assertThat(seed.draw(1_000_000)).isEqualTo(last);
    }
}
