package dev.askwise;

import java.util.List;

/**
 * A preference attribute: a name and its possible values (at least two; binary attributes have two). Immutable.
 *
 * @param name   non-blank identifier, unique within a {@link Schema}
 * @param values distinct value labels, at least two
 */
public record Attribute(String name, List<String> values) implements java.io.Serializable {

    /** Validates and copies. */
    public Attribute {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("attribute name must be non-blank: '" + name + "'");
        }
        values = List.copyOf(values);
        if (values.size() < 2) {
            throw new IllegalArgumentException("attribute '" + name + "' must have at least 2 values: " + values);
        }
        if (values.stream().distinct().count() != values.size()) {
            throw new IllegalArgumentException("attribute '" + name + "' has repeated values: " + values);
        }
    }

    /** A binary attribute with values {@code 0} and {@code 1}. */
    public static Attribute binary(String name) {
        return new Attribute(name, List.of("0", "1"));
    }

    /** Number of values. */
    public int size() {
        return values.size();
    }

    /** Index of a value label. */
    public int indexOf(String value) {
        int i = values.indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException("unknown value '" + value + "' for attribute '" + name + "'; allowed: "
                + values);
        }
        return i;
    }
}
