package dev.askwise.audit;

import dev.askwise.math.LogMath;
import dev.askwise.welfare.UtilityDistribution;
import dev.askwise.welfare.WelfareFunction;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable results of a simulation: the distribution of utilities (mean, EDE_γ for any γ, Atkinson index), of
 * questions asked, per-group mean utility (and the worst group), and output homogenization (entropy of the outputs
 * and the share of users given the single most common output). Reports of shards combine with {@link #plus}.
 * Serializable, so that a cluster's driver can hand a report to the process that asked for it.
 */
public final class AuditReport implements java.io.Serializable {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    /** Per-group sums. */
    public record Group(long users, double utilitySum, double questionSum) implements java.io.Serializable {
        Group plus(Group o) {
            return new Group(users + o.users, utilitySum + o.utilitySum, questionSum + o.questionSum);
        }

        public double meanUtility() {
            return utilitySum / users;
        }

        public double meanQuestions() {
            return questionSum / users;
        }
    }

    private final long users;
    private final TreeMap<Double, Long> utilities;
    private final TreeMap<Integer, Long> questions;
    private final Map<String, Map<String, Group>> groups;
    private final Map<String, Long> outputs;

    AuditReport(long users, Map<Double, Long> utilities, Map<Integer, Long> questions,
                Map<String, Map<String, Group>> groups, Map<String, Long> outputs) {
        this.users = users;
        this.utilities = new TreeMap<>(utilities);
        this.questions = new TreeMap<>(questions);
        Map<String, Map<String, Group>> g = new HashMap<>();
        groups.forEach((k, v) -> g.put(k, Map.copyOf(v)));
        this.groups = Collections.unmodifiableMap(g);
        this.outputs = Map.copyOf(outputs);
    }

    /** Utility values are rounded to 1e-9 so that equal utilities share a histogram bin. */
    static double key(double u) {
        return Math.rint(u * 1e9) / 1e9;
    }

    public long users() {
        return users;
    }

    /** The empirical distribution of utilities. */
    public UtilityDistribution utilityDistribution() {
        if (users == 0) {
            throw new IllegalStateException("no users recorded");
        }
        double[] u = new double[utilities.size()];
        double[] p = new double[u.length];
        int i = 0;
        for (Map.Entry<Double, Long> e : utilities.entrySet()) {
            u[i] = e.getKey();
            p[i] = (double) e.getValue() / users;
            i++;
        }
        return UtilityDistribution.of(u, p);
    }

    public double meanUtility() {
        return utilityDistribution().mean();
    }

    /** {@code EDE_γ} over users. */
    public double ede(WelfareFunction w) {
        return w.ede(utilityDistribution());
    }

    public double atkinson(WelfareFunction w) {
        return w.atkinson(utilityDistribution());
    }

    public double meanQuestions() {
        double s = 0;
        for (Map.Entry<Integer, Long> e : questions.entrySet()) {
            s += (double) e.getKey() * e.getValue();
        }
        return s / users;
    }

    /** Number of users by number of questions asked. */
    public Map<Integer, Long> questionCounts() {
        return Collections.unmodifiableMap(questions);
    }

    /** Groups of a covariate with their sums. */
    public Map<String, Group> groups(String covariate) {
        Map<String, Group> g = groups.get(covariate);
        return g == null ? Map.of() : g;
    }

    /** The covariates groups were recorded for. */
    public java.util.Set<String> covariates() {
        return groups.keySet();
    }

    /** The lowest mean utility of any group of the covariate (with at least minUsers users). */
    public double worstGroupUtility(String covariate, long minUsers) {
        return groups(covariate).values().stream().filter(g -> g.users() >= minUsers)
            .mapToDouble(Group::meanUtility).min().orElse(Double.NaN);
    }

    /** Entropy (bits) of the distribution of output specifications. */
    public double outputEntropyBits() {
        // summed in a fixed order: an immutable map's iteration order changes from one JVM run to the next, and so
        // would the last bits of the sum
        double[] p = outputs.values().stream().mapToDouble(c -> (double) c / users).sorted().toArray();
        return LogMath.entropyBits(p);
    }

    /** Share of users who got the single most common output. */
    public double topOutputShare() {
        return outputs.values().stream().mapToLong(Long::longValue).max().orElse(0) / (double) users;
    }

    /** The combination of two reports (for example of two shards). */
    public AuditReport plus(AuditReport o) {
        TreeMap<Double, Long> u = new TreeMap<>(utilities);
        o.utilities.forEach((k, v) -> u.merge(k, v, Long::sum));
        TreeMap<Integer, Long> q = new TreeMap<>(questions);
        o.questions.forEach((k, v) -> q.merge(k, v, Long::sum));
        Map<String, Map<String, Group>> g = new HashMap<>();
        groups.forEach((k, v) -> g.put(k, new HashMap<>(v)));
        o.groups.forEach((k, v) -> v.forEach((gk, gv) -> g.computeIfAbsent(k, z -> new HashMap<>())
            .merge(gk, gv, Group::plus)));
        Map<String, Long> out = new HashMap<>(outputs);
        o.outputs.forEach((k, v) -> out.merge(k, v, Long::sum));
        return new AuditReport(users + o.users, u, q, g, out);
    }

    /**
     * Equal when every count, histogram and group sum is equal (exactly: reports of the same users merged in another
     * order can differ in the last bits of a group's utility sum).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof AuditReport r && users == r.users && utilities.equals(r.utilities)
            && questions.equals(r.questions) && groups.equals(r.groups) && outputs.equals(r.outputs);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(users, utilities, questions, groups, outputs);
    }
}
