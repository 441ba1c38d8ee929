package dev.askwise.sim;

import dev.askwise.data.Dataset;
import dev.askwise.data.SushiLike;
import dev.askwise.data.SushiLike.Component;
import dev.askwise.data.SushiLike.Parameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The script behind {@link SushiLike.Parameters#defaults()} and the figures in docs/data.md (not a test). Without
 * arguments it prints the defaults' exact statistics, the top-2 pair counts of 5000 users (seed 1) and the 5-fold
 * Bayes-optimal mean U at c ∈ {0.1, 0.3, 0.5} with timings. With {@code --search SECONDS} it runs the random search
 * that tuned the weights and dispersions (the centres fixed) towards the real data: toro in 54.8% of top-2s, rarest
 * pair 0.11%, in-sample Bayes-optimal mean U 9.5066 at c = 0.1 and 8.5191 at c = 0.3, and no item but toro in more
 * than 45% of top-2s; its output was rounded to two decimals.
 *
 * <pre>
 * ./mvnw -B -ntp -q -pl askwise-core test-compile
 * java -cp askwise-core/target/classes:askwise-core/target/test-classes dev.askwise.sim.SushiLikeTuning
 * </pre>
 */
final class SushiLikeTuning {

    private SushiLikeTuning() {
    }

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals("--search")) {
            search(Long.parseLong(args[1]));
        } else {
            report();
        }
    }

    private static void report() {
        SushiLike sushi = SushiLike.defaults();
        System.out.println("exact: " + sushi.summary());
        Dataset data = sushi.dataset(5000, 1);
        int[][] pairs = new int[10][10];
        int toro = 0;
        for (int i = 0; i < data.size(); i++) {
            int[] x = data.profile(i).toArray();
            int a = -1;
            int b = -1;
            for (int j = 0; j < 10; j++) {
                if (x[j] == 1) {
                    b = a < 0 ? b : j;
                    a = a < 0 ? j : a;
                }
            }
            pairs[a][b]++;
            toro += x[SushiLike.TORO];
        }
        List<String> lines = new ArrayList<>();
        int rarest = Integer.MAX_VALUE;
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                lines.add(String.format(Locale.ROOT, "%4d  %5.2f%%  %s + %s", pairs[a][b], 100.0 * pairs[a][b] / 5000,
                    SushiLike.NAMES.get(a), SushiLike.NAMES.get(b)));
                rarest = Math.min(rarest, pairs[a][b]);
            }
        }
        Collections.sort(lines);
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "5000 users, seed 1: toro %.2f%%, rarest pair %d users (%.2f%%)%n",
            100.0 * toro / 5000, rarest, 100.0 * rarest / 5000);
        for (double c : new double[] {0.1, 0.3, 0.5}) {
            long t0 = System.nanoTime();
            EmpiricalOptimum.Score s = EmpiricalOptimum.crossValidated(data, c, 5, 1);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf(Locale.ROOT, "c = %.1f: 5-fold held-out mean U %.4f, min U %.1f, %.3f questions (%d ms)%n",
                c, s.meanUtility(), s.minUtility(), s.meanQuestions(), ms);
        }
    }

    private static final int[][] CENTRES = {
        {7, 2, 8, 4, 5, 1, 0, 3, 6, 9}, {4, 5, 7, 0, 1, 2, 3, 8, 6, 9}, {0, 1, 2, 6, 3, 7, 9, 8, 5, 4},
        {7, 0, 2, 1, 4, 3, 5, 8, 6, 9}};

    private static SushiLike make(double[] w, double[] phi) {
        List<Component> cs = new ArrayList<>();
        for (int k = 0; k < CENTRES.length; k++) {
            cs.add(Component.of(w[k], phi[k], CENTRES[k]));
        }
        return SushiLike.of(new Parameters(cs));
    }

    /** toro share, rarest pair, in-sample optimum at c = 0.1 and 0.3 (20000 users in exact proportions), max other. */
    private static double[] statistics(SushiLike s) {
        double min = 1;
        List<int[]> users = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                double p = s.topTwoProbability(a, b);
                min = Math.min(min, p);
                int[] x = new int[10];
                x[a] = 1;
                x[b] = 1;
                for (long k = Math.round(p * 20000); k > 0; k--) {
                    users.add(x);
                }
            }
        }
        double other = 0;
        for (int a = 0; a < 10; a++) {
            other = a == SushiLike.TORO ? other : Math.max(other, s.topTwoShare(a));
        }
        return new double[] {s.topTwoShare(SushiLike.TORO), min, EmpiricalOptimum.solve(users, 0.1).trainingValue(),
            EmpiricalOptimum.solve(users, 0.3).trainingValue(), other};
    }

    private static double loss(double[] st) {
        return Math.pow((st[0] - 0.548) / 0.002, 2) + Math.pow(Math.log(st[1] / 0.0011) / 0.05, 2)
            + Math.pow((st[2] - 9.5066) / 0.005, 2) + Math.pow((st[3] - 8.5191) / 0.005, 2) + (st[4] > 0.45 ? 1000 : 0);
    }

    private static void search(long seconds) {
        Random random = new Random(2);
        // the starting point: the first hand-set mixture
        double[] w = {0.51, 0.26, 0.10, 0.13};
        double[] phi = {0.45, 0.65, 0.66, 0.86};
        double best = loss(statistics(make(w, phi)));
        long end = System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < end) {
            double[] w2 = w.clone();
            double[] phi2 = phi.clone();
            int k = random.nextInt(4);
            if (random.nextBoolean()) {
                w2[k] = Math.max(0.02, w2[k] + 0.03 * random.nextGaussian());
            } else {
                phi2[k] = Math.min(0.97, Math.max(0.2, phi2[k] + 0.03 * random.nextGaussian()));
            }
            double l = loss(statistics(make(w2, phi2)));
            if (l < best) {
                best = l;
                w = w2;
                phi = phi2;
            }
        }
        double total = w[0] + w[1] + w[2] + w[3];
        for (int k = 0; k < 4; k++) {
            System.out.printf(Locale.ROOT, "weight %.4f  phi %.4f%n", w[k] / total, phi[k]);
        }
        System.out.println("loss " + best + "; " + make(w, phi).summary());
    }
}
