package dev.ember.engine.cache;

/**
 * What a {@link RowCache} needs from the tables behind it. Keys are linearised rows: per-table caches use
 * the row itself, a shared cache {@code rowOffset(table) + row}.
 */
public interface CacheBacking {

    /** Dequantizes the row of {@code key} into {@code slots[offset .. offset + dim)}. */
    void load(long key, float[] slots, int offset);

    /** Index, among the tables behind this cache (0 for a per-table cache), of the table holding {@code key}. */
    int localTableOf(long key);

    /** Evicts: requantizes {@code slots[offset .. + dim)} into the row of {@code key} (stochastic rounding keyed by step). */
    void writeBack(long key, float[] slots, int offset, long step);

    /** LFU count of the row of {@code key}. */
    long frequency(long key);
}
