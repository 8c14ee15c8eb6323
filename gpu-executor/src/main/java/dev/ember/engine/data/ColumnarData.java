package dev.ember.engine.data;

import java.util.Arrays;

/**
 * A whole split in memory, column by column: {@code labels[i]}, {@code dense[i * numDense + j]}, and per table
 * CSR bags: sample {@code i} of table {@code t} holds {@code indices[t][offsets[t][i] .. offsets[t][i + 1])}.
 * No object per sample.
 */
public record ColumnarData(int numSamples, int numDense, float[] labels, float[] dense, int[][] offsets,
                           int[][] indices) {

    public ColumnarData {
        if (numSamples < 0 || numDense < 0) {
            throw new IllegalArgumentException("numSamples and numDense must be >= 0, got " + numSamples
                    + " and " + numDense);
        }
        if (labels.length != numSamples || dense.length != (long) numSamples * numDense) {
            throw new IllegalArgumentException("Expected labels[" + numSamples + "] and dense["
                    + (long) numSamples * numDense + "], got labels[" + labels.length + "] and dense["
                    + dense.length + "]");
        }
        if (offsets.length != indices.length) {
            throw new IllegalArgumentException("offsets has " + offsets.length + " tables, indices has "
                    + indices.length);
        }
        for (int t = 0; t < offsets.length; t++) {
            if (offsets[t].length != numSamples + 1 || offsets[t][0] != 0
                    || offsets[t][numSamples] != indices[t].length) {
                throw new IllegalArgumentException("offsets[" + t + "] must have numSamples + 1 = "
                        + (numSamples + 1) + " entries from 0 to indices[" + t + "].length = "
                        + indices[t].length + ", got " + offsets[t].length + " entries ending at "
                        + (offsets[t].length == 0 ? "nothing" : offsets[t][offsets[t].length - 1]));
            }
        }
    }

    /** One id per bag (Criteo): {@code ids[i * numTables + t]}. */
    public static ColumnarData oneHot(int numSamples, int numDense, float[] labels, float[] dense, int numTables,
                                      int[] ids) {
        if (ids.length != (long) numSamples * numTables) {
            throw new IllegalArgumentException("ids has " + ids.length + " entries, expected numSamples * numTables = "
                    + (long) numSamples * numTables);
        }
        int[] counting = new int[numSamples + 1];
        Arrays.setAll(counting, i -> i);
        int[][] offsets = new int[numTables][];
        int[][] indices = new int[numTables][numSamples];
        for (int t = 0; t < numTables; t++) {
            offsets[t] = counting;
            for (int i = 0; i < numSamples; i++) {
                indices[t][i] = ids[i * numTables + t];
            }
        }
        return new ColumnarData(numSamples, numDense, labels, dense, offsets, indices);
    }

    public int numTables() {
        return offsets.length;
    }

    /** The first {@code count} samples starting at {@code from}, copied (for train/test splits). */
    public ColumnarData slice(int from, int count) {
        if (from < 0 || count < 0 || from + count > numSamples) {
            throw new IllegalArgumentException("Slice [" + from + ", " + (from + count) + ") outside "
                    + numSamples + " samples");
        }
        int[][] newOffsets = new int[offsets.length][count + 1];
        int[][] newIndices = new int[offsets.length][];
        for (int t = 0; t < offsets.length; t++) {
            int base = offsets[t][from];
            for (int i = 0; i <= count; i++) {
                newOffsets[t][i] = offsets[t][from + i] - base;
            }
            newIndices[t] = Arrays.copyOfRange(indices[t], base, offsets[t][from + count]);
        }
        return new ColumnarData(count, numDense, Arrays.copyOfRange(labels, from, from + count),
                Arrays.copyOfRange(dense, from * numDense, (from + count) * numDense), newOffsets, newIndices);
    }
}
