package dev.askwise.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** One HTML page of sections with figures (PNG shown, SVG and CSV linked) and tables, written into a directory. */
final class HtmlReport {

    private final Path dir;
    private final List<String> sections = new ArrayList<>();
    private final List<String> files = new ArrayList<>();

    HtmlReport(Path dir) {
        this.dir = CsvFile.prepareDirectory(dir);
    }

    Path dir() {
        return dir;
    }

    /** Saves a chart as PNG and SVG (γ axes get whole-number labels). */
    void chart(XYChart chart, String base) {
        if (chart.getXAxisTitle().startsWith("gamma")) {
            Figures.wholeNumberXLabels(chart);
        }
        Figures.save(chart, dir, base);
        files.add(base + ".png");
        files.add(base + ".svg");
    }

    /** Saves a bar chart as PNG and SVG. */
    void chart(org.knowm.xchart.CategoryChart chart, String base) {
        Figures.save(chart::paint, dir, base, chart.getWidth(), chart.getHeight());
        files.add(base + ".png");
        files.add(base + ".svg");
    }

    /** Records files written by someone else (for example a heatmap). */
    void written(String... names) {
        files.addAll(List.of(names));
    }

    void csv(CsvFile csv, String base) {
        csv.write(dir.resolve(base + ".csv"));
        files.add(base + ".csv");
    }

    void section(String id, String title, String caption, String... bases) {
        section(id, title, caption, new String[bases.length], bases);
    }

    /**
     * A section with figures; with one figure the caption goes under it, with several it opens the section and each
     * figure is captioned by its label.
     */
    void section(String id, String title, String caption, String[] labels, String[] bases) {
        StringBuilder sb = new StringBuilder();
        sb.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n");
        boolean single = bases.length == 1;
        if (!single) {
            sb.append("<p>").append(caption).append("</p>\n");
        }
        for (int i = 0; i < bases.length; i++) {
            String base = bases[i];
            String text = single ? caption : labels[i];
            sb.append("<figure>\n<img src=\"").append(base).append(".png\" alt=\"").append(escape(title))
                .append("\" width=\"820\">\n<figcaption>").append(text == null ? "" : text)
                .append(" <span class=\"files\">[<a href=\"").append(base).append(".svg\">SVG</a>] [<a href=\"")
                .append(base).append(".csv\">CSV</a>]</span></figcaption>\n</figure>\n");
        }
        sb.append("</section>\n");
        sections.add(sb.toString());
    }

    /** A section of raw HTML (for tables). */
    void raw(String html) {
        sections.add(html);
    }

    /** A section of raw HTML placed before every other section (for a headline). */
    void prepend(String html) {
        sections.add(0, html);
    }

    /**
     * A table: the header cells and every body cell are escaped (plain text in, HTML out). The one table builder
     * of every report.
     */
    static String table(String[] header, List<String[]> rows) {
        return table(header, rows, true);
    }

    /** A table whose body cells are trusted HTML when {@code escapeCells} is false (header cells always escaped). */
    static String table(String[] header, List<String[]> rows, boolean escapeCells) {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr>\n");
        for (String[] row : rows) {
            sb.append("<tr>");
            for (String cell : row) {
                sb.append("<td>").append(escapeCells ? escape(cell) : cell).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    /** Escapes text for HTML content and attribute values: the one escape of every report. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Writes index.html and returns every file of the report, index.html first. */
    List<String> write(String title, String introHtml) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .append(escape(title)).append("</title>\n<style>\n")
            .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:900px;margin:2em auto;")
            .append("padding:0 1em;color:#222;line-height:1.5}\nh1{font-size:1.7em}h2{font-size:1.25em;margin-top:2em;")
            .append("border-bottom:1px solid #ddd}\nfigure{margin:1em 0}img{max-width:100%;height:auto;border:1px ")
            .append("solid #eee}\nfigcaption{font-size:.92em;color:#444}\n.files{white-space:nowrap}\n")
            .append("table{border-collapse:collapse;font-size:.88em}td,th{border:1px solid #ccc;padding:3px 6px;")
            .append("text-align:right}\ntd:first-child,th:first-child{text-align:left}\n")
            .append(".text td,.text th{text-align:left}\n")
            .append("code{background:#f4f4f4;padding:0 3px}\n.headline{background:#f3f8ff;border-left:4px solid ")
            .append("#0072B2;padding:.5em 1em}\n</style>\n</head>\n<body>\n<h1>").append(escape(title))
            .append("</h1>\n").append(introHtml).append('\n');
        sections.forEach(sb::append);
        sb.append("<hr><p><small>Generated by Askwise 0.1.0.</small></p>\n</body>\n</html>\n");
        try {
            Files.writeString(dir.resolve("index.html"), sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("index.html") + ": " + e.getMessage(), e);
        }
        List<String> all = new ArrayList<>();
        all.add("index.html");
        all.addAll(files);
        return all;
    }
}
