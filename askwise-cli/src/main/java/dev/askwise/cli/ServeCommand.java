package dev.askwise.cli;

import dev.askwise.server.http.ApiKeys;
import dev.askwise.server.AskwiseServer;
import dev.askwise.server.LlmSettings;
import dev.askwise.server.ServerOptions;
import dev.askwise.server.store.Store;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code askwise serve}: the HTTP API on the embedded SQLite database (or PostgreSQL). Every option can also come from
 * an environment variable {@code ASKWISE_<OPTION>} (upper case, dashes as underscores, e.g. {@code ASKWISE_PORT}) or a
 * properties file ({@code --config FILE}, or {@code ASKWISE_CONFIG}, or {@code ./askwise.properties} when present;
 * keys are the option names without dashes' prefix, e.g. {@code port=9090}); the command line wins over the
 * environment, which wins over the file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Starts the Askwise HTTP API (docs/http.md, OpenAPI at /openapi.json) on the embedded SQLite",
        "database kept in --data-dir, or on PostgreSQL with --postgres-url. Prints the URL and a new API key for",
        "tenant 'local'.",
        "Stop with Ctrl-C; sessions and profiles survive restarts and crashes.",
        "Each option may also be set as ASKWISE_<OPTION> (e.g. ASKWISE_RATE_LIMIT=100) or in a properties file",
        "(--config, ASKWISE_CONFIG or ./askwise.properties; e.g. rate-limit=100); command line > environment > file."},
    footer = {"", "Examples:", "  askwise serve", "  askwise serve --port 9090 --data-dir /var/lib/askwise",
        "  ASKWISE_PORT=9090 askwise serve --config /etc/askwise.properties",
        "  askwise serve --postgres-url jdbc:postgresql://127.0.0.1:5432/askwise --postgres-user askwise",
        "  askwise serve --llm-url http://127.0.0.1:8000/v1 --llm-model qwen2.5-7b-instruct"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "properties file with any of these options (default: ASKWISE_CONFIG, else ./askwise.properties)")
    Path config;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "port, 0..65535 (default 8080)")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
        description = "interface to listen on (default 127.0.0.1)")
    String host;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--domains-dir", paramLabel = "DIR",
        description = "also serve the domain files (*.json) in DIR, e.g. from domain build-sushi or refit")
    Path domainsDir;

    @Option(names = "--rate-limit", paramLabel = "N", defaultValue = "200",
        description = "requests per second per API key on average; 0 disables (default 200)")
    double rateLimit;

    @Option(names = "--burst", paramLabel = "N", defaultValue = "400",
        description = "requests an API key may make at once (token bucket size, default 400)")
    int burst;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
        description = "close connections idle this long (default 30)")
    long idleTimeout;

    @Option(names = "--body-timeout", paramLabel = "SECONDS", defaultValue = "10",
        description = "a request body must arrive within this time, else 408 (default 10)")
    long bodyTimeout;

    @Option(names = "--max-threads", paramLabel = "N", defaultValue = "200",
        description = "request threads (default 200)")
    int maxThreads;

    @Option(names = "--llm-url", paramLabel = "URL",
        description = "interpret requests and answers with an OpenAI-compatible LLM at URL, e.g. "
            + "http://127.0.0.1:8000/v1 (key from ASKWISE_LLM_KEY), falling back to the in-process pipeline on an "
            + "error, a timeout or an invalid reply (default: in process)")
    String llmUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", defaultValue = "default",
        description = "LLM model name (default ${DEFAULT-VALUE})")
    String llmModel;

    @Option(names = "--llm-timeout", paramLabel = "SECONDS", defaultValue = "10",
        description = "LLM request timeout in seconds, 1..300 (default 10)")
    int llmTimeout;

    @Override
    public Integer call() throws InterruptedException {
        applyConfig(System.getenv());
        java.util.List<dev.askwise.dialogue.Domain> extra = new java.util.ArrayList<>();
        if (domainsDir != null) {
            try (var files = java.nio.file.Files.list(domainsDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    extra.add(dev.askwise.dialogue.Domain.load(f));
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read --domains-dir " + domainsDir + ": " + e.getMessage(),
                    e);
            }
        }
        if (idleTimeout < 1 || bodyTimeout < 1) {
            throw new IllegalArgumentException("--idle-timeout and --body-timeout must be at least 1 second");
        }
        ServerOptions options = new ServerOptions(host, port, rateLimit, burst, Duration.ofSeconds(idleTimeout),
            Duration.ofSeconds(bodyTimeout), maxThreads);
        LlmSettings llm = llm(System.getenv("ASKWISE_LLM_KEY"));
        Store store = storeOptions.open();
        AskwiseServer server;
        // a port in use is reported once, as the user's error below, not also as Javalin's own ERROR line
        System.setProperty("org.slf4j.simpleLogger.log.io.javalin.Javalin", "off");
        try {
            server = AskwiseServer.start(store, options, extra, llm);
        } catch (RuntimeException e) {
            store.close();
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof java.net.BindException || c.getClass().getSimpleName().equals("JavalinBindException")) {
                    throw new IllegalArgumentException("--port " + port + " on " + host + " is already in use (another "
                        + "server?): stop it or choose another port", e);
                }
            }
            throw e;
        }
        String key = ApiKeys.create(store, "local");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
            stopped.countDown();
        }, "askwise-serve-stop"));
        spec.commandLine().getOut().printf("Askwise is serving at http://%s:%d/ (OpenAPI: /openapi.json)%n", host,
            server.port());
        spec.commandLine().getOut().printf("API key for tenant 'local' (shown once): %s%n", key);
        spec.commandLine().getOut().printf("Database: %s%n", storeOptions.describe());
        spec.commandLine().getOut().printf("Interpretation: %s%n", llm == null ? "in process"
            : "LLM " + llm.model() + " at " + llm.url() + " (in process on error or timeout)");
        spec.commandLine().getOut().printf("Try: curl -s -H 'Authorization: Bearer %s' -d '{\"domain\":\"hotel\","
            + "\"request\":\"a cheap hotel downtown\"}' http://%s:%d/v1/sessions%n", key, host, server.port());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /**
     * The LLM settings of --llm-url, --llm-model and --llm-timeout, or null when no URL is given (in process).
     *
     * @param apiKey the key (ASKWISE_LLM_KEY), or null
     * @throws IllegalArgumentException for a URL that is not http(s) or a timeout outside [1, 300] seconds
     */
    LlmSettings llm(String apiKey) {
        if (llmTimeout < 1 || llmTimeout > 300) {
            throw new IllegalArgumentException("--llm-timeout must be in [1, 300] seconds: " + llmTimeout);
        }
        if (llmUrl == null) {
            return null;
        }
        if (!(llmUrl.startsWith("http://") || llmUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("--llm-url must start with http:// or https://: " + llmUrl);
        }
        if (llmModel == null || llmModel.isBlank()) {
            throw new IllegalArgumentException("--llm-model must be non-blank");
        }
        return new LlmSettings(llmUrl, llmModel, apiKey, Duration.ofSeconds(llmTimeout));
    }

    /**
     * Fills every option not given on the command line from the environment ({@code ASKWISE_<OPTION>}), else from the
     * properties file; unknown keys in the file are an error (a misspelt setting would otherwise be ignored).
     */
    void applyConfig(Map<String, String> env) {
        Properties file = new Properties();
        Path path = config != null ? config : env.get("ASKWISE_CONFIG") != null ? Path.of(env.get("ASKWISE_CONFIG"))
            : Files.exists(Path.of("askwise.properties")) ? Path.of("askwise.properties") : null;
        if (path != null) {
            try (Reader in = Files.newBufferedReader(path)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --config " + path + ": " + e.getMessage(), e);
            }
        }
        List<String> names = spec.options().stream().map(OptionSpec::longestName).filter(n -> n.startsWith("--"))
            .map(n -> n.substring(2)).toList();
        for (String k : file.stringPropertyNames()) {
            if (!names.contains(k) || k.equals("config") || k.equals("help") || k.equals("version")) {
                throw new IllegalArgumentException("unknown setting '" + k + "' in " + path + "; known: "
                    + String.join(", ", names.stream().filter(n -> !List.of("config", "help", "version").contains(n))
                    .toList()));
            }
        }
        for (OptionSpec o : spec.options()) {
            String name = o.longestName().substring(2);
            if (List.of("config", "help", "version").contains(name)
                || spec.commandLine().getParseResult().hasMatchedOption(o)) {
                continue;
            }
            String value = env.get("ASKWISE_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (value == null) {
                value = file.getProperty(name);
            }
            if (value != null) {
                try {
                    o.setValue(convert(o, value.strip()));
                } catch (Exception e) {
                    throw new IllegalArgumentException("invalid value for " + name + ": '" + value + "'", e);
                }
            }
        }
    }

    private static Object convert(OptionSpec o, String value) {
        Class<?> t = o.type();
        if (t == int.class || t == Integer.class) {
            return Integer.parseInt(value);
        }
        if (t == long.class || t == Long.class) {
            return Long.parseLong(value);
        }
        if (t == double.class || t == Double.class) {
            return Double.parseDouble(value);
        }
        if (t == Path.class) {
            return Path.of(value);
        }
        return value;
    }
}
