package dev.askwise.data;

import dev.askwise.Profile;
import dev.askwise.Schema;

/**
 * Users' values as one flat byte matrix, row-major: the byte at {@code i · attributes + a} is {@code value + 1} of
 * attribute a for user i (read as unsigned), and {@code 0} for a missing value. One byte a value is what lets EM fit
 * 10⁷ users × 50 attributes in half a gigabyte; attributes may have at most {@value #MAX_VALUES} values.
 *
 * <p>The array is shared, not copied, by {@link #codes()} (copying half a gigabyte per pass would cost more than the
 * pass): callers must not modify it. Everything else is immutable; instances are safe to share across threads.
 */
public final class CodedRows {

    /** The most values an attribute may have (codes 1..255). */
    public static final int MAX_VALUES = 255;

    private final Schema schema;
    private final byte[] codes;
    private final int rows;

    private CodedRows(Schema schema, byte[] codes) {
        this.schema = schema;
        this.codes = codes;
        this.rows = schema.size() == 0 ? 0 : codes.length / schema.size();
    }

    /**
     * Coded rows over a schema, validated: the length is a multiple of the number of attributes and every code is at
     * most the attribute's number of values. The array is taken over, not copied.
     *
     * @throws IllegalArgumentException if an attribute has more than 255 values or a code does not fit its attribute
     */
    public static CodedRows of(Schema schema, byte[] codes) {
        checkSchema(schema);
        int attrs = schema.size();
        if (attrs == 0 || codes.length % attrs != 0) {
            throw new IllegalArgumentException("codes must hold whole rows of " + attrs + " attributes: "
                + codes.length + " bytes");
        }
        int[] sizes = sizes(schema);
        for (int i = 0, r = 0; r < codes.length; i++, r += attrs) {
            for (int a = 0; a < attrs; a++) {
                int c = codes[r + a] & 0xFF;
                if (c > sizes[a]) {
                    throw new IllegalArgumentException("row " + i + ", attribute '" + schema.get(a).name()
                        + "': code must be in [0, " + sizes[a] + "]: " + c);
                }
            }
        }
        return new CodedRows(schema, codes);
    }

    /** The dataset's rows, coded. */
    public static CodedRows of(Dataset data) {
        Schema schema = data.schema();
        checkSchema(schema);
        int attrs = schema.size();
        byte[] codes = new byte[data.size() * attrs];
        for (int i = 0; i < data.size(); i++) {
            for (int a = 0; a < attrs; a++) {
                codes[i * attrs + a] = encode(data.value(i, a));
            }
        }
        return new CodedRows(schema, codes);
    }

    /** The code of a value index ({@link Profile#UNKNOWN} → 0). */
    public static byte encode(int value) {
        return (byte) (value + 1);
    }

    /** The value index of a code (0 → {@link Profile#UNKNOWN}). */
    public static int decode(byte code) {
        return (code & 0xFF) - 1;
    }

    private static void checkSchema(Schema schema) {
        for (int a = 0; a < schema.size(); a++) {
            if (schema.get(a).size() > MAX_VALUES) {
                throw new IllegalArgumentException("attribute '" + schema.get(a).name() + "' has "
                    + schema.get(a).size() + " values; coded rows hold at most " + MAX_VALUES);
            }
        }
    }

    /** Number of values of each attribute. */
    public static int[] sizes(Schema schema) {
        int[] s = new int[schema.size()];
        for (int a = 0; a < s.length; a++) {
            s[a] = schema.get(a).size();
        }
        return s;
    }

    public Schema schema() {
        return schema;
    }

    public int size() {
        return rows;
    }

    public int attributes() {
        return schema.size();
    }

    /** The shared code array (do not modify). */
    public byte[] codes() {
        return codes;
    }

    /** Value index of attribute a for user i, or {@link Profile#UNKNOWN}. */
    public int value(int i, int a) {
        return decode(codes[i * schema.size() + a]);
    }

    /** These rows as a {@link Dataset} (int rows: 4 bytes a value, for the rest of the API), without covariates. */
    public Dataset toDataset(String name) {
        java.util.List<int[]> list = new java.util.ArrayList<>(rows);
        int attrs = schema.size();
        for (int i = 0; i < rows; i++) {
            int[] row = new int[attrs];
            for (int a = 0; a < attrs; a++) {
                row[a] = decode(codes[i * attrs + a]);
            }
            list.add(row);
        }
        return Dataset.of(name, schema, list, java.util.Map.of());
    }
}
