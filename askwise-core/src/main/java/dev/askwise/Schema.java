package dev.askwise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An ordered list of attributes with unique names. Immutable; serializable (revalidated when read). */
public final class Schema implements java.io.Serializable {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final List<Attribute> attributes;
    private final Map<String, Integer> index;

    private Schema(List<Attribute> attributes) {
        this.attributes = List.copyOf(attributes);
        this.index = new HashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            if (index.put(attributes.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate attribute name: '" + attributes.get(i).name() + "'");
            }
        }
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one attribute");
        }
    }

    /** A schema of the given attributes, in order. */
    public static Schema of(List<Attribute> attributes) {
        return new Schema(attributes);
    }

    /** n binary attributes named {@code x0 .. x(n-1)}. */
    public static Schema binary(int n) {
        List<Attribute> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(Attribute.binary("x" + i));
        }
        return new Schema(list);
    }

    public int size() {
        return attributes.size();
    }

    public Attribute get(int i) {
        return attributes.get(i);
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    /** Index of the attribute called name. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown attribute '" + name + "'; known: " + index.keySet());
        }
        return i;
    }

    /** A deserialized schema goes through the constructor's checks. */
    @java.io.Serial
    private Object readResolve() {
        return new Schema(attributes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && attributes.equals(s.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + attributes;
    }
}
