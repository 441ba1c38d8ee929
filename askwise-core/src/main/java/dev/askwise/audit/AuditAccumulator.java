package dev.askwise.audit;

import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records user outcomes; {@link #snapshot()} gives an immutable {@link AuditReport}. Accumulators of disjoint sets of
 * users {@link #merge merge}, so per-thread or per-partition accumulators give the audit of the whole (histograms and
 * counts exactly; group utility sums up to the rounding of the addition order). Not thread-safe: one per thread.
 * Serializable, so that Spark can return per-partition accumulators to the driver.
 */
public final class AuditAccumulator implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final TreeMap<Double, Long> utilities = new TreeMap<>();
    private final TreeMap<Integer, Long> questions = new TreeMap<>();
    private final Map<String, Map<String, AuditReport.Group>> groups = new HashMap<>();
    private final Map<String, Long> outputs = new HashMap<>();
    private long users;

    /** Adds one user. */
    public void record(UserOutcome o) {
        users++;
        utilities.merge(AuditReport.key(o.utility()), 1L, Long::sum);
        questions.merge(o.questions(), 1L, Long::sum);
        outputs.merge(o.output(), 1L, Long::sum);
        o.groups().forEach((cov, value) -> groups.computeIfAbsent(cov, k -> new HashMap<>())
            .merge(value, new AuditReport.Group(1, o.utility(), o.questions()), AuditReport.Group::plus));
    }

    /** Adds everything another accumulator recorded to this one (in place) and returns this one. */
    public AuditAccumulator merge(AuditAccumulator o) {
        users += o.users;
        o.utilities.forEach((k, v) -> utilities.merge(k, v, Long::sum));
        o.questions.forEach((k, v) -> questions.merge(k, v, Long::sum));
        o.outputs.forEach((k, v) -> outputs.merge(k, v, Long::sum));
        o.groups.forEach((cov, byValue) -> byValue.forEach((value, g) -> groups.computeIfAbsent(cov,
            x -> new HashMap<>()).merge(value, g, AuditReport.Group::plus)));
        return this;
    }

    /** Number of users recorded. */
    public long users() {
        return users;
    }

    /** An immutable copy of what was recorded so far; later records do not change it. */
    public AuditReport snapshot() {
        return new AuditReport(users, utilities, questions, groups, outputs);
    }
}
