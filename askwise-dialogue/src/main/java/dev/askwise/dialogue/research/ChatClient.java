package dev.askwise.dialogue.research;

import dev.askwise.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of any OpenAI-compatible chat-completions endpoint ({@code POST {base}/chat/completions}), for the optional
 * LLM questioner and simulator. Temperature 0; the answer is {@code choices[0].message.content}. No model weights are
 * needed here: tests run it against a local stand-in server that speaks the protocol.
 */
public final class ChatClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String apiKey;
    private final String model;

    /**
     * @param baseUrl for example {@code http://127.0.0.1:8000/v1}
     * @param apiKey  bearer token, or null
     * @param model   model name sent in each request
     */
    public ChatClient(String baseUrl, String apiKey, String model) {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("LLM base URL must start with http:// or https://: " + baseUrl);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.model = model;
    }

    /** Sends a system and a user message; returns the assistant's reply. */
    public String complete(String system, String user) {
        Map<String, Object> sys = new LinkedHashMap<>();
        sys.put("role", "system");
        sys.put("content", system);
        Map<String, Object> usr = new LinkedHashMap<>();
        usr.put("role", "user");
        usr.put("content", user);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("temperature", 0);
        body.put("messages", List.of(sys, usr));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (apiKey != null && !apiKey.isBlank()) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("LLM endpoint " + baseUrl + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + baseUrl, e);
        }
        if (r.statusCode() / 100 != 2) {
            String excerpt = r.body().length() > 200 ? r.body().substring(0, 200) : r.body();
            throw new IllegalStateException("LLM endpoint answered " + r.statusCode() + ": " + excerpt);
        }
        try {
            Map<?, ?> root = (Map<?, ?>) Json.parse(r.body());
            Map<?, ?> choice = (Map<?, ?>) ((List<?>) root.get("choices")).get(0);
            return String.valueOf(((Map<?, ?>) choice.get("message")).get("content")).trim();
        } catch (RuntimeException e) {
            throw new IllegalStateException("LLM endpoint returned no choices[0].message.content: " + r.body(), e);
        }
    }
}
