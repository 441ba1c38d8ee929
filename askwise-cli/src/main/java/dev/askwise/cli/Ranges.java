package dev.askwise.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses numeric grids written on the command line: {@code START:STOP:STEP} (inclusive of STOP when it lies on the
 * grid), a comma list {@code 0.1,0.2}, or a single number.
 */
final class Ranges {

    /** Largest number of points one range may produce. */
    static final int MAX_POINTS = 100_001;

    private Ranges() {
    }

    /**
     * Returns the values of the range.
     *
     * @param option the option name used in error messages, for example {@code --p}
     * @throws IllegalArgumentException with a one-line message naming the option and the text
     */
    static double[] parse(String option, String text) {
        String t = text.trim();
        if (t.contains(":")) {
            String[] parts = t.split(":", -1);
            if (parts.length != 3) {
                throw bad(option, text);
            }
            BigDecimal start = number(option, text, parts[0]);
            BigDecimal stop = number(option, text, parts[1]);
            BigDecimal step = number(option, text, parts[2]);
            if (step.signum() <= 0 || start.compareTo(stop) > 0) {
                throw bad(option, text);
            }
            BigDecimal count = stop.subtract(start).divide(step, 0, java.math.RoundingMode.FLOOR);
            if (count.compareTo(BigDecimal.valueOf(MAX_POINTS - 1)) > 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s has more than %d points: '%s'", option, MAX_POINTS, text));
            }
            int points = count.intValueExact() + 1;
            double[] out = new double[points];
            for (int i = 0; i < points; i++) {
                // exact decimal arithmetic: 0:1:0.01 gives exactly 0.57, not 0.5700000000000001
                out[i] = start.add(step.multiply(BigDecimal.valueOf(i))).doubleValue();
            }
            return out;
        }
        List<Double> values = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            values.add(number(option, text, part).doubleValue());
        }
        distinct(option, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Refuses a list that names one item twice (a gamma, a cost, a policy): the outputs are keyed by item, so the
     * second would overwrite the first's file, repeat its row, or fail only at the end of the run.
     *
     * @throws IllegalArgumentException naming the option and the repeated item
     */
    static <T> void distinct(String option, List<T> items) {
        java.util.Set<T> seen = new java.util.HashSet<>();
        for (T item : items) {
            if (!seen.add(item)) {
                String shown = item instanceof Double d ? dev.askwise.welfare.WelfareFunction.formatGamma(d)
                    : String.valueOf(item);
                throw new IllegalArgumentException(option + " lists " + shown + " twice");
            }
        }
    }

    private static BigDecimal number(String option, String text, String part) {
        try {
            return new BigDecimal(part.trim());
        } catch (NumberFormatException e) {
            throw bad(option, text);
        }
    }

    private static IllegalArgumentException bad(String option, String text) {
        return new IllegalArgumentException(option
            + " must be START:STOP:STEP with STEP > 0 and START <= STOP, a comma list or a number: '" + text + "'");
    }
}
