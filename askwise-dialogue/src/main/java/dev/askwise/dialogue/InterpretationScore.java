package dev.askwise.dialogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Scores interpretations against labels (the evaluation set's format, and {@code askwise interpret --input}): a
 * mutable accumulator with an immutable {@link Snapshot}. Not thread-safe.
 *
 * <p>An <b>answer</b> (a line with a pending attribute) is right when what is understood for the pending attribute
 * equals {@code expected}: a value name, {@code "indifferent"} (understood as no preference) or {@code "none"}
 * (nothing understood for it). It is <b>confident wrong</b> when it is not right and the pending attribute was
 * understood with a confidence of at least {@link Understanding#CONFIDENT}. It is <b>fully right</b> when, in
 * addition, the other attributes understood are exactly its {@code also} (empty when absent). A <b>request</b> (no
 * pending attribute; {@code expected} an object) is right when the understood attributes and values are exactly the
 * expected ones, and confident wrong when a confident reading is not among them.
 */
public final class InterpretationScore {

    /** Right and total counts of one group. */
    public record Count(int right, int total) {
        /** right / total, or NaN for an empty group. */
        public double share() {
            return total == 0 ? Double.NaN : (double) right / total;
        }

        Count plus(boolean ok) {
            return new Count(right + (ok ? 1 : 0), total + 1);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100 * share(), right, total);
        }
    }

    /**
     * What has been scored.
     *
     * @param answers         answers right for the pending attribute
     * @param answersFully    answers right for every attribute (pending and {@code also})
     * @param confidentWrong  answers confidently wrong for the pending attribute (right = count of them)
     * @param requests        first requests exactly right
     * @param requestsConfidentWrong requests with a confident wrong reading
     * @param byDomain        answers by domain
     * @param byAttribute     answers by "domain.attribute"
     * @param byCategory      answers by category (lines without one under "-")
     */
    public record Snapshot(Count answers, Count answersFully, Count confidentWrong, Count requests,
                           Count requestsConfidentWrong, Map<String, Count> byDomain, Map<String, Count> byAttribute,
                           Map<String, Count> byCategory) {
        /** Copies the maps. */
        public Snapshot {
            byDomain = Map.copyOf(byDomain);
            byAttribute = Map.copyOf(byAttribute);
            byCategory = Map.copyOf(byCategory);
        }

        /** A plain-text report, groups sorted by name. */
        public String render() {
            StringBuilder sb = new StringBuilder();
            if (answers.total() > 0) {
                sb.append("answers right: ").append(answers).append('\n');
                sb.append("answers right for every attribute (with volunteered ones): ").append(answersFully)
                    .append('\n');
                sb.append("confident wrong: ").append(confidentWrong).append('\n');
                section(sb, "by category", byCategory);
                section(sb, "by domain", byDomain);
                section(sb, "by attribute", byAttribute);
            }
            if (requests.total() > 0) {
                sb.append("first requests exactly right: ").append(requests).append('\n');
                sb.append("first requests with a confident wrong reading: ").append(requestsConfidentWrong)
                    .append('\n');
            }
            return sb.toString();
        }

        private static void section(StringBuilder sb, String title, Map<String, Count> m) {
            sb.append(title).append(":\n");
            new TreeMap<>(m).forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        }
    }

    private Count answers = new Count(0, 0);
    private Count fully = new Count(0, 0);
    private Count confidentWrong = new Count(0, 0);
    private Count requests = new Count(0, 0);
    private Count requestsWrong = new Count(0, 0);
    private final Map<String, Count> byDomain = new LinkedHashMap<>();
    private final Map<String, Count> byAttribute = new LinkedHashMap<>();
    private final Map<String, Count> byCategory = new LinkedHashMap<>();

    /**
     * Scores one answer to a pending question.
     *
     * @param expected a value name, "indifferent" or "none"
     * @param also     what the answer settles for other attributes (value or "no-preference"); empty when nothing
     * @return whether it is right for the pending attribute
     */
    public boolean answer(String domain, String attribute, String category, String expected, Map<String, String> also,
                          Understanding u) {
        Objects.requireNonNull(expected, "expected");
        String got = u.understood().get(attribute);
        String want = switch (expected) {
            case "indifferent" -> Understanding.NO_PREFERENCE;
            case "none" -> null;
            default -> expected;
        };
        boolean ok = Objects.equals(got, want);
        Map<String, String> others = new LinkedHashMap<>(u.understood());
        others.remove(attribute);
        boolean all = ok && others.equals(also == null ? Map.of() : also);
        boolean confident = !ok && u.reading(attribute).map(Understanding.Reading::confident).orElse(false);
        answers = answers.plus(ok);
        fully = fully.plus(all);
        confidentWrong = new Count(confidentWrong.right() + (confident ? 1 : 0), confidentWrong.total() + 1);
        byDomain.merge(domain, new Count(ok ? 1 : 0, 1), InterpretationScore::add);
        byAttribute.merge(domain + "." + attribute, new Count(ok ? 1 : 0, 1), InterpretationScore::add);
        byCategory.merge(category == null ? "-" : category, new Count(ok ? 1 : 0, 1), InterpretationScore::add);
        return ok;
    }

    /** Scores one first request against the exact attributes it settles; returns whether it is exactly right. */
    public boolean request(Map<String, String> expected, Understanding u) {
        boolean ok = u.understood().equals(expected);
        boolean confidentWrong = false;
        for (Understanding.Reading r : u.readings()) {
            confidentWrong |= r.confident() && !r.valueOrNoPreference().equals(expected.get(r.attribute()));
        }
        requests = requests.plus(ok);
        requestsWrong = new Count(requestsWrong.right() + (confidentWrong ? 1 : 0), requestsWrong.total() + 1);
        return ok;
    }

    private static Count add(Count a, Count b) {
        return new Count(a.right() + b.right(), a.total() + b.total());
    }

    /** An immutable copy of the counts so far. */
    public Snapshot snapshot() {
        return new Snapshot(answers, fully, confidentWrong, requests, requestsWrong, byDomain, byAttribute,
            byCategory);
    }

    /** The categories seen, in first-seen order. */
    public List<String> categories() {
        return List.copyOf(byCategory.keySet());
    }
}
