package dev.askwise.cli;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Figures written as PNG and SVG from one painter, so both show the same drawing. */
final class Figures {

    /** Something that draws itself on a canvas of the given size. */
    interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    static final int WIDTH = 820;
    static final int HEIGHT = 500;

    private Figures() {
    }

    /** Writes {@code base.png} and {@code base.svg} into dir. */
    static void save(Painter painter, Path dir, String base, int width, int height) {
        try {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.paint(g, width, height);
            g.dispose();
            ImageIO.write(image, "png", dir.resolve(base + ".png").toFile());
            VectorGraphics2D vg = new VectorGraphics2D();
            painter.paint(vg, width, height);
            Document doc = Processors.get("svg").getDocument(vg.getCommands(), new PageSize(0, 0, width, height));
            try (OutputStream os = Files.newOutputStream(dir.resolve(base + ".svg"))) {
                doc.writeTo(os);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + dir.resolve(base) + ": " + e.getMessage(), e);
        }
    }

    static void save(XYChart chart, Path dir, String base) {
        save(chart::paint, dir, base, chart.getWidth(), chart.getHeight());
    }

    /** A line chart with the house style: labelled axes, legend outside the plot, markers on every point. */
    static XYChart lineChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
            .yAxisTitle(yTitle).build();
        houseStyle(chart.getStyler(), "#0.###");
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /** The style every chart shares: theme, fonts, white background, light grid, legend outside, colours. */
    private static void houseStyle(org.knowm.xchart.style.AxesChartStyler styler, String decimals) {
        Styler.ChartTheme theme = Styler.ChartTheme.XChart;
        styler.setTheme(theme.newInstance(theme));
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(225, 225, 225));
        styler.setLocale(Locale.ROOT);
        styler.setDecimalPattern(decimals);
        styler.setSeriesColors(SERIES_COLORS);
    }

    /** A grouped bar chart with the house style (null values are left out). */
    static org.knowm.xchart.CategoryChart barChart(String title, String xTitle, String yTitle) {
        org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(WIDTH + 200)
            .height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        houseStyle(chart.getStyler(), "#0.#");
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setXAxisMaxLabelCount(100);
        return chart;
    }

    /** Series colours for line charts (Okabe–Ito, colour-blind safe). */
    static final Color[] SERIES_COLORS = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xD55E00), new Color(0x56B4E9), new Color(0x000000), new Color(0x999999)};

    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
        org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE, org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND,
        org.knowm.xchart.style.markers.SeriesMarkers.SQUARE, org.knowm.xchart.style.markers.SeriesMarkers.TRIANGLE_UP,
        org.knowm.xchart.style.markers.SeriesMarkers.CROSS, org.knowm.xchart.style.markers.SeriesMarkers.TRIANGLE_DOWN,
        org.knowm.xchart.style.markers.SeriesMarkers.PLUS, org.knowm.xchart.style.markers.SeriesMarkers.OVAL};

    private static final java.awt.BasicStroke[] STROKES = {
        org.knowm.xchart.style.lines.SeriesLines.SOLID, org.knowm.xchart.style.lines.SeriesLines.DASH_DASH,
        org.knowm.xchart.style.lines.SeriesLines.DOT_DOT, org.knowm.xchart.style.lines.SeriesLines.DASH_DOT,
        new java.awt.BasicStroke(2.0f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 10.0f,
            new float[] {12.0f, 4.0f, 2.0f, 4.0f, 2.0f, 4.0f}, 0.0f)};

    /**
     * Gives every series of a chart its own colour, marker and dash pattern, so that lines that coincide can still be
     * told apart where their patterns interleave (callers may also shift coinciding series sideways and say so).
     */
    static XYChart distinguish(XYChart chart) {
        int i = 0;
        for (org.knowm.xchart.XYSeries s : chart.getSeriesCollection()) {
            s.setMarker(MARKERS[i % MARKERS.length]);
            s.setLineStyle(STROKES[i % STROKES.length]);
            s.setMarkerColor(SERIES_COLORS[i % SERIES_COLORS.length]);
            s.setLineColor(SERIES_COLORS[i % SERIES_COLORS.length]);
            i++;
        }
        chart.getStyler().setMarkerSize(9);
        return chart;
    }

    /** Labels only the whole numbers of the x axis (for γ from 0 to 10, where XChart crowds 0.4-steps). */
    static XYChart wholeNumberXLabels(XYChart chart) {
        chart.getStyler().setXAxisTickLabelsFormattingFunction(
            v -> Math.abs(v - Math.rint(v)) < 1e-9 ? Json.number(Math.rint(v)) : "");
        return chart;
    }

    /** Colour-blind-safe qualitative palette (Okabe–Ito), extended for up to 12 classes. */
    static final Color[] PALETTE = {new Color(0xF0F0F0), new Color(0x56B4E9), new Color(0xE69F00),
        new Color(0x009E73), new Color(0xCC79A7), new Color(0x0072B2), new Color(0xD55E00), new Color(0xF0E442),
        new Color(0x999999), new Color(0x000000), new Color(0x88CCEE), new Color(0x882255)};

    /**
     * A heatmap of an integer field over (x, y) with a discrete legend: {@code values[i][j]} at {@code xs[i]},
     * {@code ys[j]}.
     */
    static Painter heatmap(String title, String xTitle, String yTitle, double[] xs, double[] ys, int[][] values,
                           String legendPrefix) {
        return (g, width, height) -> {
            int max = 0;
            for (int[] row : values) {
                for (int v : row) {
                    max = Math.max(max, v);
                }
            }
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int left = 80;
            int right = 150;
            int top = 50;
            int bottom = 70;
            int pw = width - left - right;
            int ph = height - top - bottom;
            double cw = (double) pw / xs.length;
            double ch = (double) ph / ys.length;
            for (int i = 0; i < xs.length; i++) {
                for (int j = 0; j < ys.length; j++) {
                    g.setColor(color(values[i][j]));
                    int x0 = left + (int) Math.floor(i * cw);
                    int x1 = left + (int) Math.ceil((i + 1) * cw);
                    int y1 = top + ph - (int) Math.floor(j * ch);
                    int y0 = top + ph - (int) Math.ceil((j + 1) * ch);
                    g.fillRect(x0, y0, x1 - x0, y1 - y0);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, top, pw, ph);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            FontMetrics fm = g.getFontMetrics();
            for (double t : ticks(xs[0], xs[xs.length - 1])) {
                int x = left + (int) Math.round((t - xs[0]) / span(xs) * (pw - cw) + cw / 2);
                g.drawLine(x, top + ph, x, top + ph + 5);
                String label = tick(t);
                g.drawString(label, x - fm.stringWidth(label) / 2, top + ph + 20);
            }
            for (double t : ticks(ys[0], ys[ys.length - 1])) {
                int y = top + ph - (int) Math.round((t - ys[0]) / span(ys) * (ph - ch) + ch / 2);
                g.drawLine(left - 5, y, left, y);
                String label = tick(t);
                g.drawString(label, left - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            fm = g.getFontMetrics();
            g.drawString(xTitle, left + pw / 2 - fm.stringWidth(xTitle) / 2, height - 25);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yTitle, -(top + ph / 2) - fm.stringWidth(yTitle) / 2, 30);
            g.setTransform(saved);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            fm = g.getFontMetrics();
            g.drawString(title, width / 2 - fm.stringWidth(title) / 2, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int ly = top + 10;
            for (int v = 0; v <= max; v++) {
                g.setColor(color(v));
                g.fillRect(left + pw + 20, ly, 18, 18);
                g.setColor(Color.DARK_GRAY);
                g.drawRect(left + pw + 20, ly, 18, 18);
                g.drawString(legendPrefix + v, left + pw + 46, ly + 14);
                ly += 26;
            }
        };
    }

    static Color color(int v) {
        return PALETTE[Math.min(v, PALETTE.length - 1)];
    }

    private static double span(double[] a) {
        double s = a[a.length - 1] - a[0];
        return s == 0 ? 1 : s;
    }

    private static double[] ticks(double lo, double hi) {
        if (hi <= lo) {
            return new double[] {lo};
        }
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        int first = (int) Math.ceil(lo / step - 1e-9);
        int last = (int) Math.floor(hi / step + 1e-9);
        double[] out = new double[last - first + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = (first + i) * step;
        }
        return out;
    }

    private static String tick(double t) {
        String s = String.format(Locale.ROOT, "%.3f", t);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
