package dev.askwise.dialogue.research;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A structured user profile as in seed 001: tags mapped to textual content ("favourite genres" → "comedy, drama").
 * Immutable; {@link #serialise(java.util.List)} is the text that BLEU and ROUGE compare.
 */
public record TextProfile(String userId, Map<String, String> tags) {

    /** Copies the tags, keeping their order. */
    public TextProfile {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** {@code tag: content; tag: content} in a fixed tag order (the order given), for text metrics. */
    public String serialise(java.util.List<String> order) {
        StringJoiner j = new StringJoiner("; ");
        for (String tag : order) {
            String content = tags.get(tag);
            if (content != null) {
                j.add(tag + ": " + content);
            }
        }
        return j.toString();
    }

    /** The profile with one more tag. */
    public TextProfile with(String tag, String content) {
        Map<String, String> t = new LinkedHashMap<>(tags);
        t.put(tag, content);
        return new TextProfile(userId, t);
    }

    /** The profile as JSON text (tags → content), for prompts and exports. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>(tags);
        return dev.askwise.io.Json.write(m);
    }
}
