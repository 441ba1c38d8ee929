package dev.askwise.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AuditAccumulatorTest {

    /** Seeded outcomes whose utilities are multiples of 1/4 (sums exact in binary, so any merge order is exact). */
    private static List<UserOutcome> outcomes(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<UserOutcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int q = random.nextInt(5);
            double u = random.nextInt(11) - 0.25 * q;
            out.add(new UserOutcome(u, q, "o" + random.nextInt(7), Map.of("age", "g" + random.nextInt(4),
                "cluster", "c" + random.nextInt(3))));
        }
        return out;
    }

    @Test
    void perPartitionAccumulatorsMergeToTheWhole() {
        List<UserOutcome> users = outcomes(1000, 3);
        AuditAccumulator whole = new AuditAccumulator();
        users.forEach(whole::record);
        for (int partitions : new int[] {1, 2, 7, 64}) {
            List<AuditAccumulator> parts = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                parts.add(new AuditAccumulator());
            }
            for (int i = 0; i < users.size(); i++) {
                parts.get(i * partitions / users.size()).record(users.get(i));
            }
            // merged left to right and in a tree (as Spark's treeReduce would): both equal the whole
            AuditAccumulator left = new AuditAccumulator();
            parts.forEach(left::merge);
            assertThat(left.snapshot()).isEqualTo(whole.snapshot());
            assertThat(tree(parts, 0, parts.size()).snapshot()).isEqualTo(whole.snapshot());
            assertThat(left.users()).isEqualTo(1000);
        }
    }

    private static AuditAccumulator tree(List<AuditAccumulator> parts, int from, int to) {
        if (to - from == 1) {
            return new AuditAccumulator().merge(parts.get(from));
        }
        int mid = (from + to) / 2;
        return tree(parts, from, mid).merge(tree(parts, mid, to));
    }

    @Test
    void mergeAgreesWithPlusOfSnapshotsAndLeavesTheArgumentAlone() {
        List<UserOutcome> users = outcomes(200, 5);
        AuditAccumulator a = new AuditAccumulator();
        AuditAccumulator b = new AuditAccumulator();
        users.subList(0, 120).forEach(a::record);
        users.subList(120, 200).forEach(b::record);
        AuditReport bBefore = b.snapshot();
        AuditReport sum = a.snapshot().plus(b.snapshot());
        assertThat(a.merge(b).snapshot()).isEqualTo(sum);
        assertThat(b.snapshot()).isEqualTo(bBefore);
        assertThat(new AuditAccumulator().merge(new AuditAccumulator()).snapshot().users()).isZero();
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        AuditAccumulator a = new AuditAccumulator();
        outcomes(50, 9).forEach(a::record);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((AuditAccumulator) in.readObject()).snapshot()).isEqualTo(a.snapshot());
        }
    }
}
