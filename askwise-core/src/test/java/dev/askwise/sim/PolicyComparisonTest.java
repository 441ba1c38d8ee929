package dev.askwise.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askwise.audit.AuditAccumulator;
import dev.askwise.audit.AuditReport;
import dev.askwise.data.Dataset;
import dev.askwise.data.SampledUsers;
import dev.askwise.data.SyntheticData;
import dev.askwise.fit.FamilySelection;
import dev.askwise.model.LatentClassModel;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison's held-out work split into chunks (as a cluster runs it) and its hand-off file. */
class PolicyComparisonTest {

    static final PolicyComparison.Options OPTIONS = new PolicyComparison.Options(List.of("voi", "infogain-tree",
        "never-ask", "random", "oracle"), 0.3, new double[] {0, 2, Double.POSITIVE_INFINITY}, 2, 2, 4,
        FamilySelection.Family.LATENT_CLASS);

    static Dataset users() {
        LatentClassModel truth = SyntheticData.model(new SyntheticData.Shape(1, 5, 3, 2), 6);
        return SampledUsers.from(truth, 300, 11);
    }

    /**
     * A runner that audits each chunk of {@link Simulator#CHUNK} users on its own, with its own work built from the
     * fold's inputs, last chunk first, and adds the chunks in order: what SparkCompare does on executors.
     */
    static final PolicyComparison.HeldOut CHUNKED = (model, train, test, o, tick) -> {
        int chunks = (test.size() + Simulator.CHUNK - 1) / Simulator.CHUNK;
        List<List<List<AuditAccumulator>>> parts = new ArrayList<>();
        for (int c = chunks - 1; c >= 0; c--) {
            parts.add(0, PolicyComparison.FoldWork.of(model, train, o).simulate(test, c * Simulator.CHUNK,
                Math.min(test.size(), (c + 1) * Simulator.CHUNK)));
        }
        List<List<AuditReport>> out = new ArrayList<>();
        for (int t = 0; t < parts.get(0).size(); t++) {
            List<AuditReport> budgets = new ArrayList<>();
            for (int b = 0; b < parts.get(0).get(t).size(); b++) {
                AuditReport r = new AuditAccumulator().snapshot();
                for (List<List<AuditAccumulator>> p : parts) {
                    r = r.plus(p.get(t).get(b).snapshot());
                }
                budgets.add(r);
            }
            out.add(budgets);
        }
        return out;
    };

    @Test
    void chunksAuditedApartAndAddedInOrderGiveTheLocalComparisonExactly() {
        Dataset data = users();
        PolicyComparison.Result local = PolicyComparison.run(data, OPTIONS, null);
        PolicyComparison.Result chunked = PolicyComparison.run(data, OPTIONS, null, CHUNKED);
        assertThat(local.rows()).hasSize(15);
        assertThat(local.voiFrontier()).hasSize(3 * 6);
        assertThat(local.frontier()).hasSize(6);
        assertThat(chunked.rows()).isEqualTo(local.rows());
        assertThat(chunked.frontier()).isEqualTo(local.frontier());
        assertThat(chunked.voiFrontier()).isEqualTo(local.voiFrontier());
        assertThat(chunked.table(0.3)).isEqualTo(local.table(0.3));
        // VOI's largest budget is VOI itself
        assertThat(local.voiFrontier(2).get(5).report()).isEqualTo(local.row("voi", 2).report());
        // the pooled reports cover every user once
        local.rows().forEach(r -> assertThat(r.report().users()).isEqualTo(300));
    }

    @Test
    void workRefusesARangeOutsideTheUsers() {
        Dataset data = users();
        LatentClassModel model = SyntheticData.model(new SyntheticData.Shape(1, 5, 3, 2), 6);
        PolicyComparison.FoldWork work = PolicyComparison.FoldWork.of(model, data, OPTIONS);
        assertThat(work.size()).isEqualTo(6 + 3 * 5);
        assertThatThrownBy(() -> work.simulate(data, 10, 301))
            .hasMessage("user range must be within [0, 300]: [10, 301)");
    }

    @Test
    void aResultWrittenToAFileReadsBackEqual(@TempDir Path dir) throws Exception {
        PolicyComparison.Result r = PolicyComparison.run(users(), OPTIONS, null);
        Path file = dir.resolve("r.bin");
        r.write(file);
        PolicyComparison.Result back = PolicyComparison.Result.read(file);
        assertThat(back.rows()).isEqualTo(r.rows());
        assertThat(back.voiFrontier()).isEqualTo(r.voiFrontier());
        assertThat(back.frontier()).isEqualTo(r.frontier());
        assertThat(back.models()).isEqualTo(r.models());
        assertThat(back.table(0.3)).isEqualTo(r.table(0.3));
        Files.writeString(dir.resolve("text"), "not a result");
        assertThatThrownBy(() -> PolicyComparison.Result.read(dir.resolve("text")))
            .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot read " + dir.resolve("text"));
    }
    /** No covariate (SUSHI files): no worst group, printed n/a; otherwise the lowest group of at least 10 users. */
    @Test
    void worstGroupIsUndefinedWithoutGroupsAndTheLowestLargeGroupOtherwise() {
        AuditAccumulator none = new AuditAccumulator();
        for (int i = 0; i < 20; i++) {
            none.record(new dev.askwise.audit.UserOutcome(5, 1, "x", java.util.Map.of()));
        }
        assertThat(PolicyComparison.worstGroup(none.snapshot())).isNaN();
        AuditAccumulator some = new AuditAccumulator();
        for (int i = 0; i < 30; i++) {
            // a: 10 users at 4, b: 10 users at 2, c: 3 users at 0 (too small), d (other covariate): 7 users at 1
            String g = i < 10 ? "a" : i < 20 ? "b" : i < 23 ? "c" : "a";
            double u = i < 10 ? 4 : i < 20 ? 2 : i < 23 ? 0 : 4;
            some.record(new dev.askwise.audit.UserOutcome(u, 1, "x", java.util.Map.of("cluster", g, "age",
                i < 7 ? "d" : "e")));
        }
        AuditReport r = some.snapshot();
        assertThat(PolicyComparison.worstGroup(r)).isEqualTo(Math.min(r.worstGroupUtility("cluster", 10),
            r.worstGroupUtility("age", 10)));
        assertThat(r.worstGroupUtility("cluster", 10)).isEqualTo(2.0);
    }
}
