package dev.askwise.dialogue.research;

import dev.askwise.io.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forward process of seed 001 (Algorithm 1, profile corruption) with template questions. Tags are ordered from
 * general to specific by how widely their values are shared across users ({@link #learn}); each tag present
 * in a user's profile gets a funnel question whose answer is its content. Starting from the complete profile, the
 * answers are removed from the most specific question back to the first, giving the partial profiles
 * {@code JP_0 ⊂ … ⊂ JP_n}; the reverse-process training pairs are {@code D_u = {(JP_t, history_t) → Q_t}} and the
 * simulator data {@code D̂_u = {(Q_t, profile) → (A_t, tag)}}.
 */
public final class Funnel {

    /** A funnel question about one tag. */
    public record Question(String tag, String text) {
    }

    /** One reverse-process training pair: the partial profile and the questions so far → the next question. */
    public record Pair(String userId, TextProfile partial, List<Question> history, Question next) {
        /** Copies the history. */
        public Pair {
            history = List.copyOf(history);
        }
    }

    /** One simulator example: a question and the profile → the answer and the tag it addresses. */
    public record SimulatorExample(String userId, Question question, TextProfile profile, String answer) {
    }

    private static final Map<String, String> TEMPLATES = Map.of(
        "rating habits", "When you rate films, are you a tough critic or easy to please?",
        "favourite genres", "Which kinds of films do you enjoy most?",
        "favourite decade", "Which era of films do you like best?",
        "disliked genres", "Which genres would you rather avoid?",
        "favourite films", "Which films have you loved recently?",
        "tags", "How would you describe the films you like, in a few words?");

    private final List<String> order;

    private Funnel(List<String> order) {
        this.order = List.copyOf(order);
    }

    /**
     * Orders tags from general to specific by how widely their values are shared across users: the chance that two
     * users drawn at random hold the same content, {@code Σ_v (n_v / N)²} over the tag's contents v (a user without
     * the tag shares nothing). "rating habits: average" is shared by many, a list of favourite films by almost nobody.
     * Ties: more users with the tag first, then the name.
     */
    public static Funnel learn(List<TextProfile> profiles) {
        return learn(profiles, Generality.SHARED_VALUES);
    }

    /** How general a tag is, for the forward process's order. */
    public enum Generality {
        /** How widely its values are shared: {@code Σ_v (n_v / N)²} (the definition; the default). */
        SHARED_VALUES,
        /** How many users have the tag at all. */
        PREVALENCE
    }

    /** Orders tags from general to specific by the given measure (ties: the other measure, then the name). */
    public static Funnel learn(List<TextProfile> profiles, Generality generality) {
        Map<String, Integer> count = new HashMap<>();
        Map<String, Map<String, Integer>> values = new HashMap<>();
        for (TextProfile p : profiles) {
            p.tags().forEach((t, c) -> {
                count.merge(t, 1, Integer::sum);
                values.computeIfAbsent(t, k -> new HashMap<>()).merge(c, 1, Integer::sum);
            });
        }
        Map<String, Double> shared = new HashMap<>();
        double n = profiles.size();
        values.forEach((t, vs) -> shared.put(t, vs.values().stream().mapToDouble(c -> (c / n) * (c / n)).sum()));
        List<String> tags = new ArrayList<>(count.keySet());
        Comparator<String> byShared = Comparator.comparing((String t) -> -shared.get(t));
        Comparator<String> byCount = Comparator.comparing((String t) -> -count.get(t));
        tags.sort((generality == Generality.SHARED_VALUES ? byShared.thenComparing(byCount)
            : byCount.thenComparing(byShared)).thenComparing(t -> t));
        return new Funnel(tags);
    }

    /**
     * A declared order (for example from domain metadata), general first; tags of the profiles that it does not name
     * follow in the learned order.
     */
    public static Funnel declared(List<String> order, List<TextProfile> profiles) {
        List<String> tags = new ArrayList<>(order);
        for (String t : learn(profiles).order()) {
            if (!tags.contains(t)) {
                tags.add(t);
            }
        }
        return new Funnel(tags);
    }

    /** The tag order, general first. */
    public List<String> order() {
        return order;
    }

    /** The domain whose attribute wording the funnel reuses (loaded on first use). */
    private static final class Wording {
        static final dev.askwise.dialogue.Domain MOVIES = dev.askwise.dialogue.Domain.builtIn("movies");

        static dev.askwise.dialogue.Domain.AttributeSpec spec(String tag) {
            for (dev.askwise.dialogue.Domain.AttributeSpec a : MOVIES.attributes()) {
                if (a.name().equals(tag)) {
                    return a;
                }
            }
            return null;
        }
    }

    /**
     * The preferred question about a tag: the template for the profile's general tags, else the {@code movies}
     * domain's wording of the attribute of that name, else a generic question.
     */
    public static Question question(String tag) {
        return candidates(tag).get(0);
    }

    /**
     * Candidate wordings of a question about the tag, the preferred first: the template or domain wording, the
     * domain's yes/no form where it has one, and a generic wording. Questioners rank them by
     * {@link QuestionQuality#best} before asking.
     */
    public static List<Question> candidates(String tag) {
        List<Question> out = new ArrayList<>();
        String template = TEMPLATES.get(tag);
        dev.askwise.dialogue.Domain.AttributeSpec spec = Wording.spec(tag);
        if (template != null) {
            out.add(new Question(tag, template));
        }
        if (spec != null) {
            if (template == null) {
                out.add(new Question(tag, spec.question()));
            }
            if (spec.yesNo() != null) {
                out.add(new Question(tag, spec.yesNo().question()));
            }
        }
        out.add(new Question(tag, spec != null ? "Any thoughts on " + tag + "?"
            : "What can you tell me about your " + tag + "?"));
        return out;
    }

    /** The funnel questions of one profile, general first (only its tags). */
    public List<Question> questions(TextProfile p) {
        List<Question> out = new ArrayList<>();
        for (String tag : order) {
            if (p.tags().containsKey(tag)) {
                out.add(question(tag));
            }
        }
        return out;
    }

    /** Reverse-process training pairs of one profile (Algorithm 1). */
    public List<Pair> pairs(TextProfile p) {
        List<Question> qs = questions(p);
        List<Pair> out = new ArrayList<>();
        TextProfile partial = new TextProfile(p.userId(), Map.of());
        for (int t = 0; t < qs.size(); t++) {
            out.add(new Pair(p.userId(), partial, qs.subList(0, t), qs.get(t)));
            partial = partial.with(qs.get(t).tag(), p.tags().get(qs.get(t).tag()));
        }
        return out;
    }

    /** Simulator examples of one profile. */
    public List<SimulatorExample> simulatorData(TextProfile p) {
        List<SimulatorExample> out = new ArrayList<>();
        for (Question q : questions(p)) {
            out.add(new SimulatorExample(p.userId(), q, p, p.tags().get(q.tag())));
        }
        return out;
    }

    /**
     * One JSONL line in the chat format fine-tuning tools read: {@code {"messages": [system, user (partial profile and
     * question history, seed 001 eq. 5), assistant (the next question)]}}.
     */
    public static String chatLine(Pair pair) {
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("role", "system");
        system.put("content", "You ask one clarifying question at a time to learn a user's film preferences, general "
            + "before specific.");
        StringBuilder user = new StringBuilder("Partial profile: ").append(pair.partial().toJson())
            .append("\nQuestions asked so far:");
        if (pair.history().isEmpty()) {
            user.append(" none");
        }
        for (Question q : pair.history()) {
            user.append("\n- ").append(q.text());
        }
        user.append("\nAsk the next question.");
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("role", "user");
        u.put("content", user.toString());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("role", "assistant");
        a.put("content", pair.next().text());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("messages", List.of(system, u, a));
        return Json.write(root);
    }

    /**
     * One JSONL line of the simulator data {@code D̂_u} in the chat format: {@code {"messages": [system, user (the
     * profile and the question), assistant ({"answer": …, "tags": [the tag addressed]} as JSON text)]}}.
     */
    public static String simulatorLine(SimulatorExample example) {
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("role", "system");
        system.put("content", "You are a user answering a question about your film preferences from your profile. "
            + "Reply with JSON: the answer and the profile tags it addresses; answer \"No Preference\" if the "
            + "profile does not say.");
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("role", "user");
        u.put("content", "Profile: " + example.profile().toJson() + "\nQuestion: " + example.question().text());
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("answer", example.answer());
        reply.put("tags", List.of(example.question().tag()));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("role", "assistant");
        a.put("content", Json.write(reply));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("messages", List.of(system, u, a));
        return Json.write(root);
    }
}
