package dev.askwise.fit;

import dev.askwise.data.CodedRows;
import java.util.stream.IntStream;

/**
 * Users coded per group of attributes, EM's working form: one byte per user and group, the group's joint slot
 * ({@link Grouping}: the Horner code of the group's attribute codes, below {@value Grouping#MAX_SLOTS}). The rows do
 * not change between iterations, so the local fit computes this once and every fused pass reads N·G bytes (a third of
 * the coded rows at 4 values) with no slot arithmetic. Immutable; the arrays are never handed out.
 */
public final class GroupedRows {

    final int[] sizes;
    final Grouping grouping;
    /** slots[i·G + g]: user i's joint slot in group g (relative to the group's first slot). */
    final byte[] slots;
    private final int size;

    private GroupedRows(int[] sizes, Grouping grouping, byte[] slots, int size) {
        this.sizes = sizes;
        this.grouping = grouping;
        this.slots = slots;
        this.size = size;
    }

    /** All rows, grouped on all cores. */
    public static GroupedRows of(CodedRows rows) {
        int[] sizes = CodedRows.sizes(rows.schema());
        Grouping grouping = Grouping.of(sizes);
        int n = rows.size();
        byte[] slots = new byte[Math.multiplyExact(n, grouping.groups())];
        byte[] codes = rows.codes();
        int chunk = LatentClassFitter.CHUNK;
        IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> group(sizes, grouping, codes, c * chunk,
            Math.min(n, (c + 1) * chunk), slots, c * chunk));
        return new GroupedRows(sizes, grouping, slots, n);
    }

    /**
     * Rows {@code [fromRow, toRow)} of a coded matrix ({@link CodedRows} layout) over attributes with the given
     * numbers of values; row {@code fromRow} becomes row 0.
     *
     * @throws IllegalArgumentException if the range is not whole rows of the array, or a value count is outside
     *                                  [2, 255]
     */
    public static GroupedRows of(int[] valueCounts, byte[] codes, int fromRow, int toRow) {
        int attrs = valueCounts.length;
        for (int s : valueCounts) {
            if (s < 2 || s > CodedRows.MAX_VALUES) {
                throw new IllegalArgumentException("values per attribute must be in [2, " + CodedRows.MAX_VALUES
                    + "]: " + s);
            }
        }
        long rows = codes.length / Math.max(1, attrs);
        if (fromRow < 0 || toRow < fromRow || toRow > rows || codes.length % Math.max(1, attrs) != 0) {
            throw new IllegalArgumentException("rows must satisfy 0 <= from <= to <= " + rows + " (whole rows of "
                + attrs + " codes): " + fromRow + ".." + toRow);
        }
        int[] sizes = valueCounts.clone();
        Grouping grouping = Grouping.of(sizes);
        byte[] slots = new byte[Math.multiplyExact(toRow - fromRow, grouping.groups())];
        group(sizes, grouping, codes, fromRow, toRow, slots, 0);
        return new GroupedRows(sizes, grouping, slots, toRow - fromRow);
    }

    private static void group(int[] sizes, Grouping grouping, byte[] codes, int fromRow, int toRow, byte[] slots,
                              int firstOut) {
        int attrs = sizes.length;
        int groups = grouping.groups();
        int[] start = grouping.start;
        for (int i = fromRow; i < toRow; i++) {
            int row = i * attrs;
            int out = (firstOut + i - fromRow) * groups;
            for (int g = 0; g < groups; g++) {
                int slot = 0;
                for (int a = start[g]; a < start[g + 1]; a++) {
                    slot = slot * (sizes[a] + 1) + (codes[row + a] & 0xFF);
                }
                slots[out + g] = (byte) slot;
            }
        }
    }

    /** Number of users. */
    public int size() {
        return size;
    }

    /** Number of values of each attribute (a copy). */
    public int[] valueCounts() {
        return sizes.clone();
    }
}
