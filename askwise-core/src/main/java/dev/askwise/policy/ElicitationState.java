package dev.askwise.policy;

import dev.askwise.Profile;
import dev.askwise.model.PopulationModel;
import org.jspecify.annotations.Nullable;

/**
 * What the engine knows when a policy decides: the model and objective, the values revealed so far, the number of
 * questions asked, protected attributes, and attributes the user could not answer. Immutable.
 *
 * @param truth the user's true profile; set only by simulations, and read only by clairvoyant baselines
 */
public record ElicitationState(PopulationModel model, Objective objective, Profile known, int questions,
                               boolean[] neverAsk, boolean[] neverInfer, boolean[] unanswerable,
                               @Nullable Profile truth) {

    /** Copies the flags. */
    public ElicitationState {
        neverAsk = neverAsk.clone();
        neverInfer = neverInfer.clone();
        unanswerable = unanswerable.clone();
    }

    /** Equal when model and objective are the same instances and every other component is equal (arrays by content). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ElicitationState s && model == s.model && objective == s.objective
            && questions == s.questions && known.equals(s.known) && java.util.Arrays.equals(neverAsk, s.neverAsk)
            && java.util.Arrays.equals(neverInfer, s.neverInfer) && java.util.Arrays.equals(unanswerable, s.unanswerable)
            && java.util.Objects.equals(truth, s.truth);
    }

    @Override
    public int hashCode() {
        int h = java.util.Objects.hash(System.identityHashCode(model), System.identityHashCode(objective), known,
            questions, truth);
        h = 31 * h + java.util.Arrays.hashCode(neverAsk);
        h = 31 * h + java.util.Arrays.hashCode(neverInfer);
        return 31 * h + java.util.Arrays.hashCode(unanswerable);
    }

    @Override
    public String toString() {
        return "ElicitationState[known=" + known + ", questions=" + questions + ", declined="
            + java.util.Arrays.toString(unanswerable) + "]";
    }

    @Override
    public boolean[] neverAsk() {
        return neverAsk.clone();
    }

    @Override
    public boolean[] neverInfer() {
        return neverInfer.clone();
    }

    @Override
    public boolean[] unanswerable() {
        return unanswerable.clone();
    }

    /** True when a is protected from asking. */
    public boolean isNeverAsk(int a) {
        return neverAsk[a];
    }

    /** True when a is protected from inference. */
    public boolean isNeverInfer(int a) {
        return neverInfer[a];
    }

    /** True when the user declined a. */
    public boolean isDeclined(int a) {
        return unanswerable[a];
    }

    /** Number of attributes. */
    public int attributes() {
        return known.size();
    }

    /** True when a may be asked now: not known, not protected from asking, not already declined. */
    public boolean askable(int a) {
        return !known.isKnown(a) && !neverAsk[a] && !unanswerable[a];
    }

    /**
     * Attributes that count in U: all but protected-from-inference and declined ones. A never-infer attribute does not
     * count even when the user states it, so that asking about it can never look valuable in itself — only through
     * what it reveals about the other attributes.
     */
    public boolean[] scored() {
        boolean[] s = new boolean[attributes()];
        for (int a = 0; a < s.length; a++) {
            s[a] = !unanswerable[a] && !neverInfer[a];
        }
        return s;
    }

    /** The cluster posterior given the revealed values and the declined attributes. */
    public double[] posterior() {
        return model.posterior(known, unanswerable);
    }

    /** This state after attribute a was answered with value v. */
    public ElicitationState answered(int a, int v) {
        return new ElicitationState(model, objective, known.with(a, v), questions + 1, neverAsk, neverInfer,
            unanswerable, truth);
    }

    /** This state after the user declined to answer a (it still costs a question). */
    public ElicitationState declined(int a) {
        boolean[] u = unanswerable.clone();
        u[a] = true;
        return new ElicitationState(model, objective, known, questions + 1, neverAsk, neverInfer, u, truth);
    }

    /** The best response now, and its value. */
    public Responder.Response stop() {
        return Responder.respond(model, posterior(), known, scored(), questions, objective);
    }
}
