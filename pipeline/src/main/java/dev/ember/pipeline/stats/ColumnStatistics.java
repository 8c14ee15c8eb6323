package dev.ember.pipeline.stats;

import java.util.List;

/**
 * Per-column statistics written to metadata.json.
 *
 * @param name C1..C26
 * @param cardinality table rows the trainer allocates, reserved ids included
 * @param distinctValues distinct non-missing keys counted (raw values when a vocabulary is
 *     built, ids when hashing or reusing a vocabulary)
 * @param keptValues values with their own id (vocabulary mode), else distinct ids
 * @param missing lines with this field empty
 * @param rareAccesses occurrences mapped to the rare id (vocabulary built here), else 0
 * @param histogram frequency histogram of the counted keys
 * @param cacheSizing cache-sizing statistics over table rows
 */
public record ColumnStatistics(String name, long cardinality, long distinctValues,
    long keptValues, long missing, long rareAccesses, List<HistogramBucket> histogram,
    CacheSizing cacheSizing) {}
