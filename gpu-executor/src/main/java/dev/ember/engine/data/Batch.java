package dev.ember.engine.data;

import dev.ember.engine.embedding.SparseBatch;

/**
 * One training batch in columnar form: labels, dense features ({@code dense[b * numDense + j]}) and the
 * sparse bags. No object per sample; a source may reuse a batch's arrays after the next call.
 */
public record Batch(int size, int numDense, float[] labels, float[] dense, SparseBatch sparse) {
    public Batch {
        if (labels.length < size || dense.length < size * numDense || sparse.batchSize() != size) {
            throw new IllegalArgumentException("Batch of " + size + " samples with " + numDense
                    + " dense features got labels[" + labels.length + "], dense[" + dense.length
                    + "], sparse batch of " + sparse.batchSize());
        }
    }
}
