package dev.askwise.dialogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a text settles: one {@link Reading} per attribute it settles (a value or no preference), in the order the
 * attributes were settled. Empty when the text settles nothing (off-topic, gibberish, a question back). Immutable.
 *
 * @param text     the text interpreted
 * @param readings at most one reading per attribute
 */
public record Understanding(String text, List<Understanding.Reading> readings) {

    /** Readings at or above this confidence are committed; below it a caller should confirm ("Just to check: ..."). */
    public static final double CONFIDENT = 0.6;

    /** The value written for "no preference" in {@link #understood()}. */
    public static final String NO_PREFERENCE = "no-preference";

    /**
     * One attribute settled by the text.
     *
     * @param attribute  the attribute
     * @param value      the value name, or null for no preference
     * @param confidence in (0, 1]; {@link #CONFIDENT} and above is committed
     * @param start      start (inclusive) of the span of the text the reading came from, in chars of the text
     * @param end        end (exclusive) of that span; the whole text for a bare answer or an embedding match
     * @param source     how it was found: {@code phrase}, {@code fuzzy}, {@code exclusion}, {@code bare},
     *                   {@code ordinal}, {@code indifference}, {@code embedding} (with a {@code hedged} suffix when
     *                   the text hedged) or {@code llm}
     */
    public record Reading(String attribute, String value, double confidence, int start, int end, String source) {
        /** Checks the ranges. */
        public Reading {
            if (attribute == null || attribute.isBlank()) {
                throw new IllegalArgumentException("attribute must be non-blank: " + attribute);
            }
            if (!(confidence > 0 && confidence <= 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1]: " + confidence);
            }
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("span must satisfy 0 <= start <= end: " + start + ".." + end);
            }
        }

        /** Whether this is "no preference" rather than a value. */
        public boolean noPreference() {
            return value == null;
        }

        /** Whether the confidence reaches {@link #CONFIDENT}. */
        public boolean confident() {
            return confidence >= CONFIDENT;
        }

        /** The value, or {@link #NO_PREFERENCE}. */
        public String valueOrNoPreference() {
            return value == null ? NO_PREFERENCE : value;
        }
    }

    /** Copies the readings. */
    public Understanding {
        readings = List.copyOf(readings);
    }

    /** The reading of one attribute, if the text settles it. */
    public Optional<Reading> reading(String attribute) {
        return readings.stream().filter(r -> r.attribute().equals(attribute)).findFirst();
    }

    /** Attribute → value or {@code "no-preference"}, in reading order; empty when nothing is settled. */
    public Map<String, String> understood() {
        Map<String, String> out = new LinkedHashMap<>();
        readings.forEach(r -> out.put(r.attribute(), r.valueOrNoPreference()));
        return out;
    }

    /** Attribute → confidence, in reading order. */
    public Map<String, Double> confidence() {
        Map<String, Double> out = new LinkedHashMap<>();
        readings.forEach(r -> out.put(r.attribute(), r.confidence()));
        return out;
    }

    /** One line for people: {@code price=mid (0.95), area=no-preference (0.90)} or {@code nothing understood}. */
    public String describe() {
        if (readings.isEmpty()) {
            return "nothing understood";
        }
        StringBuilder sb = new StringBuilder();
        for (Reading r : readings) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(r.attribute()).append('=').append(r.valueOrNoPreference())
                .append(String.format(Locale.ROOT, " (%.2f)", r.confidence()));
        }
        return sb.toString();
    }
}
