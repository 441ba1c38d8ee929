package dev.askwise.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The policy points of {@code compare}'s welfare chart: drawn after the frontier lines (so no marker hides under a
 * curve), each with its own marker; a point far outside the others' range (the oracle, typically) is left off the
 * scale and named under the x axis instead, so the axis shows the compared policies.
 */
final class CompareChart {

    private static final Marker[] MARKERS = {SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CROSS,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.PLUS, SeriesMarkers.OVAL, SeriesMarkers.CIRCLE};

    private CompareChart() {
    }

    /**
     * Adds the points and returns a caption sentence naming points that sit on a frontier vertex and points shown
     * as an annotation; "" when there is nothing to say.
     *
     * @param points {mean questions, EDE} per named policy
     */
    static String addPoints(XYChart chart, List<String> names, List<double[]> points, double[] treeQ, double[] treeE,
        double[] voiQ, double[] voiE) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] ys : new double[][] {treeE, voiE}) {
            for (double y : ys) {
                lo = Math.min(lo, y);
                hi = Math.max(hi, y);
            }
        }
        if (!(hi >= lo)) {
            for (double[] p : points) {
                lo = Math.min(lo, p[1]);
                hi = Math.max(hi, p[1]);
            }
        }
        double span = Math.max(hi - lo, 1e-6);
        List<String> onCurve = new ArrayList<>();
        List<String> off = new ArrayList<>();
        double shownLo = lo;
        double shownHi = hi;
        for (int i = 0; i < names.size(); i++) {
            double[] p = points.get(i);
            if (p[1] > hi + span || p[1] < lo - span) {
                off.add(String.format(Locale.ROOT, "%s: EDE %s at %s questions", names.get(i), Numbers.fixed(p[1], 4),
                    Numbers.fixed(p[0], 2)));
                continue;
            }
            shownLo = Math.min(shownLo, p[1]);
            shownHi = Math.max(shownHi, p[1]);
            XYSeries s = chart.addSeries(names.get(i), new double[] {p[0]}, new double[] {p[1]});
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            s.setMarker(MARKERS[i % MARKERS.length]);
            s.setMarkerColor(Figures.SERIES_COLORS[(i + 2) % Figures.SERIES_COLORS.length]);
            if (onVertex(p, treeQ, treeE)) {
                onCurve.add(names.get(i) + " on the tree's frontier");
            } else if (onVertex(p, voiQ, voiE)) {
                onCurve.add(names.get(i) + " on VOI's frontier");
            }
        }
        chart.getStyler().setMarkerSize(9);
        StringBuilder note = new StringBuilder();
        if (!onCurve.isEmpty()) {
            note.append("Points drawn on top of a frontier point (look for their markers there): ")
                .append(Captions.join(onCurve)).append(". ");
        }
        if (!off.isEmpty()) {
            double pad = 0.08 * Math.max(shownHi - shownLo, 1e-6);
            chart.getStyler().setYAxisMin(shownLo - pad);
            chart.getStyler().setYAxisMax(shownHi + pad);
            // in the axis title, where it can never cover a point
            chart.setXAxisTitle(chart.getXAxisTitle() + "   [off the scale: " + String.join("; ", off) + "]");
            note.append("Left off the scale so that the compared policies are readable (named under the x axis): ")
                .append(String.join("; ", off)).append('.');
        }
        return note.toString().strip();
    }

    private static boolean onVertex(double[] p, double[] qs, double[] es) {
        for (int k = 0; k < qs.length; k++) {
            if (Math.abs(qs[k] - p[0]) < 1e-9 && Math.abs(es[k] - p[1]) < 1e-9) {
                return true;
            }
        }
        return false;
    }
}
