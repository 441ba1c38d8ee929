package dev.askwise.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the engine says next: ask a question, or proceed with a complete preference specification. */
public sealed interface Step permits Step.Ask, Step.Proceed {

    /**
     * Ask about an attribute.
     *
     * @param attribute attribute name
     * @param values    the allowed answers
     * @param gain      expected gain of asking net of its cost, in utility units (NaN when the policy has none)
     */
    record Ask(String attribute, List<String> values, double gain) implements Step {
        /** Copies the values. */
        public Ask {
            values = List.copyOf(values);
        }
    }

    /**
     * Stop asking: every attribute's value and where it came from.
     *
     * @param assignments one per attribute, in schema order
     * @param reason      why the engine stopped
     */
    record Proceed(List<Assignment> assignments, String reason) implements Step {
        /** Copies the list. */
        public Proceed {
            assignments = List.copyOf(assignments);
        }

        /** The assignment of the named attribute. */
        public Assignment get(String attribute) {
            return assignments.stream().filter(a -> a.attribute().equals(attribute)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown attribute '" + attribute + "'"));
        }
    }

    /** Where a value came from. */
    enum Source { STATED, REMEMBERED, ANSWERED, INFERRED, WITHHELD, DECLINED }

    /**
     * One attribute's outcome.
     *
     * @param value       the value label; null when withheld or declined
     * @param probability the posterior probability that the value is right (1 for stated and answered)
     */
    record Assignment(String attribute, @Nullable String value, Source source, double probability) {
    }
}
