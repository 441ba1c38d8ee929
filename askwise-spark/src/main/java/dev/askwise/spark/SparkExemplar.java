package dev.askwise.spark;

import dev.askwise.Profile;
import dev.askwise.Schema;
import dev.askwise.data.CodedRows;
import dev.askwise.fit.ExemplarFitter;
import dev.askwise.model.ExemplarModel;
import java.util.Collections;
import java.util.List;

/**
 * Exemplar models over {@link SparkUsers}: each partition deduplicates and counts its users' profiles
 * ({@link ExemplarFitter.Counts}), the driver merges the per-partition counts and runs {@link ExemplarFitter}'s cap and
 * leave-one-out noise fit on them. The merged counts equal the counts of all users for any partitioning, and the
 * fitter reads them in a fixed order (by count, then profile), so the model — and its file — is the local fit's.
 * What travels: per partition one map of distinct profiles (at most the partition's users; D·A ints for D distinct).
 */
public final class SparkExemplar {

    private SparkExemplar() {
    }

    /** The users' profiles and counts, merged from per-partition counts. */
    public static ExemplarFitter.Counts count(SparkUsers users) {
        Schema schema = users.schema();
        int attrs = schema.size();
        List<ExemplarFitter.Counts> parts = users.blocks().mapPartitions(it -> {
            ExemplarFitter.Counts c = new ExemplarFitter.Counts(schema);
            while (it.hasNext()) {
                Block b = it.next();
                for (int i = 0; i < b.rows; i++) {
                    int[] row = new int[attrs];
                    for (int a = 0; a < attrs; a++) {
                        row[a] = CodedRows.decode(b.codes[i * attrs + a]);
                    }
                    c.add(Profile.ofUnchecked(row));
                }
            }
            return Collections.singletonList(c).iterator();
        }).collect();
        ExemplarFitter.Counts total = new ExemplarFitter.Counts(schema);
        parts.forEach(total::merge);
        return total;
    }

    /**
     * The exemplar model of the users (as {@code ExemplarFitter.fit} of the same users in one JVM).
     *
     * @throws IllegalArgumentException if there are fewer than 2 users
     */
    public static ExemplarModel fit(SparkUsers users, ExemplarFitter.Options options) {
        return ExemplarFitter.fit(count(users), options);
    }
}
