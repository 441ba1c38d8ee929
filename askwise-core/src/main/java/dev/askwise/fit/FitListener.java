package dev.askwise.fit;

/** Told after every EM iteration (for progress bars); called on the fitting thread. */
@FunctionalInterface
public interface FitListener {

    /** A listener that does nothing. */
    FitListener NONE = (restart, iteration, objective) -> { };

    /**
     * Called once an EM iteration is done.
     *
     * @param restart   0-based restart
     * @param iteration iterations done in this restart (1-based)
     * @param objective the objective after this iteration
     */
    void iteration(int restart, int iteration, double objective);
}
