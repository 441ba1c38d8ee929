package dev.askwise.dialogue.research;

import dev.askwise.dialogue.ChoiceResolver;
import dev.askwise.dialogue.clarify.Clarifier;
import dev.askwise.dialogue.clarify.Clarifier.Clarification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's clarify-or-answer setting on AmbigQA. A question has interpretations (disambiguated questions with answer
 * sets); the simulated user holds one of them, each equally likely, and every one is simulated (so results are exact
 * expectations, with no sampling). The assistant can answer at once — with the answers of its default reading, the
 * first interpretation listed — or ask one clarifying question first.
 * <p>
 * The clarifying question is built from the differences between the interpretations' disambiguated questions: for
 * each, its words that are not in the original question, less the words all of them add (so "What party took
 * control …" and "What leader took control …" become the options "party" and "leader"). The simulated user replies
 * with the option of the interpretation they hold; the assistant resolves the reply with the production resolver
 * (the interpretation pipeline and the embedding model, {@link Clarifier#resolver}) and answers it; a reply it does
 * not understand leaves the default reading. Equal options, or two empty ones, cannot be told apart, so a
 * clarification can fail.
 * <p>
 * Policies: {@code answer} (never ask), {@code ask} (always ask, even an unambiguous question), and {@code engine}:
 * it judges the clarification by simulated future turns — it plays each interpretation's reply through the same
 * resolver before asking and asks only when the expected answer-set accuracy after clarifying exceeds that of
 * answering now by more than the per-question cost. The engine knows each interpretation's answers (it is the
 * assistant's own reader), so it sees that interpretations sharing an answer need no question.
 */
public final class ClarifyOrAnswer {

    /** Registered policies. */
    public static final List<String> POLICIES = List.of("answer", "ask", "engine");

    /** Registered simulated users ({@code llm} needs an endpoint: {@link #llmUser}). */
    public static final List<String> USERS = List.of("option", "paraphrase", "realistic", "llm");

    /** The {@code realistic} user's rate of replying about another reading than the one they hold. */
    public static final double OTHER_READING_RATE = 0.1;
    /** The {@code realistic} user's rate of not answering the clarifying question. */
    public static final double NO_ANSWER_RATE = 0.1;

    /** One possible reply with its probability; a null text is no answer. */
    public record Reply(String text, double probability) {
    }

    /** A simulated user who holds one interpretation and replies to a clarifying question. */
    public interface User {
        String name();

        /** The most likely reply (null: no answer). */
        String reply(AmbigQa.Item item, Clarification question, int held);

        /**
         * Every reply the user may give with its probability (summing to 1), so accuracies stay exact expectations;
         * by default the single {@link #reply}.
         */
        default List<Reply> replies(AmbigQa.Item item, Clarification question, int held) {
            return List.of(new Reply(reply(item, question, held), 1.0));
        }
    }

    private static final java.util.Set<String> STOP = java.util.Set.of("what", "who", "whom", "which", "when",
        "where", "why", "how", "is", "are", "was", "were", "be", "been", "the", "a", "an", "of", "in", "on", "at",
        "to", "for", "did", "does", "do", "by", "and", "or", "s", "that", "this", "with", "from", "as", "it", "its");

    /** A reading described in the user's own words: the content words of its disambiguated question. */
    static String ownWords(AmbigQa.Interpretation reading) {
        List<String> words = new ArrayList<>();
        for (String w : dev.askwise.dialogue.text.TextMetrics.tokens(reading.question())) {
            if (!STOP.contains(w)) {
                words.add(w);
            }
        }
        return "the one about " + String.join(" ", words);
    }

    /**
     * A user who answers in their own words (the content words of the disambiguated question they mean, never the
     * bare option) with probability {@code 1 − other − none}; about a different reading with probability
     * {@code other}, spread evenly over the other readings; and not at all with probability {@code none}, in which
     * case the assistant answers its default reading.
     *
     * @throws IllegalArgumentException unless other, none ≥ 0 and other + none ≤ 1
     */
    public static User realisticUser(double other, double none) {
        if (!(other >= 0 && none >= 0 && other + none <= 1)) {
            throw new IllegalArgumentException("rates must be >= 0 with a sum <= 1: " + other + ", " + none);
        }
        return new User() {
            @Override
            public String name() {
                return "realistic";
            }

            @Override
            public String reply(AmbigQa.Item item, Clarification question, int held) {
                return ownWords(item.interpretations().get(held));
            }

            @Override
            public List<Reply> replies(AmbigQa.Item item, Clarification question, int held) {
                List<AmbigQa.Interpretation> ins = item.interpretations();
                List<Reply> out = new ArrayList<>();
                double own = 1 - none - (ins.size() > 1 ? other : 0);
                out.add(new Reply(ownWords(ins.get(held)), own));
                if (ins.size() > 1 && other > 0) {
                    for (int i = 0; i < ins.size(); i++) {
                        if (i != held) {
                            out.add(new Reply(ownWords(ins.get(i)), other / (ins.size() - 1)));
                        }
                    }
                }
                if (none > 0) {
                    out.add(new Reply(null, none));
                }
                return out;
            }
        };
    }

    /** Replies with the option of the interpretation held (the engine's own model of the user). */
    public static final User OPTION_USER = new User() {
        @Override
        public String name() {
            return "option";
        }

        @Override
        public String reply(AmbigQa.Item item, Clarification question, int held) {
            return question.options().get(held);
        }
    };

    /** Replies in their own words: the interpretation's whole disambiguated question ("I mean: …"). */
    public static final User PARAPHRASE_USER = new User() {
        @Override
        public String name() {
            return "paraphrase";
        }

        @Override
        public String reply(AmbigQa.Item item, Clarification question, int held) {
            return "I mean: " + item.interpretations().get(held).question();
        }
    };

    /** A user played by an LLM that is told which disambiguated question it means. */
    public static User llmUser(ChatClient client) {
        return new User() {
            @Override
            public String name() {
                return "llm";
            }

            @Override
            public String reply(AmbigQa.Item item, Clarification question, int held) {
                return client.complete("You asked an assistant a question. You meant exactly: \""
                    + item.interpretations().get(held).question() + "\". Answer its clarifying question briefly, in "
                    + "your own words.", "Your question: " + item.question() + "\nAssistant: " + question.text());
            }
        };
    }

    /** The named user; {@code llm} needs a client. */
    public static User user(String name, ChatClient client) {
        return switch (name) {
            case "option" -> OPTION_USER;
            case "paraphrase" -> PARAPHRASE_USER;
            case "realistic" -> realisticUser(OTHER_READING_RATE, NO_ANSWER_RATE);
            case "llm" -> llmUser(ChatClient.require(client, "user"));
            default -> throw new IllegalArgumentException("unknown user '" + name + "'; known: "
                + String.join(", ", USERS));
        };
    }

    /** Aggregate results of one policy at one cost. */
    public record Result(String policy, double cost, int questions, int ambiguous, double accuracy,
                         double ambiguousAccuracy, double meanTurns, double askRate, double ambiguousAskRate,
                         double netUtility) {
    }

    private ClarifyOrAnswer() {
    }

    /** The clarifying question of an item (options in interpretation order): {@link Clarifier#clarification}. */
    public static Clarification clarification(AmbigQa.Item item) {
        return Clarifier.clarification(item.question(), item.readings());
    }

    /** Clarifying questions whose overall quality is below this are replaced by "Which of these do you mean: …?". */
    public static final double MIN_QUALITY = 0.9;
    /** … and so are those with any single quality attribute below this. */
    public static final double MIN_ATTRIBUTE = 0.75;

    /**
     * Seed 004's quality attributes read for a clarifying question over an item's readings, each in [0, 1]:
     * clarity — one question of at most 25 words (−0.25 per 10 words beyond); focus — the share of readings whose
     * option is non-empty and differs from every other option (the question tells them apart); answerability — the
     * share of options a user can recognise, with a word of three letters or more that is not a number ("party", not
     * "2020" or "1"); relevance — 1 when the readings' answers differ (asking can change the answer), else 0;
     * non-redundancy — 1 minus the largest word overlap (Jaccard) between two options.
     */
    public static QuestionQuality.Score quality(AmbigQa.Item item, Clarification c) {
        String[] words = c.text().trim().split("\\s+");
        long marks = c.text().chars().filter(ch -> ch == '?').count();
        double clarity = Math.max(0, (marks == 1 ? 1 : 0.5) - 0.25 * Math.ceil(Math.max(0, words.length - 25) / 10.0));
        List<String> options = c.options();
        int distinct = 0;
        int recognisable = 0;
        double overlap = 0;
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            boolean unique = !o.isEmpty();
            for (int j = 0; j < options.size(); j++) {
                if (j != i && options.get(j).equals(o)) {
                    unique = false;
                }
                if (j > i) {
                    overlap = Math.max(overlap, jaccard(o, options.get(j)));
                }
            }
            distinct += unique ? 1 : 0;
            boolean words3 = false;
            for (String w : dev.askwise.dialogue.text.TextMetrics.tokens(o)) {
                words3 |= w.length() >= 3 && !w.chars().allMatch(Character::isDigit);
            }
            recognisable += words3 ? 1 : 0;
        }
        boolean differ = false;
        for (AmbigQa.Interpretation a : item.interpretations()) {
            differ |= !AmbigQa.matches(item.interpretations().get(0).answers(), a.answers());
        }
        return new QuestionQuality.Score(clarity, (double) distinct / options.size(),
            (double) recognisable / options.size(), differ ? 1 : 0, 1 - overlap);
    }

    private static double jaccard(String a, String b) {
        java.util.Set<String> x = new java.util.HashSet<>(dev.askwise.dialogue.text.TextMetrics.tokens(a));
        java.util.Set<String> y = new java.util.HashSet<>(dev.askwise.dialogue.text.TextMetrics.tokens(b));
        if (x.isEmpty() && y.isEmpty()) {
            return 1;
        }
        java.util.Set<String> union = new java.util.HashSet<>(x);
        union.addAll(y);
        x.retainAll(y);
        return (double) x.size() / union.size();
    }

    /**
     * The clarifying question after the quality check: the built one when its overall quality is at least
     * {@link #MIN_QUALITY} and every attribute at least {@link #MIN_ATTRIBUTE}, else "Which of these do you mean:
     * …?" listing the readings' own questions, which are then the options the reply is resolved against.
     */
    public static Clarification scoredClarification(AmbigQa.Item item) {
        Clarification c = clarification(item);
        QuestionQuality.Score score = quality(item, c);
        double min = Math.min(Math.min(Math.min(score.clarity(), score.focus()), Math.min(score.answerability(),
            score.relevance())), score.nonRedundancy());
        if (!item.ambiguous() || (score.overall() >= MIN_QUALITY && min >= MIN_ATTRIBUTE)) {
            return c;
        }
        List<String> questions = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (AmbigQa.Interpretation in : item.interpretations()) {
            questions.add(in.question());
            String q = "\"" + in.question().replaceAll("\\?+\\s*$", "") + "\"";
            if (!shown.contains(q)) {
                shown.add(q);
            }
        }
        return new Clarification("Which of these do you mean: " + String.join("; ", shown) + "?", questions);
    }

    /**
     * The interpretation a reply resolves to with the production resolver ({@link Clarifier#resolver}: the
     * interpretation pipeline and the embedding model), or −1 when the reply is not understood.
     */
    public static int resolve(AmbigQa.Item item, Clarification c, String reply) {
        return Clarifier.resolver(item.question(), item.readings(), c).resolve(reply, 0).choice();
    }

    /** Expected accuracy of answering at once with the default reading (the first interpretation). */
    public static double directAccuracy(AmbigQa.Item item) {
        return directAccuracy(item, uniform(item));
    }

    /**
     * Expected accuracy of answering at once with the most probable reading (ties: the first), the user holding
     * reading i with probability {@code weights[i]} (normalised).
     */
    public static double directAccuracy(AmbigQa.Item item, double[] weights) {
        return Clarifier.directAccuracy(item.readings(), weights);
    }

    /** Expected accuracy after one clarifying question, each interpretation's user replying with its option. */
    public static double clarifiedAccuracy(AmbigQa.Item item, Clarification c) {
        return clarifiedAccuracy(item, c, OPTION_USER);
    }

    /** Expected accuracy after one clarifying question, each interpretation's user replying as the given user. */
    public static double clarifiedAccuracy(AmbigQa.Item item, Clarification c, User user) {
        return clarifiedAccuracy(item, c, user, uniform(item));
    }

    /**
     * Expected accuracy after one clarifying question, the user holding reading i with probability weights[i]. The
     * option-replying user is the engine's own model ({@link Clarifier#predictedAccuracy}); any other user's replies
     * are resolved by the production resolver ({@link Clarifier#resolver}), and a reply it does not understand, like
     * no reply, leaves the default reading (the service would ask again; the simulation answers instead).
     */
    public static double clarifiedAccuracy(AmbigQa.Item item, Clarification c, User user, double[] weights) {
        if (user == OPTION_USER) {
            return Clarifier.predictedAccuracy(item.question(), item.readings(), c, weights);
        }
        ChoiceResolver resolver = Clarifier.resolver(item.question(), item.readings(), c);
        int fallback = defaultReading(weights);
        double acc = 0;
        double total = 0;
        List<AmbigQa.Interpretation> ins = item.interpretations();
        for (int held = 0; held < ins.size(); held++) {
            total += weights[held];
            if (weights[held] == 0) {
                continue;
            }
            for (Reply reply : user.replies(item, c, held)) {
                int resolved = fallback;
                if (reply.text() != null) {
                    ChoiceResolver.Resolution r = resolver.resolve(reply.text(), fallback);
                    resolved = r.understood() ? r.choice() : fallback;
                }
                acc += AmbigQa.matches(ins.get(resolved).answers(), ins.get(held).answers())
                    ? weights[held] * reply.probability() : 0;
            }
        }
        return acc / total;
    }

    /** The reading answered without asking: {@link Clarifier#defaultReading}. */
    public static int defaultReading(double[] weights) {
        return Clarifier.defaultReading(weights);
    }

    private static double[] uniform(AmbigQa.Item item) {
        double[] w = new double[item.interpretations().size()];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    /** The engine's decision for one AmbigQA item: {@link Clarifier#decide} over its interpretations. */
    public static Clarifier.Decision decide(AmbigQa.Item item, double[] weights, double cost) {
        return Clarifier.decide(item.question(), item.readings(), weights, cost);
    }

    /** True when the named policy asks about the item at this per-question cost. */
    public static boolean asks(String policy, AmbigQa.Item item, double cost) {
        return switch (policy) {
            case "answer" -> false;
            case "ask" -> true;
            case "engine" -> clarifiedAccuracy(item, clarification(item)) - cost > directAccuracy(item);
            default -> throw new IllegalArgumentException("unknown policy '" + policy + "'; known: "
                + String.join(", ", POLICIES));
        };
    }

    /** Evaluates a policy with the option-replying user (the engine's own model of the user). */
    public static Result evaluate(String policy, List<AmbigQa.Item> items, double cost) {
        return evaluate(policy, items, cost, OPTION_USER);
    }

    /**
     * Evaluates a policy with a simulated user: answer-set accuracy (all items, and ambiguous ones), mean assistant
     * turns (1 for an answer, 2 with a clarifying question), how often it asks, and the net utility accuracy − cost ×
     * questions. The engine decides with its own model of the user (option replies) whatever user is simulated.
     */
    public static Result evaluate(String policy, List<AmbigQa.Item> items, double cost, User user) {
        return evaluateScored(policy, score(items, user, false), cost);
    }

    /**
     * What every policy needs of one item, independent of the cost: accuracy answering now, after asking (with the
     * simulated user), and after asking as the engine predicts it (option replies).
     */
    private record Scored(boolean ambiguous, double direct, double clarified, double predicted) {
    }

    /** Scores each item once (each simulated reply is computed once, whatever the number of costs and policies). */
    private static List<Scored> score(List<AmbigQa.Item> items, User user, boolean rewrite) {
        List<Scored> out = new ArrayList<>();
        for (AmbigQa.Item item : items) {
            Clarification c = rewrite ? scoredClarification(item) : clarification(item);
            double predicted = clarifiedAccuracy(item, c, OPTION_USER);
            double clarified = user == OPTION_USER ? predicted : clarifiedAccuracy(item, c, user);
            out.add(new Scored(item.ambiguous(), directAccuracy(item), clarified, predicted));
        }
        return out;
    }

    private static Result evaluateScored(String policy, List<Scored> items, double cost) {
        if (!POLICIES.contains(policy)) {
            throw new IllegalArgumentException("unknown policy '" + policy + "'; known: " + String.join(", ",
                POLICIES));
        }
        double acc = 0;
        double ambAcc = 0;
        int asked = 0;
        int ambAsked = 0;
        int ambiguous = 0;
        for (Scored item : items) {
            boolean ask = policy.equals("ask") || (policy.equals("engine") && item.predicted() - cost > item.direct());
            double a = ask ? item.clarified() : item.direct();
            acc += a;
            asked += ask ? 1 : 0;
            if (item.ambiguous()) {
                ambiguous++;
                ambAcc += a;
                ambAsked += ask ? 1 : 0;
            }
        }
        int n = items.size();
        return new Result(policy, cost, n, ambiguous, acc / n, ambiguous == 0 ? Double.NaN : ambAcc / ambiguous,
            1 + (double) asked / n, (double) asked / n, ambiguous == 0 ? Double.NaN : (double) ambAsked / ambiguous,
            (acc - cost * asked) / n);
    }

    /**
     * The cost sweep of the evaluation: 0, 0.05, …, 1 as exact decimals (6 / 20.0 == 0.3, while 6 * 0.05 != 0.3) plus
     * the chosen cost, sorted, so each simulated reply is computed once for the whole sweep.
     *
     * @throws IllegalArgumentException if the cost is outside [0, 1]
     */
    public static double[] costGrid(double cost) {
        if (!(cost >= 0 && cost <= 1)) {
            throw new IllegalArgumentException("cost must be in [0, 1]: " + cost);
        }
        java.util.TreeSet<Double> grid = new java.util.TreeSet<>();
        for (int i = 0; i <= 20; i++) {
            grid.add(i / 20.0);
        }
        grid.add(cost);
        return grid.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Every policy at every cost, in that order, with the option-replying user. */
    public static Map<String, List<Result>> sweep(List<AmbigQa.Item> items, double[] costs) {
        return sweep(items, costs, OPTION_USER);
    }

    /** Every policy at every cost, in that order, with the given user (each simulated reply computed once). */
    public static Map<String, List<Result>> sweep(List<AmbigQa.Item> items, double[] costs, User user) {
        return sweep(items, costs, user, false);
    }

    /**
     * Every policy at every cost with the given user; with {@code rewrite}, low-quality clarifying questions are
     * replaced first ({@link #scoredClarification}), for the engine's prediction and the simulated replies alike.
     */
    public static Map<String, List<Result>> sweep(List<AmbigQa.Item> items, double[] costs, User user,
        boolean rewrite) {
        List<Scored> scored = score(items, user, rewrite);
        Map<String, List<Result>> out = new LinkedHashMap<>();
        for (String p : POLICIES) {
            List<Result> rs = new ArrayList<>();
            for (double c : costs) {
                rs.add(evaluateScored(p, scored, c));
            }
            out.put(p, rs);
        }
        return out;
    }
}
