package dev.askwise.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Records user outcomes; {@link #snapshot()} gives an immutable {@link AuditReport}. Not thread-safe. */
public final class AuditAccumulator {

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

    /** An immutable copy of what was recorded so far; later records do not change it. */
    public AuditReport snapshot() {
        return new AuditReport(users, utilities, questions, groups, outputs);
    }
}
