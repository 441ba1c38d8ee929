package dev.askwise.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askwise.dialogue.Domain;
import dev.askwise.dialogue.InterpretationPipeline;
import dev.askwise.dialogue.InterpretationScore;
import dev.askwise.dialogue.LlmInterpreter;
import dev.askwise.dialogue.Understanding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code askwise interpret}: what a text settles in a domain (issue 11, point 3), for developers testing their domain
 * files, as {@code rasa test nlu} does. One text, or a JSONL file of cases with optional labels, scored per domain,
 * attribute and category. In process unless {@code --llm-url} is given.
 */
@Command(name = "interpret", mixinStandardHelpOptions = true,
    description = "Prints what a text settles in a domain (every attribute, value or no preference, confidence), or "
        + "interprets a JSONL file of cases and scores them when they carry \"expected\".",
    footer = {"", "Examples:", "  askwise interpret --domain hotel --attribute price \"mid-range, downtown\"",
        "  askwise interpret --domain movies \"a scary film from the 80s, no romance\"",
        "  askwise interpret --input cases.jsonl --out results.jsonl --domains-dir my-domains/"})
final class InterpretCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "0..1", description = "the text (an answer, or a first request)")
    String text;

    @Option(names = "--domain", paramLabel = "NAME", description = "the domain of TEXT (built-in or in --domains-dir)")
    String domain;

    @Option(names = "--attribute", paramLabel = "NAME",
        description = "the pending question's attribute (omit for a first request)")
    String attribute;

    @Option(names = "--input", paramLabel = "FILE",
        description = "JSONL cases: {\"domain\", \"attribute\" (optional), \"text\", ...}; \"expected\" to score")
    Path input;

    @Option(names = "--out", paramLabel = "FILE",
        description = "with --input: JSONL results, each input line plus \"understood\" and \"confidence\"")
    Path out;

    @Option(names = "--domains-dir", paramLabel = "DIR",
        description = "also load the domain files (*.json) in DIR (a file named like a built-in one replaces it)")
    Path domainsDir;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
        description = "output of a single text: text (default) or json")
    String format;

    @Option(names = "--llm-url", paramLabel = "URL",
        description = "interpret with an OpenAI-compatible LLM at URL (key from ASKWISE_LLM_KEY), falling back to the "
            + "in-process pipeline on an error, a timeout or an invalid reply")
    String llmUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", defaultValue = "default", description = "LLM model name")
    String llmModel;

    @Option(names = "--llm-timeout", paramLabel = "SECONDS", defaultValue = "10",
        description = "LLM request timeout in seconds, 1..300 (default 10)")
    int llmTimeout;

    private final ObjectMapper json = new ObjectMapper()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // one object a line
    private final Map<String, Domain> domains = new HashMap<>();
    private final Map<String, BiFunction<String, String, Understanding>> interpreters = new HashMap<>();

    @Override
    public Integer call() throws IOException {
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("--format must be text or json: " + format);
        }
        if (llmTimeout < 1 || llmTimeout > 300) {
            throw new IllegalArgumentException("--llm-timeout must be in [1, 300] seconds: " + llmTimeout);
        }
        if (llmUrl != null && !(llmUrl.startsWith("http://") || llmUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("--llm-url must start with http:// or https://: " + llmUrl);
        }
        loadDomainsDir();
        PrintWriter o = spec.commandLine().getOut();
        if (input != null) {
            if (text != null || domain != null || attribute != null) {
                throw new IllegalArgumentException("--input reads the domain, attribute and text from each line: give "
                    + "no TEXT, --domain or --attribute with it");
            }
            if (out == null) {
                throw new IllegalArgumentException("--input needs --out FILE for the results");
            }
            batch(o);
            return 0;
        }
        if (out != null) {
            throw new IllegalArgumentException("--out needs --input FILE");
        }
        if (text == null) {
            throw new IllegalArgumentException("give a TEXT with --domain, or --input FILE --out FILE");
        }
        if (domain == null) {
            throw new IllegalArgumentException("--domain is required with a TEXT; known: " + known());
        }
        Understanding u = interpreter(domain, "--domain").apply(text, checkAttribute(domain, attribute, "--attribute"));
        if (format.equals("json")) {
            ObjectNode node = json.createObjectNode();
            node.put("domain", domain);
            if (attribute != null) {
                node.put("attribute", attribute);
            }
            node.put("text", text);
            addResults(node, u);
            o.println(json.writeValueAsString(node));
        } else if (u.readings().isEmpty()) {
            o.println("nothing understood");
        } else {
            for (Understanding.Reading r : u.readings()) {
                o.printf(Locale.ROOT, "%s = %s  (confidence %.2f%s, from \"%s\", %s)%n", r.attribute(),
                    r.valueOrNoPreference(), r.confidence(), r.confident() ? "" : ", confirm",
                    text.substring(r.start(), Math.min(r.end(), text.length())), r.source());
            }
        }
        o.flush();
        return 0;
    }

    private void batch(PrintWriter o) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(input, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --input " + input + ": " + e.getMessage(), e);
        }
        InterpretationScore score = new InterpretationScore();
        boolean labelled = false;
        int n = 0;
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String at = input + " line " + (i + 1) + ": ";
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(at + (e.getOriginalMessage().startsWith("Trailing token")
                    ? "more than one JSON value (one object per line)" : "not valid JSON: " + e.getOriginalMessage()));
            }
            if (!(node instanceof ObjectNode obj)) {
                throw new IllegalArgumentException(at + "must be a JSON object");
            }
            String d = requiredString(obj, "domain", at);
            String t = requiredString(obj, "text", at);
            JsonNode an = obj.get("attribute");
            if (an != null && !an.isNull() && !an.isTextual()) {
                throw new IllegalArgumentException(at + "\"attribute\" must be a string: " + an);
            }
            String a = an == null || an.isNull() ? null : an.asText();
            Understanding u;
            try {
                u = interpreter(d, at + "\"domain\"").apply(t, checkAttribute(d, a, at + "\"attribute\""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith(input.toString()) ? e.getMessage()
                    : at + e.getMessage(), e);
            }
            JsonNode expected = obj.get("expected");
            if (expected != null && !expected.isNull()) {
                labelled = true;
                String category = obj.hasNonNull("category") ? obj.get("category").asText() : null;
                if (expected.isTextual()) {
                    if (a == null) {
                        throw new IllegalArgumentException(at + "a string \"expected\" needs an \"attribute\" (the "
                            + "pending question); a first request expects an object");
                    }
                    score.answer(d, a, category, expected.asText(), stringMap(obj.get("also"), at + "\"also\""), u);
                } else if (expected.isObject()) {
                    score.request(stringMap(expected, at + "\"expected\""), u);
                } else {
                    throw new IllegalArgumentException(at + "\"expected\" must be a value, \"indifferent\", \"none\" "
                        + "or an object: " + expected);
                }
            }
            addResults(obj, u);
            results.append(json.writeValueAsString(obj)).append('\n');
            n++;
        }
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                w.write(results.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --out " + out + ": " + e.getMessage(), e);
        }
        o.printf(Locale.ROOT, "%d line%s interpreted -> %s%n", n, n == 1 ? "" : "s", out);
        if (labelled) {
            o.print(score.snapshot().render());
        }
        o.flush();
    }

    private void addResults(ObjectNode node, Understanding u) {
        ObjectNode understood = node.putObject("understood");
        u.understood().forEach(understood::put);
        ObjectNode confidence = node.putObject("confidence");
        u.confidence().forEach((k, v) -> confidence.put(k, Math.round(v * 1000) / 1000.0));
    }

    private static String requiredString(ObjectNode obj, String field, String at) {
        JsonNode v = obj.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(at + "\"" + field + "\" must be a string: " + (v == null ? "missing"
                : v.toString()));
        }
        return v.asText();
    }

    private static Map<String, String> stringMap(JsonNode node, String at) {
        Map<String, String> m = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return m;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + " must be an object of attribute -> value: " + node);
        }
        node.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(at + "." + e.getKey() + " must be a string: " + e.getValue());
            }
            m.put(e.getKey(), e.getValue().asText());
        });
        return m;
    }

    private String checkAttribute(String d, String a, String what) {
        if (a == null) {
            return null;
        }
        Domain dom = domain(d, what);
        if (dom.attributes().stream().noneMatch(s -> s.name().equals(a))) {
            throw new IllegalArgumentException(what + ": unknown attribute '" + a + "' in domain " + d + "; known: "
                + String.join(", ", dom.attributes().stream().map(Domain.AttributeSpec::name).toList()));
        }
        return a;
    }

    private BiFunction<String, String, Understanding> interpreter(String d, String what) {
        Domain dom = domain(d, what);
        return interpreters.computeIfAbsent(d, k -> {
            InterpretationPipeline pipeline = InterpretationPipeline.of(dom);
            if (llmUrl == null) {
                return pipeline::interpret;
            }
            LlmInterpreter llm = new LlmInterpreter(pipeline, llmUrl, System.getenv("ASKWISE_LLM_KEY"), llmModel,
                Duration.ofSeconds(llmTimeout));
            return llm::interpret;
        });
    }

    private Domain domain(String d, String what) {
        Domain dom = domains.get(d);
        if (dom == null) {
            if (!Domain.BUILT_IN.contains(d)) {
                throw new IllegalArgumentException(what + ": unknown domain '" + d + "'; known: " + known());
            }
            dom = Domain.builtIn(d);
            domains.put(d, dom);
        }
        return dom;
    }

    private String known() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(Domain.BUILT_IN);
        names.addAll(domains.keySet());
        return String.join(", ", names);
    }

    private void loadDomainsDir() {
        if (domainsDir == null) {
            return;
        }
        if (!Files.isDirectory(domainsDir)) {
            throw new IllegalArgumentException("--domains-dir must be a directory: " + domainsDir);
        }
        try (var files = Files.list(domainsDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                Domain dom = Domain.load(f);
                domains.put(dom.name(), dom);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --domains-dir " + domainsDir + ": " + e.getMessage(), e);
        }
    }
}
