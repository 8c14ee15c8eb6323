package dev.ember.engine.embedding;

/**
 * Cumulative cache counters of one table (design.md section 3). {@code uniqueRows} counts, per step, the
 * distinct rows the batch touched; {@code uniqueMisses} those not already cached; {@code conflictMisses}
 * those that got no slot (all ways pinned, or refused by LFU admission); {@code evictions} rows written back.
 */
public record CacheStatistics(String table, long lookups, long uniqueRows, long uniqueMisses,
                              long conflictMisses, long evictions) {

    /** Fraction of unique rows per step that were already in the cache; 0 when nothing was looked up. */
    public double hitRate() {
        return uniqueRows == 0 ? 0.0 : (double) (uniqueRows - uniqueMisses) / uniqueRows;
    }

    public CacheStatistics plus(CacheStatistics o) {
        return new CacheStatistics("all", lookups + o.lookups, uniqueRows + o.uniqueRows,
                uniqueMisses + o.uniqueMisses, conflictMisses + o.conflictMisses, evictions + o.evictions);
    }
}
