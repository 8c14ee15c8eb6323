package dev.ember.jobs.feed;

/**
 * Decoded rows of one or more Parquet row groups, row-major in flat arrays: {@code labels[r]},
 * {@code dense[r * numDense + j]}, {@code ids[r * numTables + t]}. No object per row.
 */
final class ColumnarRows {
    final int numDense;
    final int numTables;
    int rows;
    float[] labels;
    float[] dense;
    int[] ids;

    ColumnarRows(int numDense, int numTables, int capacity) {
        this.numDense = numDense;
        this.numTables = numTables;
        this.labels = new float[capacity];
        this.dense = new float[capacity * numDense];
        this.ids = new int[capacity * numTables];
    }

    /** Appends all rows of {@code other}, growing the arrays as needed. */
    void append(ColumnarRows other) {
        ensureCapacity(rows + other.rows);
        System.arraycopy(other.labels, 0, labels, rows, other.rows);
        System.arraycopy(other.dense, 0, dense, rows * numDense, other.rows * numDense);
        System.arraycopy(other.ids, 0, ids, rows * numTables, other.rows * numTables);
        rows += other.rows;
    }

    private void ensureCapacity(int needed) {
        if (needed <= labels.length) {
            return;
        }
        int capacity = Math.max(needed, labels.length + (labels.length >> 1));
        labels = java.util.Arrays.copyOf(labels, capacity);
        dense = java.util.Arrays.copyOf(dense, capacity * numDense);
        ids = java.util.Arrays.copyOf(ids, capacity * numTables);
    }
}
