package dev.ember.engine.kernel;

/**
 * Which lookups of a {@link BagBlock} are served from an FP32 row cache: lookup {@code i}
 * ({@code firstLookup <= i < endLookup}) reads {@code slots[RowCache.SLOT_ORIGIN + slot * embeddingDim ..]} when
 * {@code slot = slotOfLookup[i - firstLookup]} is {@code >= 0}, else its stored row.
 */
public record CachedLookups(float[] slots, int[] slotOfLookup, int firstLookup, int endLookup) {

    /** The slot of lookup {@code i}, or -1 when it is uncached or outside this range. */
    int slotOf(int i) {
        return i < endLookup ? slotOfLookup[i - firstLookup] : -1;
    }
}
