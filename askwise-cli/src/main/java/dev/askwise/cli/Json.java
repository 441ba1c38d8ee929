package dev.askwise.cli;

/** A minimal JSON writer for the stable output formats of the CLI (no external dependency). */
final class Json {

    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    Json beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    Json endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    Json beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    Json endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    Json name(String name) {
        comma();
        string(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    /** A number; NaN and infinities become null. */
    Json value(double v) {
        comma();
        sb.append(Double.isFinite(v) ? number(v) : "null");
        needComma = true;
        return this;
    }

    Json value(long v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    Json value(String s) {
        comma();
        string(s);
        needComma = true;
        return this;
    }

    Json value(boolean b) {
        comma();
        sb.append(b);
        needComma = true;
        return this;
    }

    Json nullValue() {
        comma();
        sb.append("null");
        needComma = true;
        return this;
    }

    Json field(String name, double v) {
        return name(name).value(v);
    }

    Json field(String name, Double v) {
        return name(name).value(v.doubleValue());
    }

    Json field(String name, long v) {
        return name(name).value(v);
    }

    Json field(String name, String v) {
        return name(name).value(v);
    }

    Json array(String name, double[] values) {
        name(name).beginArray();
        for (double v : values) {
            value(v);
        }
        return endArray();
    }

    /** Integers, with negative entries (for "undefined") written as null. */
    Json intArrayOrNull(String name, int[] values) {
        name(name).beginArray();
        for (int v : values) {
            if (v < 0) {
                nullValue();
            } else {
                value(v);
            }
        }
        return endArray();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    private void string(String s) {
        dev.askwise.io.Json.writeString(sb, s);
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
