package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CacheCounters;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.cache.FrequencyCounterKind;
import dev.ember.engine.cache.FrequencyCounters;
import dev.ember.engine.cache.RowCache;
import dev.ember.engine.storage.EmbeddingTable;

/**
 * The caches of a collection: none, one per table, or one shared by all tables over a linearised row space
 * ({@code key = sum of earlier tables' rows + row}). Runs populate (pin all hits, then insert misses in
 * table and first-appearance order) and flush.
 */
final class CacheLayer {
    private final RowCache[] cacheOfTable;
    private final RowCache sharedCache;
    private final TableBacking[] backingOfTable;
    private final TableBacking sharedBacking;
    private final long[] keyOffset;
    private final FrequencyCounters[] frequencies;

    CacheLayer(CacheConfig config, EmbeddingTable[] tables, CacheCounters[] counters, FrequencyCounterKind counterKind,
               long seed) {
        int numTables = tables.length;
        int dim = tables[0].layout().embeddingDim();
        cacheOfTable = new RowCache[numTables];
        backingOfTable = new TableBacking[numTables];
        keyOffset = new long[numTables];
        frequencies = new FrequencyCounters[numTables];
        boolean anyCache = !config.isDisabled();
        for (int t = 0; t < numTables; t++) {
            if (anyCache && config.policy() == CachePolicy.LFU) {
                frequencies[t] = FrequencyCounters.create(counterKind, (int) tables[t].numRows(), seed, t);
            }
        }
        long totalRows = 0;
        for (int t = 0; t < numTables; t++) {
            keyOffset[t] = config.shared() ? totalRows : 0;
            totalRows += tables[t].numRows();
        }
        if (config.shared() && anyCache && config.capacityFor(totalRows) > 0) {
            sharedCache = new RowCache(config.capacityFor(totalRows), config.ways(), dim, config.policy());
            sharedBacking = new TableBacking(tables, keyOffset.clone(), counters, frequencies, seed);
            for (int t = 0; t < numTables; t++) {
                cacheOfTable[t] = sharedCache;
                backingOfTable[t] = sharedBacking;
            }
        } else {
            sharedCache = null;
            sharedBacking = null;
            for (int t = 0; t < numTables; t++) {
                long capacity = anyCache ? config.capacityFor(tables[t].numRows()) : 0;
                if (capacity > 0) {
                    cacheOfTable[t] = new RowCache(capacity, config.ways(), dim, config.policy());
                    backingOfTable[t] = new TableBacking(new EmbeddingTable[] {tables[t]}, new long[] {0},
                            new CacheCounters[] {counters[t]}, new FrequencyCounters[] {frequencies[t]}, seed);
                }
            }
        }
    }

    boolean isShared() {
        return sharedCache != null;
    }

    RowCache cache(int table) {
        return cacheOfTable[table];
    }

    RowCache sharedCache() {
        return sharedCache;
    }

    FrequencyCounters frequencies(int table) {
        return frequencies[table];
    }

    /** Adds this step's occurrences to the table's LFU counts (no-op without LFU). */
    void countFrequencies(int table, BatchRows rows, long step) {
        FrequencyCounters counts = frequencies[table];
        if (counts != null) {
            for (int u = 0; u < rows.numUnique; u++) {
                counts.add(rows.uniqueRows[u], rows.occurrences[u], step);
            }
        }
    }

    /** Phase 1 for one table: pins hits, marks misses with slot -1; counts unique rows and misses. */
    void pinHits(int table, BatchRows rows, long step, CacheCounters counters) {
        RowCache cache = cacheOfTable[table];
        int misses = 0;
        for (int u = 0; u < rows.numUnique; u++) {
            int slot = cache == null ? -1 : cache.pin(keyOffset[table] + rows.uniqueRows[u], step);
            rows.slotOfUnique[u] = slot;
            if (slot < 0) {
                misses++;
            }
        }
        counters.uniqueRows += rows.numUnique;
        counters.uniqueMisses += misses;
    }

    /** Phase 2 for one table: inserts the misses in first-appearance order. */
    void insertMisses(int table, BatchRows rows, long step, CacheCounters counters) {
        RowCache cache = cacheOfTable[table];
        if (cache == null) {
            return;
        }
        TableBacking backing = backingOfTable[table];
        for (int u = 0; u < rows.numUnique; u++) {
            if (rows.slotOfUnique[u] < 0) {
                rows.slotOfUnique[u] = cache.insert(keyOffset[table] + rows.uniqueRows[u], step, backing, counters);
            }
        }
    }

    /** The slot holding a row, or -1; changes nothing. */
    int find(int table, int row) {
        RowCache cache = cacheOfTable[table];
        return cache == null ? -1 : cache.find(keyOffset[table] + row);
    }

    /** Writes every cached row back (stream FLUSH, keyed by {@code flushStep}) and empties the caches. */
    void flush(long flushStep, ParallelExecutor executor) {
        if (sharedCache != null) {
            flushOne(sharedCache, sharedBacking, flushStep);
            return;
        }
        executor.forEach(cacheOfTable.length, t -> {
            if (cacheOfTable[t] != null) {
                flushOne(cacheOfTable[t], backingOfTable[t], flushStep);
            }
        });
    }

    private static void flushOne(RowCache cache, TableBacking backing, long flushStep) {
        backing.setFlushing(true);
        try {
            cache.flush(flushStep, backing);
        } finally {
            backing.setFlushing(false);
        }
    }
}
