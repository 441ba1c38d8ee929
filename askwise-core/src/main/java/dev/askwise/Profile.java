package dev.askwise;

import java.util.Arrays;

/**
 * A partial assignment of values to a schema's attributes: {@code value(a)} is the value index, or {@link #UNKNOWN}.
 * Immutable; {@link #with(int, int)} returns a new profile.
 */
public final class Profile {

    /** Marker of an attribute whose value is not known. */
    public static final int UNKNOWN = -1;

    private final int[] values;

    private Profile(int[] values) {
        this.values = values;
    }

    /** An empty profile over n attributes. */
    public static Profile empty(int n) {
        int[] v = new int[n];
        Arrays.fill(v, UNKNOWN);
        return new Profile(v);
    }

    /** A profile from value indices ({@code -1} for unknown); checked against the schema. */
    public static Profile of(Schema schema, int... values) {
        if (values.length != schema.size()) {
            throw new IllegalArgumentException("profile needs " + schema.size() + " values: " + values.length);
        }
        for (int a = 0; a < values.length; a++) {
            if (values[a] < UNKNOWN || values[a] >= schema.get(a).size()) {
                throw new IllegalArgumentException("value of '" + schema.get(a).name() + "' must be in [-1, "
                    + (schema.get(a).size() - 1) + "]: " + values[a]);
            }
        }
        return new Profile(values.clone());
    }

    /** A profile from raw indices without a schema check (internal use by loaders that already checked). */
    public static Profile ofUnchecked(int[] values) {
        return new Profile(values.clone());
    }

    public int size() {
        return values.length;
    }

    public int value(int attribute) {
        return values[attribute];
    }

    public boolean isKnown(int attribute) {
        return values[attribute] != UNKNOWN;
    }

    /** This profile with attribute set to value (or cleared with {@link #UNKNOWN}). */
    public Profile with(int attribute, int value) {
        int[] v = values.clone();
        v[attribute] = value;
        return new Profile(v);
    }

    /** The value indices ({@code -1} for unknown), a copy. */
    public int[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Profile p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Profile" + Arrays.toString(values);
    }
}
