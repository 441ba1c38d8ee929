package dev.askwise.sim;

import dev.askwise.data.Dataset;
import dev.askwise.sim.TreeCurve.Procedure;
import dev.askwise.welfare.UtilityDistribution;
import dev.askwise.welfare.WelfareFunction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's §7 SUSHI experiment as one call: for both procedures ({@link Procedure#PAPER} and
 * {@link Procedure#INFORMATIVE}) the tree curve in-sample and F-fold cross-validated, and for every (cost, γ) the
 * welfare, mean utility and mean questions at every k with k*. The command renders the result; this class has no
 * output of its own.
 */
public final class SushiExperiment {

    private SushiExperiment() {
    }

    /**
     * The sweep.
     *
     * @param costs  question costs, each in [0, 1)
     * @param gammas inequality aversions (shift 1)
     * @param folds  cross-validation folds, in [2, users]
     * @param seed   seed of the fold shuffle
     */
    public record Options(List<Double> costs, List<WelfareFunction> gammas, int folds, long seed) {
        /** Validates and copies. */
        public Options {
            costs = List.copyOf(costs);
            gammas = List.copyOf(gammas);
            if (costs.isEmpty() || gammas.isEmpty()) {
                throw new IllegalArgumentException("at least one cost and one gamma are needed");
            }
            for (double c : costs) {
                if (!(c >= 0 && c < 1)) {
                    throw new IllegalArgumentException("cost values must be in [0, 1): " + c);
                }
            }
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2: " + folds);
            }
        }
    }

    /** One (procedure, cost, γ): per-k lists indexed k = 0..n, and the optimal k in-sample and cross-validated. */
    public record Row(Procedure procedure, double cost, WelfareFunction welfare, int kStarInSample,
        int kStarCrossValidated, List<Double> edeInSample, List<Double> edeCrossValidated,
        List<Double> meanUtilityInSample, List<Double> meanUtilityCrossValidated, List<Double> meanQuestionsInSample,
        List<Double> meanQuestionsCrossValidated) {
        /** Copies the lists. */
        public Row {
            edeInSample = List.copyOf(edeInSample);
            edeCrossValidated = List.copyOf(edeCrossValidated);
            meanUtilityInSample = List.copyOf(meanUtilityInSample);
            meanUtilityCrossValidated = List.copyOf(meanUtilityCrossValidated);
            meanQuestionsInSample = List.copyOf(meanQuestionsInSample);
            meanQuestionsCrossValidated = List.copyOf(meanQuestionsCrossValidated);
        }
    }

    /** The curves of one procedure (in-sample, cross-validated) and its rows in (cost, γ) order, cost-major. */
    public record Run(Procedure procedure, TreeCurve inSample, TreeCurve crossValidated, List<Row> rows) {
        /** Copies the rows. */
        public Run {
            rows = List.copyOf(rows);
        }

        /**
         * Mean utility and Atkinson index (γ = 1) at every k, in-sample and cross-validated, for Figure 8: rows
         * {@code {atkinsonIn, meanIn, atkinsonCv, meanCv}}, k = 0..n.
         */
        public double[][] tradeoff(double cost) {
            WelfareFunction nash = WelfareFunction.nash();
            int n = inSample.attributes();
            double[][] out = new double[4][n + 1];
            for (int k = 0; k <= n; k++) {
                UtilityDistribution a = inSample.utilities(k, cost);
                UtilityDistribution b = crossValidated.utilities(k, cost);
                out[0][k] = nash.atkinson(a);
                out[1][k] = a.mean();
                out[2][k] = nash.atkinson(b);
                out[3][k] = b.mean();
            }
            return out;
        }
    }

    /** Both procedures' runs. */
    public record Result(int users, int attributes, Options options, Map<Procedure, Run> runs) {
        /** Copies the map. */
        public Result {
            runs = Map.copyOf(runs);
        }

        /** The procedure's run; every procedure has one. */
        public Run run(Procedure p) {
            Run r = runs.get(p);
            if (r == null) {
                throw new IllegalArgumentException("no run for procedure " + p + "; runs: " + runs.keySet());
            }
            return r;
        }
    }

    /**
     * Runs both procedures.
     *
     * @throws IllegalArgumentException if the data has fewer than 2 users or fewer users than folds (the message
     *                                  says how many users there are)
     */
    public static Result run(Dataset data, Options options) {
        if (data.size() < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 users, the data has " + data.size());
        }
        if (options.folds() > data.size()) {
            throw new IllegalArgumentException("folds must be at most the number of users (" + data.size() + "): "
                + options.folds());
        }
        Map<Procedure, Run> runs = new EnumMap<>(Procedure.class);
        for (Procedure p : Procedure.values()) {
            TreeCurve in = TreeCurve.inSample(data, p);
            TreeCurve cv = TreeCurve.crossValidated(data, options.folds(), options.seed(), p);
            List<Row> rows = new ArrayList<>();
            int n = in.attributes();
            for (double c : options.costs()) {
                for (WelfareFunction w : options.gammas()) {
                    List<Double> eIn = new ArrayList<>();
                    List<Double> eCv = new ArrayList<>();
                    List<Double> uIn = new ArrayList<>();
                    List<Double> uCv = new ArrayList<>();
                    List<Double> qIn = new ArrayList<>();
                    List<Double> qCv = new ArrayList<>();
                    for (int k = 0; k <= n; k++) {
                        eIn.add(in.ede(k, c, w));
                        eCv.add(cv.ede(k, c, w));
                        uIn.add(in.utilities(k, c).mean());
                        uCv.add(cv.utilities(k, c).mean());
                        qIn.add(in.meanQuestions(k));
                        qCv.add(cv.meanQuestions(k));
                    }
                    rows.add(new Row(p, c, w, in.optimalK(c, w), cv.optimalK(c, w), eIn, eCv, uIn, uCv, qIn, qCv));
                }
            }
            runs.put(p, new Run(p, in, cv, rows));
        }
        return new Result(data.size(), data.schema().size(), options, runs);
    }
}
