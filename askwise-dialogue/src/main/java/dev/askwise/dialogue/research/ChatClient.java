package dev.askwise.dialogue.research;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;

/**
 * A client of any OpenAI-compatible chat-completions endpoint ({@code POST {base}/chat/completions}) through
 * LangChain4j's {@link OpenAiChatModel}, for the optional LLM questioner and simulator. Temperature 0, no retries (a
 * failed call fails the evaluation with the endpoint's status). No model weights are needed here: tests run it
 * against a local stand-in server that speaks the protocol.
 */
public final class ChatClient {

    private final String baseUrl;
    private final ChatModel chat;

    /**
     * @param baseUrl for example {@code http://127.0.0.1:8000/v1}
     * @param apiKey  bearer token, or null (local servers often need none)
     * @param model   model name sent in each request
     * @throws IllegalArgumentException if the URL is not http(s)
     */
    public ChatClient(String baseUrl, String apiKey, String model) {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("LLM base URL must start with http:// or https://: " + baseUrl);
        }
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.chat = OpenAiChatModel.builder().baseUrl(this.baseUrl)
            .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey).modelName(model).temperature(0.0)
            .timeout(Duration.ofSeconds(60)).maxRetries(0).build();
    }

    /**
     * The client, checked for the named back end that needs one.
     *
     * @throws IllegalArgumentException "the llm WHO needs an endpoint (--llm-url)" when client is null
     */
    public static ChatClient require(ChatClient client, String who) {
        if (client == null) {
            throw new IllegalArgumentException("the llm " + who + " needs an endpoint (--llm-url)");
        }
        return client;
    }

    /**
     * Sends a system and a user message; returns the assistant's reply, trimmed.
     *
     * @throws IllegalStateException naming the endpoint's status, or that it is unreachable
     */
    public String complete(String system, String user) {
        try {
            String text = chat.chat(SystemMessage.from(system), UserMessage.from(user)).aiMessage().text();
            return text == null ? "" : text.trim();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HttpException h) {
                    String body = String.valueOf(h.getMessage());
                    throw new IllegalStateException("LLM endpoint answered " + h.statusCode() + ": "
                        + (body.length() > 200 ? body.substring(0, 200) : body), e);
                }
                if (t instanceof java.io.IOException) {
                    throw new IllegalStateException("LLM endpoint " + baseUrl + " unreachable: " + t, e);
                }
            }
            throw new IllegalStateException("LLM endpoint " + baseUrl + " failed: " + e.getMessage(), e);
        }
    }
}
