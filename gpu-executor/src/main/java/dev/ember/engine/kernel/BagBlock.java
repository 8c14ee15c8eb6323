package dev.ember.engine.kernel;

/**
 * The bags of one table that one task pools, and where their sums go. Bag {@code b}
 * ({@code firstBag <= b < endBag}) holds lookups {@code offsets[b] .. offsets[b + 1] - 1}; lookup {@code i} reads
 * row {@code indices[i]}; the bag's sum goes to {@code out[outBase + b * outStride ..] } ({@code embeddingDim}
 * floats). The rows of lookups before {@code touchEnd} (which may lie beyond this block, in the next task's bags)
 * are touched a few lookups ahead to overlap their cache misses.
 */
public record BagBlock(int[] offsets, int[] indices, int firstBag, int endBag, int touchEnd,
                       float[] out, int outBase, int outStride) {
}
