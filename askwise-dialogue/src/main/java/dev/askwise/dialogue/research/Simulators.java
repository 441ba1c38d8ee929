package dev.askwise.dialogue.research;

import java.util.List;

/** User simulators: answer a question from the target profile, or say "No Preference". */
public final class Simulators {

    /** Answers one question. */
    public interface Simulator {
        String name();

        String answer(Funnel.Question question, TextProfile target);
    }

    /** Registered names ({@code llm} needs an endpoint). */
    public static final List<String> NAMES = List.of("profile-lookup", "llm");

    private Simulators() {
    }

    /**
     * The named simulator; {@code llm} needs a client.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or llm without a client
     */
    public static Simulator create(String name, ChatClient client) {
        return switch (name) {
            case "profile-lookup" -> profileLookup();
            case "llm" -> llm(ChatClient.require(client, "simulator"));
            default -> throw new IllegalArgumentException("unknown simulator '" + name + "'; known: "
                + String.join(", ", NAMES));
        };
    }

    /** The content of the question's tag in the target profile, else "No Preference". */
    public static Simulator profileLookup() {
        return new Simulator() {
            @Override
            public String name() {
                return "profile-lookup";
            }

            @Override
            public String answer(Funnel.Question q, TextProfile target) {
                return q.tag() == null ? Reconstruction.NO_PREFERENCE
                    : target.tags().getOrDefault(q.tag(), Reconstruction.NO_PREFERENCE);
            }
        };
    }

    /** An LLM answering as the user from the profile (seed 001's simulator); "No Preference" when it has no answer. */
    public static Simulator llm(ChatClient client) {
        return new Simulator() {
            @Override
            public String name() {
                return "llm";
            }

            @Override
            public String answer(Funnel.Question q, TextProfile target) {
                String reply = client.complete("You are a user answering a question about your film preferences. "
                    + "Answer only from your profile, in its words. If the profile does not answer the question, "
                    + "reply exactly: No Preference", "Profile: " + target.toJson() + "\nQuestion: " + q.text());
                return reply.isBlank() || reply.toLowerCase(java.util.Locale.ROOT).startsWith("no preference")
                    ? Reconstruction.NO_PREFERENCE : reply;
            }
        };
    }
}
