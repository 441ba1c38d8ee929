package dev.askwise.analysis;

import dev.askwise.model.SymmetricMixture;
import dev.askwise.welfare.WelfareFunction;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The exact analysis of one stylized model for one welfare function and question cost: every fixed k with its optimal
 * response, the optimal k*, and the optimal adaptive policy.
 *
 * @param model    the population
 * @param cost     the cost c of one question
 * @param welfare  γ and the shift s
 * @param kStar    the welfare-optimal number of questions (ties go to fewer questions)
 * @param byK      results for k = 0..n
 * @param adaptive the optimal adaptive policy, or null when it was not requested
 */
public record Analysis(SymmetricMixture model, double cost, WelfareFunction welfare, int kStar, List<FixedK> byK,
                       @Nullable AdaptivePolicy adaptive) {

    /** Copies the list. */
    public Analysis {
        byK = List.copyOf(byK);
    }

    /** The result at the optimal k*. */
    public FixedK best() {
        return byK.get(kStar);
    }

    /** The result for k questions. */
    public FixedK forK(int k) {
        return byK.get(k);
    }
}
