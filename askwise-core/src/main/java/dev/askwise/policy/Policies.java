package dev.askwise.policy;

import dev.askwise.data.Dataset;
import dev.askwise.policy.baseline.FixedOrder;
import dev.askwise.policy.baseline.NeverAsk;
import dev.askwise.policy.baseline.Oracle;
import dev.askwise.policy.baseline.RandomOrder;
import java.util.List;

/**
 * The registry of query policies by name, usable from the CLI, configuration and HTTP.
 *
 * <table>
 * <caption>Policies</caption>
 * <tr><td>voi</td><td>value of information under the welfare objective, one question ahead</td></tr>
 * <tr><td>voi-2</td><td>the same, two questions ahead</td></tr>
 * <tr><td>voi-fast</td><td>voi with an approximate stop value (mode response, normal approximation); finite γ;
 * at γ = ∞ it is voi</td></tr>
 * <tr><td>infogain-tree</td><td>the paper's §7 decision tree (needs training data), up to k questions</td></tr>
 * <tr><td>never-ask, ask-all</td><td>bounds on information</td></tr>
 * <tr><td>fixed-order</td><td>most uncertain attribute first (by marginal entropy under the model), up to k</td></tr>
 * <tr><td>random</td><td>seeded random order, up to k</td></tr>
 * <tr><td>oracle</td><td>knows the user (upper bound; simulations only)</td></tr>
 * </table>
 */
public final class Policies {

    /** Every registered name. */
    public static final List<String> NAMES = List.of("voi", "voi-2", "voi-fast", "infogain-tree", "never-ask",
        "ask-all", "fixed-order", "random", "oracle");

    private Policies() {
    }

    /**
     * What a policy may need to be built.
     *
     * @param attributes   number of attributes
     * @param training     training users (needed by infogain-tree; may be null otherwise)
     * @param maxQuestions the question budget k of the budgeted baselines
     * @param seed         seed of randomised policies
     * @param order        asking order of fixed-order (null: by descending entropy, which the caller supplies)
     */
    public record Context(int attributes, Dataset training, int maxQuestions, long seed, int[] order) {
    }

    /**
     * Builds the named policy.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or a missing requirement
     */
    public static QueryPolicy create(String name, Context ctx) {
        return switch (name) {
            case "voi" -> new VoiPolicy(1);
            case "voi-2" -> new VoiPolicy(2);
            case "voi-fast" -> new VoiPolicy(1, true);
            case "never-ask" -> new NeverAsk();
            case "ask-all" -> FixedOrder.askAll(ctx.attributes());
            case "oracle" -> new Oracle();
            case "random" -> new RandomOrder(ctx.seed(), ctx.maxQuestions());
            case "fixed-order" -> {
                int[] order = ctx.order();
                if (order == null) {
                    order = new int[ctx.attributes()];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = i;
                    }
                }
                yield new FixedOrder("fixed-order", order, ctx.maxQuestions());
            }
            case "infogain-tree" -> {
                if (ctx.training() == null) {
                    throw new IllegalArgumentException("policy infogain-tree needs training data");
                }
                yield InfoGainTree.train(ctx.training(), ctx.maxQuestions(), 2);
            }
            default -> throw new IllegalArgumentException("unknown policy '" + name + "'; known: "
                + String.join(", ", NAMES));
        };
    }
}
