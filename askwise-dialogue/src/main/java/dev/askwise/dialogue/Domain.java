package dev.askwise.dialogue;

import dev.askwise.Attribute;
import dev.askwise.Schema;
import dev.askwise.io.Json;
import dev.askwise.model.LatentClassModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A declarative domain: attributes with their values (each with a natural-language description and synonyms), a
 * question per attribute (and an optional yes/no form), a generality level for general-to-specific order, protection
 * flags, and a population model with its provenance. Read from JSON ({@link #parse}) with every problem reported with
 * its location ({@link #validate}); format {@code askwise.domain}, version 1 (docs/domains.md). Immutable.
 */
public final class Domain {

    /** Format identifier. */
    public static final String FORMAT = "askwise.domain";
    /** Supported version. */
    public static final int VERSION = 1;
    /** Domains shipped with Askwise (resources {@code dev/askwise/dialogue/domains/NAME.json}). */
    public static final List<String> BUILT_IN = List.of("vacation", "email", "image", "hotel", "movies");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    /**
     * One value of an attribute.
     *
     * @param examples optional example utterances that mean this value ("somewhere I can walk to the bars"), used by
     *                 the interpretation pipeline: short ones as phrases, all of them for the embedding model
     */
    public record Value(String name, String description, List<String> synonyms, List<String> examples) {
        /** Copies the synonyms and examples. */
        public Value {
            synonyms = List.copyOf(synonyms);
            examples = List.copyOf(examples);
        }

        /** A value without examples. */
        public Value(String name, String description, List<String> synonyms) {
            this(name, description, synonyms, List.of());
        }
    }

    /**
     * The amounts an attribute's values stand for, so that numbers in answers are understood ("no more than fifty
     * bucks a night", "about $200", "between 100 and 150").
     *
     * @param units  words or symbols that mark an amount as this attribute's in a first request ("$", "dollars",
     *               "a night"); an answer to the attribute's own question needs none
     * @param ranges per value, the half-open interval [from, to) it covers (infinite ends for open ones); the intervals
     *               do not overlap
     */
    public record Amounts(List<String> units, Map<String, Range> ranges) {
        /** Copies, keeping the ranges' order. */
        public Amounts {
            units = List.copyOf(units);
            ranges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ranges));
        }

        /** The value whose range holds x, or null. */
        public String valueAt(double x) {
            for (Map.Entry<String, Range> e : ranges.entrySet()) {
                if (e.getValue().contains(x)) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    /**
     * A half-open interval [from, to) of amounts.
     *
     * @param from lowest amount (−∞ for none)
     * @param to   first amount above (+∞ for none)
     */
    public record Range(double from, double to) {
        /** Whether x is in [from, to). */
        public boolean contains(double x) {
            return x >= from && x < to;
        }
    }

    /**
     * A yes/no form of an attribute's question.
     *
     * @param value    the value a "yes" selects
     * @param question the yes/no question
     */
    public record YesNo(String value, String question) {
    }

    /**
     * One attribute of the domain.
     *
     * @param topics optional words that name the attribute itself ("tone", "length", "era"): "any era" or "don't care
     *               about the length" settle it as no preference; for a yes/no or likes/dislikes attribute a topic word
     *               is also a mention of the thing ("horror", "breakfast") whose sentiment decides the value
     * @param amounts optional: the amounts each value covers ("under 100 a night" is low), or null
     */
    public record AttributeSpec(String name, String question, YesNo yesNo, int generality, boolean neverAsk,
                                boolean neverInfer, List<Value> values, List<String> topics, Amounts amounts) {
        /** Copies the values and topics. */
        public AttributeSpec {
            values = List.copyOf(values);
            topics = List.copyOf(topics);
        }

        /** An attribute without amounts. */
        public AttributeSpec(String name, String question, YesNo yesNo, int generality, boolean neverAsk,
                             boolean neverInfer, List<Value> values, List<String> topics) {
            this(name, question, yesNo, generality, neverAsk, neverInfer, values, topics, null);
        }

        /** An attribute without topic words. */
        public AttributeSpec(String name, String question, YesNo yesNo, int generality, boolean neverAsk,
                             boolean neverInfer, List<Value> values) {
            this(name, question, yesNo, generality, neverAsk, neverInfer, values, List.of());
        }

        /** Whether the attribute is protected (never asked or never inferred): never set from text unless asked. */
        public boolean protectedAttribute() {
            return neverAsk || neverInfer;
        }

        /** Index of a value by name, or −1. */
        public int indexOf(String value) {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).name().equals(value)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private final String name;
    private final String description;
    private final List<AttributeSpec> attributes;
    private final LatentClassModel model;
    private final String provenance;
    private final List<String> clusterNames;

    private Domain(String name, String description, List<AttributeSpec> attributes, LatentClassModel model,
                   String provenance, List<String> clusterNames) {
        this.name = name;
        this.description = description;
        this.attributes = List.copyOf(attributes);
        this.model = model;
        this.provenance = provenance;
        this.clusterNames = List.copyOf(clusterNames);
    }

    /**
     * A domain of attributes only, with no population model ({@link #model()} and {@link #schema()} throw), for
     * running the interpretation pipeline over readings built at run time ({@link ReplyResolver}). Package-private:
     * every public domain has a model.
     */
    static Domain withoutModel(String name, List<AttributeSpec> attributes) {
        return new Domain(name, "", attributes, null, "none", List.of());
    }

    /** The clusters' names, in model order (c0, c1, ... when the file gives none). */
    public List<String> clusterNames() {
        return clusterNames;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<AttributeSpec> attributes() {
        return attributes;
    }

    /** The attribute called name. */
    public AttributeSpec attribute(String attribute) {
        return attributes.stream().filter(a -> a.name().equals(attribute)).findFirst().orElseThrow(
            () -> new IllegalArgumentException("unknown attribute '" + attribute + "' in domain " + name + "; known: "
                + String.join(", ", attributes.stream().map(AttributeSpec::name).toList())));
    }

    /** The population model over this domain's attributes. */
    public LatentClassModel model() {
        if (model == null) {
            throw new IllegalStateException("domain " + name + " has no population model");
        }
        return model;
    }

    /** Where the population model comes from. */
    public String provenance() {
        return provenance;
    }

    /** The schema (attribute and value names) the model is defined over. */
    public Schema schema() {
        return model().schema();
    }

    /** Attribute names never to ask about. */
    public String[] neverAsk() {
        return attributes.stream().filter(AttributeSpec::neverAsk).map(AttributeSpec::name).toArray(String[]::new);
    }

    /** Attribute names never to infer. */
    public String[] neverInfer() {
        return attributes.stream().filter(AttributeSpec::neverInfer).map(AttributeSpec::name).toArray(String[]::new);
    }

    /**
     * This domain with another population model over the same attributes and values (for example one fitted from
     * data), with its provenance.
     */
    public Domain withModel(LatentClassModel fitted, String newProvenance) {
        if (!fitted.schema().equals(model().schema())) {
            throw new IllegalArgumentException("the model's attributes and values differ from the domain's");
        }
        if (newProvenance == null || newProvenance.isBlank()) {
            throw new IllegalArgumentException("provenance must be non-blank");
        }
        List<String> names = new ArrayList<>();
        for (int z = 0; z < fitted.clusters(); z++) {
            names.add("c" + z);
        }
        return new Domain(name, description, attributes, fitted, newProvenance, names);
    }

    /** The domain as JSON in the format {@link #parse} reads (cluster names become {@code c0, c1, ...}). */
    public String toJson() {
        Map<String, Object> root = new java.util.LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", name);
        root.put("description", description);
        List<Object> attrs = new ArrayList<>();
        for (AttributeSpec a : attributes) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", a.name());
            m.put("question", a.question());
            m.put("generality", a.generality());
            if (a.yesNo() != null) {
                Map<String, Object> yn = new java.util.LinkedHashMap<>();
                yn.put("value", a.yesNo().value());
                yn.put("question", a.yesNo().question());
                m.put("yesNo", yn);
            }
            if (a.neverAsk()) {
                m.put("neverAsk", true);
            }
            if (a.neverInfer()) {
                m.put("neverInfer", true);
            }
            if (!a.topics().isEmpty()) {
                m.put("topics", a.topics());
            }
            if (a.amounts() != null) {
                Map<String, Object> am = new java.util.LinkedHashMap<>();
                if (!a.amounts().units().isEmpty()) {
                    am.put("units", a.amounts().units());
                }
                Map<String, Object> rs = new java.util.LinkedHashMap<>();
                a.amounts().ranges().forEach((v, r) -> rs.put(v, java.util.Arrays.asList(
                    Double.isInfinite(r.from()) ? null : r.from(), Double.isInfinite(r.to()) ? null : r.to())));
                am.put("values", rs);
                m.put("amounts", am);
            }
            List<Object> vals = new ArrayList<>();
            for (Value v : a.values()) {
                Map<String, Object> vm = new java.util.LinkedHashMap<>();
                vm.put("name", v.name());
                vm.put("description", v.description());
                vm.put("synonyms", v.synonyms());
                if (!v.examples().isEmpty()) {
                    vm.put("examples", v.examples());
                }
                vals.add(vm);
            }
            m.put("values", vals);
            attrs.add(m);
        }
        root.put("attributes", attrs);
        Map<String, Object> mod = new java.util.LinkedHashMap<>();
        mod.put("provenance", provenance);
        List<Object> clusters = new ArrayList<>();
        for (int z = 0; z < model.clusters(); z++) {
            Map<String, Object> c = new java.util.LinkedHashMap<>();
            c.put("name", clusterNames.get(z));
            c.put("weight", model.weight(z));
            Map<String, Object> values = new java.util.LinkedHashMap<>();
            Map<String, Object> noPref = new java.util.LinkedHashMap<>();
            for (int a = 0; a < attributes.size(); a++) {
                Map<String, Object> dist = new java.util.LinkedHashMap<>();
                for (int v = 0; v < attributes.get(a).values().size(); v++) {
                    dist.put(attributes.get(a).values().get(v).name(), model.probability(z, a, v));
                }
                values.put(attributes.get(a).name(), dist);
                if (model.modelsMissing()) {
                    noPref.put(attributes.get(a).name(), model.missingProbability(z, a));
                }
            }
            c.put("values", values);
            if (model.modelsMissing()) {
                c.put("noPreference", noPref);
            }
            clusters.add(c);
        }
        mod.put("clusters", clusters);
        root.put("model", mod);
        return Json.write(root);
    }

    /** Loads a shipped domain by name. */
    public static Domain builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new IllegalArgumentException("unknown domain '" + name + "'; built in: " + String.join(", ",
                BUILT_IN));
        }
        String resource = "domains/" + name + ".json";
        try (InputStream in = Domain.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a domain file. */
    public static Domain load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a domain.
     *
     * @throws InvalidDomainException listing every problem with its location
     */
    public static Domain parse(String json, String source) {
        List<DomainProblem> problems = new ArrayList<>();
        Domain d = read(json, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDomainException(source, problems);
        }
        return d;
    }

    /** Every problem of a domain file (empty when it is valid). */
    public static List<DomainProblem> validate(String json) {
        List<DomainProblem> problems = new ArrayList<>();
        read(json, problems);
        return problems;
    }

    private static Domain read(String json, List<DomainProblem> problems) {
        Object root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            int at = msg.indexOf("line ");
            int colon = msg.indexOf(':', at);
            problems.add(new DomainProblem(at >= 0 && colon > at ? msg.substring(at, colon) : "$",
                colon > 0 ? msg.substring(colon + 2) : msg));
            return null;
        }
        if (!(root instanceof Map<?, ?> m)) {
            problems.add(new DomainProblem("$", "a domain must be a JSON object"));
            return null;
        }
        Reader r = new Reader(problems);
        Object format = m.get("format");
        if (!FORMAT.equals(format)) {
            problems.add(new DomainProblem("$.format", "must be \"" + FORMAT + "\": " + format));
        }
        Object version = m.get("version");
        if (!(version instanceof Double v) || v.intValue() != VERSION) {
            problems.add(new DomainProblem("$.version", "must be " + VERSION + ": " + version));
        }
        String name = r.string(m, "name", "$");
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(new DomainProblem("$.name", "must match [a-z0-9][a-z0-9_-]*: '" + name + "'"));
        }
        String description = r.string(m, "description", "$");
        List<AttributeSpec> attrs = new ArrayList<>();
        List<?> list = r.list(m, "attributes", "$");
        Set<String> attrNames = new HashSet<>();
        if (list != null) {
            if (list.isEmpty()) {
                problems.add(new DomainProblem("$.attributes", "must list at least one attribute"));
            }
            for (int i = 0; i < list.size(); i++) {
                AttributeSpec a = r.attribute(list.get(i), "$.attributes[" + i + "]");
                if (a != null) {
                    if (!attrNames.add(a.name())) {
                        problems.add(new DomainProblem("$.attributes[" + i + "].name", "duplicate attribute name '"
                            + a.name() + "'"));
                    }
                    attrs.add(a);
                }
            }
        }
        Object modelNode = m.get("model");
        LatentClassModel model = null;
        String provenance = null;
        if (!(modelNode instanceof Map<?, ?> mm)) {
            problems.add(new DomainProblem("$.model", "missing: a population model with its provenance"));
        } else {
            provenance = r.string(mm, "provenance", "$.model");
            if (problems.isEmpty()) {
                model = r.model(mm, attrs);
            } else {
                r.model(mm, attrs); // report its problems too (model is discarded)
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        List<?> clusters = (List<?>) ((Map<?, ?>) modelNode).get("clusters");
        for (int z = 0; z < clusters.size(); z++) {
            Object cn = ((Map<?, ?>) clusters.get(z)).get("name");
            names.add(cn instanceof String str && !str.isBlank() ? str : "c" + z);
        }
        return new Domain(name, description, attrs, model, provenance, names);
    }

    /** Collects problems while reading. */
    private static final class Reader {
        private final List<DomainProblem> problems;

        Reader(List<DomainProblem> problems) {
            this.problems = problems;
        }

        String string(Map<?, ?> m, String key, String at) {
            Object v = m.get(key);
            if (!(v instanceof String s) || s.isBlank()) {
                problems.add(new DomainProblem(at + "." + key, "must be a non-blank string: " + show(v)));
                return null;
            }
            return s;
        }

        List<?> list(Map<?, ?> m, String key, String at) {
            Object v = m.get(key);
            if (!(v instanceof List<?> l)) {
                problems.add(new DomainProblem(at + "." + key, "must be a list: " + show(v)));
                return null;
            }
            return l;
        }

        boolean flag(Map<?, ?> m, String key, String at) {
            Object v = m.get(key);
            if (v == null) {
                return false;
            }
            if (!(v instanceof Boolean b)) {
                problems.add(new DomainProblem(at + "." + key, "must be true or false: " + show(v)));
                return false;
            }
            return b;
        }

        AttributeSpec attribute(Object node, String at) {
            if (!(node instanceof Map<?, ?> m)) {
                problems.add(new DomainProblem(at, "must be an object"));
                return null;
            }
            int before = problems.size();
            String name = string(m, "name", at);
            if (name != null && !NAME.matcher(name).matches()) {
                problems.add(new DomainProblem(at + ".name", "must match [a-z0-9][a-z0-9_-]*: '" + name + "'"));
            }
            String question = string(m, "question", at);
            int generality = 1;
            Object g = m.get("generality");
            if (!(g instanceof Double d) || d != Math.rint(d) || d < 1) {
                problems.add(new DomainProblem(at + ".generality", "must be an integer >= 1 (1 = most general): "
                    + show(g)));
            } else {
                generality = d.intValue();
            }
            boolean neverAsk = flag(m, "neverAsk", at);
            boolean neverInfer = flag(m, "neverInfer", at);
            List<Value> values = new ArrayList<>();
            List<?> vs = list(m, "values", at);
            Map<String, String> synonymOwner = new HashMap<>();
            if (vs != null) {
                if (vs.size() < 2) {
                    problems.add(new DomainProblem(at + ".values", "must list at least 2 values: " + vs.size()));
                }
                Set<String> seen = new HashSet<>();
                for (int j = 0; j < vs.size(); j++) {
                    String vat = at + ".values[" + j + "]";
                    if (!(vs.get(j) instanceof Map<?, ?> vm)) {
                        problems.add(new DomainProblem(vat, "must be an object"));
                        continue;
                    }
                    String vname = string(vm, "name", vat);
                    String vdesc = string(vm, "description", vat);
                    if (vname != null && !seen.add(vname)) {
                        problems.add(new DomainProblem(vat + ".name", "duplicate value '" + vname + "'"));
                    }
                    List<String> syns = new ArrayList<>();
                    Object sv = vm.get("synonyms");
                    if (sv != null && !(sv instanceof List<?>)) {
                        problems.add(new DomainProblem(vat + ".synonyms", "must be a list of strings: " + show(sv)));
                    } else if (sv != null) {
                        List<?> sl = (List<?>) sv;
                        for (int k = 0; k < sl.size(); k++) {
                            if (!(sl.get(k) instanceof String s) || s.isBlank()) {
                                problems.add(new DomainProblem(vat + ".synonyms[" + k + "]", "must be a non-blank "
                                    + "string: " + show(sl.get(k))));
                                continue;
                            }
                            String key = s.toLowerCase(Locale.ROOT).trim();
                            String owner = synonymOwner.putIfAbsent(key, vname);
                            if (owner != null && !owner.equals(vname)) {
                                problems.add(new DomainProblem(vat + ".synonyms[" + k + "]", "'" + s + "' is also a "
                                    + "synonym of '" + owner + "': answers would be ambiguous"));
                            }
                            syns.add(s);
                        }
                    }
                    List<String> examples = strings(vm, "examples", vat);
                    if (vname != null && vdesc != null) {
                        values.add(new Value(vname, vdesc, syns, examples));
                    }
                }
            }
            YesNo yesNo = null;
            Object yn = m.get("yesNo");
            if (yn != null) {
                if (!(yn instanceof Map<?, ?> ym)) {
                    problems.add(new DomainProblem(at + ".yesNo", "must be an object {value, question}"));
                } else {
                    String yv = string(ym, "value", at + ".yesNo");
                    String yq = string(ym, "question", at + ".yesNo");
                    if (yv != null && values.stream().noneMatch(v -> v.name().equals(yv))) {
                        problems.add(new DomainProblem(at + ".yesNo.value", "'" + yv + "' is not a value of this "
                            + "attribute"));
                    }
                    yesNo = new YesNo(yv, yq);
                }
            }
            List<String> topics = strings(m, "topics", at);
            Amounts amounts = amounts(m.get("amounts"), at + ".amounts", values);
            if (problems.size() > before) {
                return name == null ? null : new AttributeSpec(name, question, yesNo, generality, neverAsk, neverInfer,
                    values, topics, amounts);
            }
            return new AttributeSpec(name, question, yesNo, generality, neverAsk, neverInfer, values, topics, amounts);
        }

        /** {@code "amounts": {"units": [...], "values": {"low": [null, 100], ...}}}, or null when absent. */
        Amounts amounts(Object node, String at, List<Value> values) {
            if (node == null) {
                return null;
            }
            if (!(node instanceof Map<?, ?> m)) {
                problems.add(new DomainProblem(at, "must be an object {units, values}"));
                return null;
            }
            for (Object k : m.keySet()) {
                if (!"units".equals(k) && !"values".equals(k)) {
                    problems.add(new DomainProblem(at + "." + k, "unknown field; allowed: units, values"));
                }
            }
            List<String> units = strings(m, "units", at);
            Map<String, Range> ranges = new java.util.LinkedHashMap<>();
            if (!(m.get("values") instanceof Map<?, ?> vm) || vm.isEmpty()) {
                problems.add(new DomainProblem(at + ".values", "must map at least one value to [from, to]: "
                    + show(m.get("values"))));
                return null;
            }
            for (Map.Entry<?, ?> e : vm.entrySet()) {
                String v = String.valueOf(e.getKey());
                String vat = at + ".values." + v;
                if (values.stream().noneMatch(x -> x.name().equals(v))) {
                    problems.add(new DomainProblem(vat, "unknown value; allowed: " + values.stream().map(Value::name)
                        .collect(java.util.stream.Collectors.joining(", "))));
                    continue;
                }
                if (!(e.getValue() instanceof List<?> pair) || pair.size() != 2
                    || !(pair.get(0) == null || pair.get(0) instanceof Double)
                    || !(pair.get(1) == null || pair.get(1) instanceof Double)) {
                    problems.add(new DomainProblem(vat, "must be [from, to], numbers or null for an open end: "
                        + show(e.getValue())));
                    continue;
                }
                double from = pair.get(0) == null ? Double.NEGATIVE_INFINITY : (Double) pair.get(0);
                double to = pair.get(1) == null ? Double.POSITIVE_INFINITY : (Double) pair.get(1);
                if (!(from < to)) {
                    problems.add(new DomainProblem(vat, "from must be below to: " + show(e.getValue())));
                    continue;
                }
                for (Map.Entry<String, Range> o : ranges.entrySet()) {
                    if (from < o.getValue().to() && o.getValue().from() < to) {
                        problems.add(new DomainProblem(vat, "overlaps the range of '" + o.getKey() + "'"));
                    }
                }
                ranges.put(v, new Range(from, to));
            }
            return ranges.isEmpty() ? null : new Amounts(units, ranges);
        }

        /** An optional list of non-blank strings (empty when absent). */
        List<String> strings(Map<?, ?> m, String key, String at) {
            Object v = m.get(key);
            List<String> out = new ArrayList<>();
            if (v == null) {
                return out;
            }
            if (!(v instanceof List<?> l)) {
                problems.add(new DomainProblem(at + "." + key, "must be a list of strings: " + show(v)));
                return out;
            }
            for (int k = 0; k < l.size(); k++) {
                if (!(l.get(k) instanceof String s) || s.isBlank()) {
                    problems.add(new DomainProblem(at + "." + key + "[" + k + "]", "must be a non-blank string: "
                        + show(l.get(k))));
                } else {
                    out.add(s);
                }
            }
            return out;
        }

        LatentClassModel model(Map<?, ?> m, List<AttributeSpec> attrs) {
            List<?> clusters = list(m, "clusters", "$.model");
            if (clusters == null) {
                return null;
            }
            if (clusters.isEmpty()) {
                problems.add(new DomainProblem("$.model.clusters", "must list at least one cluster"));
                return null;
            }
            int k = clusters.size();
            double[] weights = new double[k];
            double[][][] theta = new double[k][attrs.size()][];
            double[][] missing = new double[k][attrs.size()];
            boolean anyMissing = false;
            double wsum = 0;
            boolean weightsRead = true; // the sum is only worth reporting when every weight could be read
            for (int z = 0; z < k; z++) {
                String at = "$.model.clusters[" + z + "]";
                if (!(clusters.get(z) instanceof Map<?, ?> cm)) {
                    problems.add(new DomainProblem(at, "must be an object"));
                    continue;
                }
                Object w = cm.get("weight");
                if (!(w instanceof Double d) || !(d > 0 && d <= 1)) {
                    problems.add(new DomainProblem(at + ".weight", "must be in (0, 1]: " + show(w)));
                    weightsRead = false;
                } else {
                    weights[z] = d;
                    wsum += d;
                }
                Object vals = cm.get("values");
                if (!(vals instanceof Map<?, ?> vm)) {
                    problems.add(new DomainProblem(at + ".values", "must map every attribute to its value "
                        + "probabilities"));
                    continue;
                }
                for (Object key : vm.keySet()) {
                    if (attrs.stream().noneMatch(a -> a.name().equals(key))) {
                        problems.add(new DomainProblem(at + ".values." + key, "unknown attribute"));
                    }
                }
                for (int a = 0; a < attrs.size(); a++) {
                    AttributeSpec spec = attrs.get(a);
                    String aat = at + ".values." + spec.name();
                    Object dist = vm.get(spec.name());
                    theta[z][a] = new double[spec.values().size()];
                    if (!(dist instanceof Map<?, ?> dm)) {
                        problems.add(new DomainProblem(aat, "missing: probabilities of " + names(spec)));
                        continue;
                    }
                    double sum = 0;
                    for (Object vk : dm.keySet()) {
                        if (spec.indexOf(String.valueOf(vk)) < 0) {
                            problems.add(new DomainProblem(aat + "." + vk, "unknown value; allowed: " + names(spec)));
                        }
                    }
                    for (int v = 0; v < spec.values().size(); v++) {
                        Object p = dm.get(spec.values().get(v).name());
                        if (!(p instanceof Double pd) || !(pd >= 0 && pd <= 1)) {
                            problems.add(new DomainProblem(aat + "." + spec.values().get(v).name(), "must be a "
                                + "probability in [0, 1]: " + show(p)));
                            continue;
                        }
                        theta[z][a][v] = pd;
                        sum += pd;
                    }
                    if (Math.abs(sum - 1) > 1e-6) {
                        problems.add(new DomainProblem(aat, String.format(Locale.ROOT, "probabilities must sum to 1: "
                            + "%.6f", sum)));
                    }
                }
                Object np = cm.get("noPreference");
                if (np != null) {
                    if (!(np instanceof Map<?, ?> nm)) {
                        problems.add(new DomainProblem(at + ".noPreference", "must map attributes to probabilities"));
                    } else {
                        for (Object key : nm.keySet()) {
                            int a = -1;
                            for (int i = 0; i < attrs.size(); i++) {
                                if (attrs.get(i).name().equals(key)) {
                                    a = i;
                                }
                            }
                            Object p = nm.get(key);
                            if (a < 0) {
                                problems.add(new DomainProblem(at + ".noPreference." + key, "unknown attribute"));
                            } else if (!(p instanceof Double pd) || !(pd >= 0 && pd < 1)) {
                                problems.add(new DomainProblem(at + ".noPreference." + key, "must be in [0, 1): "
                                    + show(p)));
                            } else {
                                missing[z][a] = pd;
                                anyMissing = true;
                            }
                        }
                    }
                }
            }
            if (weightsRead && Math.abs(wsum - 1) > 1e-6) {
                problems.add(new DomainProblem("$.model.clusters", String.format(Locale.ROOT, "weights must sum to 1: "
                    + "%.6f", wsum)));
            }
            if (!problems.isEmpty()) {
                return null;
            }
            List<Attribute> schemaAttrs = new ArrayList<>();
            for (AttributeSpec spec : attrs) {
                schemaAttrs.add(new Attribute(spec.name(), spec.values().stream().map(Value::name).toList()));
            }
            return LatentClassModel.of(Schema.of(schemaAttrs), weights, theta, anyMissing ? missing : null);
        }

        private static String names(AttributeSpec spec) {
            return spec.values().stream().map(Value::name).toList().toString();
        }

        private static String show(Object v) {
            if (v == null) {
                return "missing";
            }
            if (v instanceof String s) {
                return "'" + s + "'";
            }
            return String.valueOf(v);
        }
    }
}
