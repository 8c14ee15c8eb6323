package dev.ember.engine.cache;

import java.util.Objects;

/**
 * FP32 row cache configuration. Capacity is {@code rows} slots when {@code rows >= 0}, else
 * {@code ceil(loadFactor * tableRows)} (per table) or {@code ceil(loadFactor * totalRows)} (shared).
 * With an explicit row count and per-table caches, each table gets {@code min(rows, tableRows)} slots.
 * {@code ways} is the set associativity; a capacity of at most {@code ways} slots is one fully associative set.
 * A capacity of zero disables the cache.
 */
public record CacheConfig(double loadFactor, long rows, CachePolicy policy, int ways, boolean shared) {

    /** FBGEMM's default associativity. */
    public static final int DEFAULT_WAYS = 32;

    public CacheConfig {
        if (!(loadFactor >= 0.0 && loadFactor <= 1.0)) {
            throw new IllegalArgumentException("cache loadFactor must be in [0, 1], got " + loadFactor);
        }
        if (rows < -1) {
            throw new IllegalArgumentException("cache rows must be >= 0, or -1 to use loadFactor; got " + rows);
        }
        Objects.requireNonNull(policy, "cache policy must not be null");
        if (ways < 1) {
            throw new IllegalArgumentException("cache ways must be >= 1, got " + ways);
        }
    }

    /** No cache: every row is read and updated in its storage format. */
    public static CacheConfig none() {
        return new CacheConfig(0.0, 0, CachePolicy.LRU, DEFAULT_WAYS, false);
    }

    /** Per-table caches of {@code loadFactor} of each table's rows, 32 ways. */
    public static CacheConfig ofLoadFactor(double loadFactor, CachePolicy policy) {
        return new CacheConfig(loadFactor, -1, policy, DEFAULT_WAYS, false);
    }

    /** Per-table caches of a fixed number of rows, 32 ways. */
    public static CacheConfig ofRows(long rows, CachePolicy policy) {
        return new CacheConfig(0.0, rows, policy, DEFAULT_WAYS, false);
    }

    public CacheConfig withWays(int newWays) {
        return new CacheConfig(loadFactor, rows, policy, newWays, shared);
    }

    public CacheConfig withShared(boolean newShared) {
        return new CacheConfig(loadFactor, rows, policy, ways, newShared);
    }

    /** Slots requested for a row space of {@code numRows} rows (before rounding up to whole sets). */
    public long capacityFor(long numRows) {
        if (rows >= 0) {
            return Math.min(rows, numRows);
        }
        return Math.min(numRows, (long) Math.ceil(loadFactor * numRows));
    }

    /** True when this configuration yields no slots at all. */
    public boolean isDisabled() {
        return rows == 0 || (rows < 0 && loadFactor == 0.0);
    }
}
