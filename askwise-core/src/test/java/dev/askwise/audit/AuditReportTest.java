package dev.askwise.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.welfare.UtilityDistribution;
import dev.askwise.welfare.WelfareFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditReportTest {

    private static UserOutcome user(double u, int q, String out, String group) {
        return new UserOutcome(u, q, out, Map.of("age", group));
    }

    @Test
    void snapshotDoesNotChangeWhenTheAccumulatorRecordsMore() {
        AuditAccumulator acc = new AuditAccumulator();
        acc.record(user(3, 1, "a", "young"));
        AuditReport first = acc.snapshot();
        acc.record(user(0, 2, "b", "old"));
        assertThat(first.users()).isEqualTo(1);
        assertThat(first.meanUtility()).isEqualTo(3.0);
        assertThat(first.groups("age")).containsOnlyKeys("young");
        assertThat(acc.snapshot().users()).isEqualTo(2);
    }

    /** By hand: utilities {0, 3}, s = 1 → EDE_2 = 0.6 and Atkinson_2 = 0.36; groups young 3, old 0. */
    @Test
    void welfareGroupsAndHomogenizationByHand() {
        AuditAccumulator acc = new AuditAccumulator();
        acc.record(user(3, 1, "a", "young"));
        acc.record(user(0, 3, "a", "old"));
        AuditReport r = acc.snapshot();
        assertThat(r.ede(WelfareFunction.of(2))).isCloseTo(0.6, within(1e-12));
        assertThat(r.atkinson(WelfareFunction.of(2))).isCloseTo(0.36, within(1e-12));
        assertThat(r.meanQuestions()).isEqualTo(2.0);
        assertThat(r.worstGroupUtility("age", 1)).isEqualTo(0.0);
        assertThat(r.topOutputShare()).isEqualTo(1.0);
        assertThat(r.outputEntropyBits()).isZero();
        assertThat(r.utilityDistribution().values()).containsExactly(0, 3);
    }

    @Test
    void shardsCombineToTheWhole() {
        AuditAccumulator whole = new AuditAccumulator();
        AuditAccumulator a = new AuditAccumulator();
        AuditAccumulator b = new AuditAccumulator();
        for (int i = 0; i < 20; i++) {
            UserOutcome o = user(i % 7 - 0.5 * (i % 3), i % 4, "o" + (i % 5), i % 2 == 0 ? "x" : "y");
            whole.record(o);
            (i < 8 ? a : b).record(o);
        }
        AuditReport combined = a.snapshot().plus(b.snapshot());
        AuditReport w = whole.snapshot();
        assertThat(combined.users()).isEqualTo(w.users());
        UtilityDistribution d1 = combined.utilityDistribution();
        UtilityDistribution d2 = w.utilityDistribution();
        assertThat(d1.values()).containsExactly(d2.values());
        assertThat(d1.probabilities()).containsExactly(d2.probabilities(), within(1e-15));
        assertThat(combined.groups("age").get("x").meanUtility()).isEqualTo(w.groups("age").get("x").meanUtility());
        assertThat(combined.outputEntropyBits()).isCloseTo(w.outputEntropyBits(), within(1e-12));
        assertThat(combined.questionCounts()).isEqualTo(w.questionCounts());
    }

    /**
     * Output entropy is summed in one fixed order, the probabilities ascending, whatever the order the outputs were
     * recorded in (and whatever order the report's map iterates in, which the JVM changes from run to run): the same
     * bits as that sum written out here.
     */
    @Test
    void outputEntropyIsSummedInAFixedOrder() {
        List<String> outputs = new java.util.ArrayList<>();
        List<Double> counts = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            counts.add((double) (i % 7 + 1));
            for (int c = 0; c <= i % 7; c++) {
                outputs.add("[" + i + "," + (i * 31 % 17) + "]");
            }
        }
        java.util.Collections.sort(counts);
        double nats = 0;
        for (double c : counts) {
            double p = c / outputs.size();
            nats -= p * Math.log(p);
        }
        double expected = nats / Math.log(2.0);
        java.util.Collections.shuffle(outputs, new java.util.Random(7));
        AuditAccumulator acc = new AuditAccumulator();
        outputs.forEach(out -> acc.record(user(1, 1, out, "g")));
        assertThat(acc.snapshot().outputEntropyBits()).isEqualTo(expected);
    }
}
