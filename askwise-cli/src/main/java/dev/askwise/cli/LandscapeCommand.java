package dev.askwise.cli;

import dev.askwise.analysis.Landscape;
import dev.askwise.welfare.WelfareFunction;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise landscape}: k* over a (p, ε) grid, the paper's Figure 4. */
@Command(name = "landscape", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The optimal number of questions k* over a grid of cluster shares p and flip rates eps",
        "(Figure 4 of the paper), as CSV (p,eps,kStar) and a heatmap (PNG and SVG), one set per gamma.",
        "The grid is computed in parallel on all cores."},
    footer = {"", "Examples:", "  askwise landscape --n 10 --gamma 0 --cost 1 --p 0:1:0.01 --eps 0:0.5:0.005 --out out/",
        "  askwise landscape --n 10 --gamma 0,1,2,5,inf --out out/",
        "", "Files: DIR/kstar-gamma-<g>.csv, .png and .svg."})
final class LandscapeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10", description = "number of features, 1..2000")
    int n;

    @Option(names = "--gamma", paramLabel = "GAMMA[,GAMMA...]", defaultValue = "0",
        description = "one or more inequality aversions (numbers or inf), comma-separated (default: ${DEFAULT-VALUE})")
    String gammas;

    @Option(names = "--cost", paramLabel = "C", defaultValue = "1", description = "cost of one question, >= 0")
    double cost;

    @Option(names = "--shift", paramLabel = "S", defaultValue = "1", description = "shift s > 0 in the power mean")
    double shift;

    @Option(names = "--p", paramLabel = "START:STOP:STEP", defaultValue = "0:1:0.01",
        description = "grid of p values (default: ${DEFAULT-VALUE})")
    String pRange;

    @Option(names = "--eps", paramLabel = "START:STOP:STEP", defaultValue = "0:0.5:0.005",
        description = "grid of eps values (default: ${DEFAULT-VALUE})")
    String epsRange;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "output directory (created)")
    Path out;

    @Override
    public Integer call() {
        double[] ps = Ranges.parse("--p", pRange);
        double[] epss = Ranges.parse("--eps", epsRange);
        // the heatmap's axes assume increasing values: a list given in another order is sorted (the CSV follows)
        java.util.Arrays.sort(ps);
        java.util.Arrays.sort(epss);
        String[] parts = gammas.split(",", -1);
        WelfareFunction[] welfare = new WelfareFunction[parts.length];
        java.util.List<Double> gs = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            welfare[i] = WelfareFunction.of(WelfareFunction.parseGamma(parts[i]), shift);
            gs.add(welfare[i].gamma());
        }
        Ranges.distinct("--gamma", gs);
        CsvFile.prepareDirectory(out);
        for (WelfareFunction w : welfare) {
            long start = System.nanoTime();
            int[][] grid = Landscape.kStar(n, cost, w, ps, epss);
            double seconds = (System.nanoTime() - start) / 1e9;
            String base = write(out, n, cost, w, ps, epss, grid);
            int max = 0;
            for (int[] row : grid) {
                for (int v : row) {
                    max = Math.max(max, v);
                }
            }
            spec.commandLine().getOut().printf(Locale.ROOT,
                "gamma=%s: %d x %d grid, k* in [0, %d], computed in %.3f s -> %s.{csv,png,svg}%n", w.gammaLabel(),
                ps.length, epss.length, max, seconds, out.resolve(base));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Writes the CSV and heatmap of one landscape and returns the file base name. */
    static String write(Path dir, int n, double cost, WelfareFunction w, double[] ps, double[] epss, int[][] grid) {
        String base = "kstar-gamma-" + w.gammaLabel();
        CsvFile csv = new CsvFile("p", "eps", "kStar");
        for (int i = 0; i < ps.length; i++) {
            for (int j = 0; j < epss.length; j++) {
                csv.row(ps[i], epss[j], grid[i][j]);
            }
        }
        csv.write(dir.resolve(base + ".csv"));
        String title = String.format(Locale.ROOT, "Optimal number of questions k* (n=%d, gamma=%s, cost=%s)", n,
            w.gammaLabel(), Json.number(cost));
        Figures.save(Figures.heatmap(title, "p (share of the all-zeros cluster)", "eps (flip rate)", ps, epss, grid,
            "k* = "), dir, base, Figures.WIDTH, Figures.HEIGHT + 60);
        return base;
    }
}
