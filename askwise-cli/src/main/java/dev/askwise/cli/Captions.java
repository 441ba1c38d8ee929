package dev.askwise.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Caption phrases computed from the plotted numbers, so that a caption's claim about a direction ("rises", "falls")
 * or about coinciding lines is true of its figure by construction. Numbers print with up to 4 decimals, never -0.
 */
final class Captions {

    private static final double EPS = 1e-9;

    private Captions() {
    }

    /** A number as a caption shows it: whole numbers without decimals, else up to 4 decimals. */
    static String num(double v) {
        double r = Math.round(v * 1e4) / 1e4;
        if (Math.abs(r - Math.rint(r)) < 1e-12) {
            return Numbers.noNegativeZero(Long.toString((long) Math.rint(r)));
        }
        String s = Numbers.fixed(r, 4);
        while (s.endsWith("0")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * How y moves along x, from the data: "rises" or "falls" (monotone, not constant), "stays at …" (constant),
     * "rises, then falls" or "falls, then rises" (one turn), else "goes up and down".
     */
    static String direction(double[] y) {
        StringBuilder turns = new StringBuilder();
        for (int i = 1; i < y.length; i++) {
            char c = y[i] > y[i - 1] + EPS ? 'u' : y[i] < y[i - 1] - EPS ? 'd' : 0;
            if (c != 0 && (turns.length() == 0 || turns.charAt(turns.length() - 1) != c)) {
                turns.append(c);
            }
        }
        return switch (turns.toString()) {
            case "" -> "stays at " + num(y[0]);
            case "u" -> "rises";
            case "d" -> "falls";
            case "ud" -> "rises, then falls";
            case "du" -> "falls, then rises";
            default -> "goes up and down";
        };
    }

    /**
     * "falls from 9 to 5", or for a series that turns, "rises, then falls, from 1 to 5 (highest 7.38 at γ = 0.1,
     * lowest 1 at γ = 0)": the direction, the end points and the extremes. {@code xName} names the x values.
     */
    static String trend(String xName, double[] x, double[] y) {
        String d = direction(y);
        if (d.startsWith("stays")) {
            return d;
        }
        boolean monotone = d.equals("rises") || d.equals("falls");
        StringBuilder sb = new StringBuilder(d).append(monotone ? " from " : ", from ").append(num(y[0]))
            .append(" to ").append(num(y[y.length - 1]));
        if (!monotone) {
            int lo = argExtreme(y, false);
            int hi = argExtreme(y, true);
            sb.append(" (highest ").append(num(y[hi])).append(" at ").append(xName).append(" = ").append(num(x[hi]))
                .append(", lowest ").append(num(y[lo])).append(" at ").append(xName).append(" = ").append(num(x[lo]))
                .append(')');
        }
        return sb.toString();
    }

    /** Index of the first maximum (or minimum). */
    static int argExtreme(double[] y, boolean max) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (max ? y[i] > y[best] + EPS : y[i] < y[best] - EPS) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Groups of series that coincide at every point, as a sentence, or "" when none do: "The lines of γ = 0.5, γ = 1
     * and γ = 2 coincide; each series has its own dash pattern and marker."
     */
    static String coinciding(String[] names, double[][] ys) {
        boolean[] done = new boolean[names.length];
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (done[i]) {
                continue;
            }
            List<String> group = new ArrayList<>(List.of(names[i]));
            for (int j = i + 1; j < names.length; j++) {
                if (!done[j] && same(ys[i], ys[j])) {
                    group.add(names[j]);
                    done[j] = true;
                }
            }
            if (group.size() > 1) {
                groups.add(join(group));
            }
        }
        if (groups.isEmpty()) {
            return "";
        }
        return "The lines of " + String.join("; of ", groups) + " coincide (drawn on top of each other: each series "
            + "has its own dash pattern and marker, and the CSV lists them separately).";
    }

    static boolean same(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(a[k] - b[k]) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    /** "a", "a and b", "a, b and c". */
    static String join(List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
