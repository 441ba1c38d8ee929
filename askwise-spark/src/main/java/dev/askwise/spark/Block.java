package dev.askwise.spark;

import java.io.Serial;
import java.io.Serializable;

/**
 * A run of consecutive users as a Spark record: their global index (for EM's per-user random start), their coded
 * values ({@link dev.askwise.data.CodedRows} layout) and, when the source has them, their covariates.
 */
final class Block implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    final long firstIndex;
    final int rows;
    final byte[] codes;
    /** covariates[c][i]: covariate c of the block's user i; empty when there are none. */
    final String[][] covariates;

    Block(long firstIndex, int rows, byte[] codes, String[][] covariates) {
        this.firstIndex = firstIndex;
        this.rows = rows;
        this.codes = codes;
        this.covariates = covariates;
    }
}
