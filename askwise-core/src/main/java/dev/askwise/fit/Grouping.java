package dev.askwise.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive attributes grouped so that each group's joint codes (the product of its attributes' value counts + 1)
 * number at most {@value #MAX_SLOTS}: for 4-valued attributes, triples (125 joint slots); for binary ones, fours (81).
 * The fused pass then adds one precomputed joint log-term per group instead of one per attribute (a third of the
 * additions for 4 values), and counts joint slots that are summed back to per-attribute counts once per pass. The
 * joint tables (slots × K doubles per group, about 10 KB at K = 10) stay in the L1/L2 caches.
 */
final class Grouping {

    static final int MAX_SLOTS = 128;

    final int[] sizes;
    /** First attribute of group g; element G is the number of attributes. */
    final int[] start;
    /** Offset (in joint slots) of group g; element G is the total number of joint slots. */
    final int[] slotBase;
    /** missing[slotBase[g] + s]: how many of group g's attributes are missing (code 0) in joint slot s. */
    final int[] missing;

    private Grouping(int[] sizes, int[] start, int[] slotBase) {
        this.sizes = sizes;
        this.start = start;
        this.slotBase = slotBase;
        this.missing = new int[slotBase[slotBase.length - 1]];
        int[] codes = new int[sizes.length];
        for (int g = 0; g < start.length - 1; g++) {
            for (int s = 0; s < slotBase[g + 1] - slotBase[g]; s++) {
                decode(g, s, codes);
                for (int a = start[g]; a < start[g + 1]; a++) {
                    missing[slotBase[g] + s] += codes[a] == 0 ? 1 : 0;
                }
            }
        }
    }

    static Grouping of(int[] sizes) {
        List<Integer> starts = new ArrayList<>();
        List<Integer> bases = new ArrayList<>();
        int slots = 0;
        int a = 0;
        while (a < sizes.length) {
            starts.add(a);
            bases.add(slots);
            int product = sizes[a] + 1;
            a++;
            while (a < sizes.length && product * (sizes[a] + 1) <= MAX_SLOTS) {
                product *= sizes[a] + 1;
                a++;
            }
            slots += product;
        }
        int g = starts.size();
        int[] start = new int[g + 1];
        int[] slotBase = new int[g + 1];
        for (int i = 0; i < g; i++) {
            start[i] = starts.get(i);
            slotBase[i] = bases.get(i);
        }
        start[g] = sizes.length;
        slotBase[g] = slots;
        return new Grouping(sizes, start, slotBase);
    }

    int groups() {
        return start.length - 1;
    }

    /** Joint per-group terms: for each joint slot, the sum over the group's attributes of the per-attribute term. */
    double[] joint(double[] perAttribute, int[] base, int k) {
        double[] out = new double[slotBase[groups()] * k];
        int[] codes = new int[sizes.length];
        for (int g = 0; g < groups(); g++) {
            int slots = slotBase[g + 1] - slotBase[g];
            for (int s = 0; s < slots; s++) {
                decode(g, s, codes);
                int o = (slotBase[g] + s) * k;
                for (int a = start[g]; a < start[g + 1]; a++) {
                    int src = base[a] + codes[a] * k;
                    for (int z = 0; z < k; z++) {
                        out[o + z] += perAttribute[src + z];
                    }
                }
            }
        }
        return out;
    }

    /** Adds joint per-group counts into per-attribute counts (the inverse of {@link #joint}'s spreading). */
    void marginalise(double[] joint, double[] perAttribute, int[] base, int k) {
        marginalise(joint, k, perAttribute, base, k);
    }

    /** {@link #marginalise(double[], double[], int[], int)} from joint counts whose slots are {@code stride} apart. */
    void marginalise(double[] joint, int stride, double[] perAttribute, int[] base, int k) {
        int[] codes = new int[sizes.length];
        for (int g = 0; g < groups(); g++) {
            int slots = slotBase[g + 1] - slotBase[g];
            for (int s = 0; s < slots; s++) {
                int o = (slotBase[g] + s) * stride;
                decode(g, s, codes);
                for (int a = start[g]; a < start[g + 1]; a++) {
                    int dst = base[a] + codes[a] * k;
                    for (int z = 0; z < k; z++) {
                        perAttribute[dst + z] += joint[o + z];
                    }
                }
            }
        }
    }

    /** The attribute codes of joint slot s of group g (Horner order: the group's last attribute varies fastest). */
    private void decode(int g, int s, int[] codes) {
        for (int a = start[g + 1] - 1; a >= start[g]; a--) {
            codes[a] = s % (sizes[a] + 1);
            s /= sizes[a] + 1;
        }
    }
}
