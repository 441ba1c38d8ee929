package dev.askwise.data;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Users from a CSV file: a header of attribute names, then one user per line with a value label per attribute
 * (comma-separated, no quoting; surrounding spaces are trimmed; an empty cell is a missing value). Each attribute's
 * values are its distinct labels in {@link String#compareTo} order, so the same file read here or by askwise-spark
 * gives the same schema and the same codes.
 */
public final class CsvUsers {

    private CsvUsers() {
    }

    /**
     * Reads the file.
     *
     * @throws IllegalArgumentException naming the line for a row of the wrong width, a header without names, or an
     *                                  attribute with fewer than two distinct values
     */
    public static Dataset load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new DataFormatException(file, 0, "empty file (a header of attribute names is needed)");
        }
        String first = lines.get(0);
        List<String> names = header(first.startsWith("\uFEFF") ? first.substring(1) : first); // a UTF-8 BOM is not a name
        List<TreeSet<String>> values = new ArrayList<>();
        names.forEach(n -> values.add(new TreeSet<>()));
        List<String[]> cells = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] c = cells(lines.get(i), names.size(), i + 1);
            for (int a = 0; a < c.length; a++) {
                if (!c[a].isEmpty()) {
                    values.get(a).add(c[a]);
                }
            }
            cells.add(c);
        }
        Schema schema = schema(names, values);
        List<Map<String, Integer>> index = index(schema);
        List<int[]> rows = new ArrayList<>(cells.size());
        for (String[] c : cells) {
            int[] row = new int[c.length];
            for (int a = 0; a < c.length; a++) {
                row[a] = c[a].isEmpty() ? Profile.UNKNOWN : java.util.Objects.requireNonNull(index.get(a).get(c[a]));
            }
            rows.add(row);
        }
        String name = file.getFileName() == null ? "csv" : file.getFileName().toString();
        return Dataset.of(name, schema, rows, Map.of());
    }

    /** The attribute names of a header line. */
    public static List<String> header(String line) {
        List<String> names = new ArrayList<>();
        for (String s : line.split(",", -1)) {
            String t = s.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("line 1: the header needs a name for every column: '" + line + "'");
            }
            names.add(t);
        }
        return names;
    }

    /** The trimmed cells of a data line with exactly {@code columns} cells. */
    public static String[] cells(String line, int columns, long lineNumber) {
        String[] c = line.split(",", -1);
        if (c.length != columns) {
            throw new IllegalArgumentException("line " + lineNumber + ": " + c.length + " cells, the header has "
                + columns);
        }
        for (int a = 0; a < c.length; a++) {
            c[a] = c[a].trim();
        }
        return c;
    }

    /** The schema of attribute names with their distinct labels (sorted). */
    public static Schema schema(List<String> names, List<? extends Collection<String>> values) {
        List<Attribute> attrs = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            List<String> vs = new ArrayList<>(new TreeSet<>(values.get(a)));
            if (vs.size() < 2) {
                throw new IllegalArgumentException("attribute '" + names.get(a) + "' must have at least 2 distinct values: "
                    + vs);
            }
            attrs.add(new Attribute(names.get(a), vs));
        }
        return Schema.of(attrs);
    }

    /** Per attribute, label → value index. */
    public static List<Map<String, Integer>> index(Schema schema) {
        List<Map<String, Integer>> out = new ArrayList<>();
        for (int a = 0; a < schema.size(); a++) {
            Map<String, Integer> m = new HashMap<>();
            List<String> vs = schema.get(a).values();
            for (int v = 0; v < vs.size(); v++) {
                m.put(vs.get(v), v);
            }
            out.add(m);
        }
        return out;
    }
}
