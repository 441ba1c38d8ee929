package dev.askwise.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A CSV table built row by row and written in one go; numbers use {@code Locale.ROOT}. */
final class CsvFile {

    private final List<String> lines = new ArrayList<>();

    CsvFile(String... header) {
        lines.add(String.join(",", header));
    }

    CsvFile row(Object... cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object c = cells[i];
            sb.append(c instanceof Double d ? AnalysisFormats.num(d) : String.valueOf(c));
        }
        lines.add(sb.toString());
        return this;
    }

    void write(Path file) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static Path prepareDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
