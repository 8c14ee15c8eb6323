package dev.ember.engine.embedding;

import java.util.Arrays;

/**
 * The sparse half of a batch: for every table, CSR offsets and row indices (sum-pooled bags).
 * {@code offsets[t]} has {@code batchSize + 1} entries; bag {@code b} of table {@code t} holds
 * {@code indices[t][offsets[t][b] .. offsets[t][b+1])}. Criteo has one id per bag (offsets 0,1,2,...);
 * multi-hot features use longer bags. Arrays are owned by the batch and may be reused between steps.
 */
public final class SparseBatch {
    private final int batchSize;
    private final int[][] offsets;
    private final int[][] indices;

    public SparseBatch(int batchSize, int[][] offsets, int[][] indices) {
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0, got " + batchSize);
        }
        if (offsets.length != indices.length) {
            throw new IllegalArgumentException("offsets has " + offsets.length + " tables but indices has "
                    + indices.length);
        }
        for (int t = 0; t < offsets.length; t++) {
            if (offsets[t].length < batchSize + 1) {
                throw new IllegalArgumentException("offsets[" + t + "] has " + offsets[t].length
                        + " entries, needs batchSize + 1 = " + (batchSize + 1));
            }
            if (offsets[t][0] != 0 || offsets[t][batchSize] > indices[t].length) {
                throw new IllegalArgumentException("offsets[" + t + "] must start at 0 and end within indices["
                        + t + "] (length " + indices[t].length + "), got " + offsets[t][0] + ".." + offsets[t][batchSize]);
            }
        }
        this.batchSize = batchSize;
        this.offsets = offsets;
        this.indices = indices;
    }

    /** One id per bag: {@code ids[b * numTables + t]} is the row of sample {@code b} in table {@code t}. */
    public static SparseBatch oneHot(int batchSize, int numTables, int[] ids) {
        if (ids.length < batchSize * numTables) {
            throw new IllegalArgumentException("ids has " + ids.length + " entries, needs batchSize * numTables = "
                    + batchSize * numTables);
        }
        int[] counting = new int[batchSize + 1];
        Arrays.setAll(counting, i -> i);
        int[][] offsets = new int[numTables][];
        int[][] indices = new int[numTables][batchSize];
        for (int t = 0; t < numTables; t++) {
            offsets[t] = counting;
            for (int b = 0; b < batchSize; b++) {
                indices[t][b] = ids[b * numTables + t];
            }
        }
        return new SparseBatch(batchSize, offsets, indices);
    }

    public int batchSize() {
        return batchSize;
    }

    public int numTables() {
        return offsets.length;
    }

    public int[] offsets(int table) {
        return offsets[table];
    }

    public int[] indices(int table) {
        return indices[table];
    }
}
