package dev.askwise.dialogue;

import java.util.List;

/** A domain file with problems; the message lists every problem with its location. */
public final class InvalidDomainException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<DomainProblem> problems;

    public InvalidDomainException(String source, List<DomainProblem> problems) {
        super("invalid domain " + source + " (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
            + "): " + problems.get(0) + (problems.size() > 1 ? "; ..." : ""));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<DomainProblem> problems() {
        return problems;
    }
}
