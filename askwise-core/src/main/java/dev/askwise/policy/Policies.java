package dev.askwise.policy;

import dev.askwise.data.Dataset;
import dev.askwise.policy.baseline.FixedOrder;
import dev.askwise.policy.baseline.NeverAsk;
import dev.askwise.policy.baseline.Oracle;
import dev.askwise.policy.baseline.RandomOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The registry of query policies by name, usable from the CLI, configuration and HTTP.
 *
 * <table>
 * <caption>Policies</caption>
 * <tr><td>engine</td><td>the engine's default: the non-myopic {@link Planner} (exact dynamic program when the state
 * space is small, else a rollout improvement of voi)</td></tr>
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

    private static final Map<String, Function<Context, QueryPolicy>> FACTORIES = new LinkedHashMap<>();

    static {
        register(Planner.NAME, ctx -> new Planner());
        register("voi", ctx -> new VoiPolicy(1));
        register("voi-2", ctx -> new VoiPolicy(2));
        register("voi-fast", ctx -> new VoiPolicy(1, true));
        register("infogain-tree", ctx -> {
            if (ctx.training() == null) {
                throw new IllegalArgumentException("policy infogain-tree needs training data");
            }
            return InfoGainTree.train(ctx.training(), ctx.maxQuestions(), 2);
        });
        register("never-ask", ctx -> new NeverAsk());
        register("ask-all", ctx -> FixedOrder.askAll(ctx.attributes()));
        register("fixed-order", ctx -> {
            int[] order = ctx.order();
            if (order == null) {
                order = new int[ctx.attributes()];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
            }
            return new FixedOrder("fixed-order", order, ctx.maxQuestions());
        });
        register("random", ctx -> new RandomOrder(ctx.seed(), ctx.maxQuestions()));
        register("oracle", ctx -> new Oracle());
    }

    /** Every registered name, in registration order (the keys of the factory table, so they cannot drift). */
    public static final List<String> NAMES = List.copyOf(FACTORIES.keySet());

    private Policies() {
    }

    private static void register(String name, Function<Context, QueryPolicy> factory) {
        if (FACTORIES.putIfAbsent(name, factory) != null) {
            throw new IllegalStateException("policy registered twice: " + name);
        }
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
    public record Context(int attributes, @Nullable Dataset training, int maxQuestions, long seed,
                          int @Nullable [] order) {
    }

    /** True when a policy of that name is registered. */
    public static boolean known(String name) {
        return FACTORIES.containsKey(name);
    }

    /**
     * Builds the named policy.
     *
     * @throws IllegalArgumentException for an unknown name (listing the known ones) or a missing requirement
     */
    public static QueryPolicy create(String name, Context ctx) {
        Function<Context, QueryPolicy> f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown policy '" + name + "'; known: " + String.join(", ", NAMES));
        }
        return f.apply(ctx);
    }
}
