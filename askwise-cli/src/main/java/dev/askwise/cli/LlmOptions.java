package dev.askwise.cli;

import dev.askwise.dialogue.research.ChatClient;
import picocli.CommandLine.Option;

/** The optional OpenAI-compatible endpoint of the llm back ends; shared by eval-questioner and clarify-eval. */
final class LlmOptions {

    @Option(names = "--llm-url", paramLabel = "URL",
        description = "OpenAI-compatible base URL for the llm back ends, e.g. http://127.0.0.1:8000/v1 (key from "
            + "ASKWISE_LLM_KEY)")
    String llmUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", defaultValue = "default", description = "model name")
    String llmModel;

    /**
     * The client, or null when no endpoint is given and none is needed.
     *
     * @param needed what needs it (for the message), or null when nothing does
     * @throws IllegalArgumentException when something needs it and --llm-url is missing
     */
    ChatClient client(String needed) {
        if (llmUrl == null) {
            if (needed != null) {
                throw new IllegalArgumentException(needed + " needs --llm-url");
            }
            return null;
        }
        return new ChatClient(llmUrl, System.getenv("ASKWISE_LLM_KEY"), llmModel);
    }
}
