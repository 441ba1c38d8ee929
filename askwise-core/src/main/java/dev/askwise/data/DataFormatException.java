package dev.askwise.data;

import java.nio.file.Path;

/** A data file that cannot be read as its format requires; the message names the file, the line and the problem. */
public final class DataFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public DataFormatException(Path file, int line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
    }
}
