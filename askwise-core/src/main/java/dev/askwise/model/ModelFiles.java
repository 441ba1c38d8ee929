package dev.askwise.model;

import dev.askwise.Attribute;
import dev.askwise.Schema;
import dev.askwise.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Strict reading and writing of the fields that every model file shares. Package-private. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** Parses, checks the format and the exact integer version, and refuses unknown top-level fields. */
    static Map<?, ?> root(String json, String format, int version, String family) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("model JSON must be an object");
        }
        if (!format.equals(root.get("format"))) {
            throw new IllegalArgumentException("not an Askwise " + family + " model: format = " + root.get("format"));
        }
        Object v = root.get("version");
        if (!(v instanceof Double d) || d != version) {
            throw new IllegalArgumentException("unsupported model format version " + v + "; this Askwise reads "
                + "version " + version);
        }
        return root;
    }

    /** Refuses any top-level field outside {@code allowed}. */
    static void onlyFields(Map<?, ?> root, Set<String> allowed) {
        for (Object key : root.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown field '" + key + "' in model JSON; known: "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    static List<Object> attributes(Schema schema) {
        List<Object> attrs = new ArrayList<>();
        for (Attribute a : schema.attributes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("values", a.values());
            attrs.add(m);
        }
        return attrs;
    }

    static Schema schema(Map<?, ?> root) {
        List<Attribute> attrs = new ArrayList<>();
        List<?> list = list(root, "attributes");
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("attributes[" + i + "] must be an object");
            }
            if (!(m.get("name") instanceof String name)) {
                throw new IllegalArgumentException("attributes[" + i + "].name must be a string");
            }
            List<String> values = new ArrayList<>();
            List<?> vs = asList(m.get("values"), "attributes[" + i + "].values");
            for (int j = 0; j < vs.size(); j++) {
                if (!(vs.get(j) instanceof String s)) {
                    throw new IllegalArgumentException("attributes[" + i + "].values[" + j + "] must be a string");
                }
                values.add(s);
            }
            attrs.add(new Attribute(name, values));
        }
        return Schema.of(attrs);
    }

    static List<?> list(Map<?, ?> root, String key) {
        Object v = root.get(key);
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException("model JSON lacks the list '" + key + "'");
        }
        return l;
    }

    static List<?> asList(@Nullable Object o, String where) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(where + " must be a list");
        }
        return l;
    }

    static double[] numbers(List<?> list, String where) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw new IllegalArgumentException(where + "[" + i + "] must be a number: " + list.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    static int[] integers(List<?> list, String where) {
        double[] d = numbers(list, where);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(where + "[" + i + "] must be an integer: " + d[i]);
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    /** An optional non-negative integer field; 0 when absent. */
    static long optionalCount(Map<?, ?> root, String key) {
        Object v = root.get(key);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1) {
            throw new IllegalArgumentException("'" + key + "' must be a positive integer: " + v);
        }
        return (long) n.doubleValue();
    }

    static String write(Map<String, Object> root) {
        return Json.write(root);
    }
}
