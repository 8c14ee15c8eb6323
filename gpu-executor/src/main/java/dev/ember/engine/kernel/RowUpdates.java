package dev.ember.engine.kernel;

/**
 * One task's sparse updates of one table's unique rows {@code u} ({@code firstUnique <= u < endUnique}): row
 * {@code uniqueRows[u]}, cached in {@code slots} at slot {@code slotOfUnique[u]} (floats from
 * {@code RowCache.SLOT_ORIGIN + slot * dim}) or uncached ({@code -1}); its
 * lookups are {@code lookupsByUnique[lookupStart[u] .. lookupStart[u + 1])}, in increasing order, and lookup
 * {@code k}'s gradient is {@code gradients[gradientBase + bagOfLookup[k] * gradientStride ..]}. The gradient of
 * a row is the sum of its lookups' gradients in that order, starting from 0; the update is
 * {@code w -= rate * gradient}, where {@code rate} is {@code learningRate} for SGD ({@code accumulators} null) and,
 * for row-wise Adagrad, {@code learningRate / (sqrt(a) + epsilon)} with {@code a = accumulators[row] + mean square
 * of the gradient} stored back ({@link SgdVectors#rowRate}); an uncached row is re-encoded keyed by
 * {@code CounterRandom.rowKey(tableKey, row)}.
 */
public record RowUpdates(int[] uniqueRows, int[] slotOfUnique, int[] lookupStart, int[] lookupsByUnique,
                         int[] bagOfLookup, int firstUnique, int endUnique, float[] slots,
                         float[] gradients, int gradientBase, int gradientStride,
                         float learningRate, float[] accumulators, long tableKey) {
}
