package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CacheCounters;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.cache.FrequencyCounterKind;
import dev.ember.engine.cache.FrequencyCounters;
import dev.ember.engine.cache.RowCache;
import dev.ember.engine.parallel.WorkerPool;
import dev.ember.engine.storage.EmbeddingTable;
import dev.ember.engine.storage.MemoryTouch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The caches of a collection: none, one per table, or one shared by all tables over a linearised row space
 * ({@code key = sum of earlier tables' rows + row}). Runs populate (pin all hits, then insert misses in
 * table and first-appearance order) and flush. Insertion runs in parallel over groups of cache sets: sets are
 * independent, and each group handles its misses in the global order, so the result is the sequential one.
 */
final class CacheLayer {
    /** Upper bound on the set groups of one cache that are populated concurrently. */
    private static final int MAX_SET_GROUPS = 64;
    /**
     * Set groups per thread of the executor (for balance). The groups do not change the result (sets are
     * independent), only the cost: each group is a task with its own passes, so fewer groups mean less planning
     * and longer loops of independent reads.
     */
    private static final int SET_GROUPS_PER_THREAD = 4;

    private final RowCache[] cacheOfTable;
    private final RowCache sharedCache;
    private final TableBacking[] backingOfTable;
    private final TableBacking sharedBacking;
    private final long[] keyOffset;
    private final FrequencyCounters[] frequencies;
    /** 0 .. numTables - 1, the local tables of a shared cache. */
    private final int[] allTables;
    /**
     * Per cache (index 0 for a shared cache, else the table), per set group, per local table: the insertion
     * counters of the group's task, kept between steps (allocating them per step cost ~30 us on the calling
     * thread at 26 tables); the task zeroes them when it starts.
     */
    private final CacheCounters[][][] groupCounters;

    CacheLayer(CacheConfig config, EmbeddingTable[] tables, FrequencyCounterKind counterKind,
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
        allTables = new int[numTables];
        Arrays.setAll(allTables, t -> t);
        groupCounters = new CacheCounters[numTables][][];
        if (config.shared() && anyCache && config.capacityFor(totalRows) > 0) {
            sharedCache = new RowCache(config.capacityFor(totalRows), config.ways(), dim, config.policy());
            sharedBacking = new TableBacking(tables, keyOffset.clone(), frequencies, seed);
            groupCounters[0] = newGroupCounters(numTables);
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
                            new FrequencyCounters[] {frequencies[t]}, seed);
                    groupCounters[t] = newGroupCounters(1);
                }
            }
        }
    }

    private static CacheCounters[][] newGroupCounters(int localTables) {
        CacheCounters[][] counters = new CacheCounters[MAX_SET_GROUPS][localTables];
        for (CacheCounters[] group : counters) {
            Arrays.setAll(group, i -> new CacheCounters());
        }
        return counters;
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

    /** Bytes of the shared cache's key-to-table index (0 without a shared cache). */
    long sharedIndexBytes() {
        return sharedBacking == null ? 0 : sharedBacking.indexBytes();
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
        if (cache == null) {
            Arrays.fill(rows.slotOfUnique, 0, rows.numUnique, -1);
            misses = rows.numUnique;
        } else {
            long offset = keyOffset[table];
            int[] sets = rows.setScratch();
            for (int u = 0; u < rows.numUnique; u++) {
                sets[u] = cache.setOf(offset + rows.uniqueRows[u]);
            }
            long touched = 0;
            for (int u = 0; u < rows.numUnique; u++) {
                touched += cache.touchSet(sets[u]);
            }
            for (int u = 0; u < rows.numUnique; u++) {
                int slot = cache.pinInSet(sets[u], offset + rows.uniqueRows[u], step);
                rows.slotOfUnique[u] = slot;
                if (slot < 0) {
                    misses++;
                }
            }
            MemoryTouch.keep(touched);
        }
        counters.uniqueRows += rows.numUnique;
        counters.uniqueMisses += misses;
    }

    /**
     * Phase 2 for all caches: inserts every table's misses (slot -1 after phase 1) in table then
     * first-appearance order within each cache set, set groups in parallel; adds conflict misses and evictions.
     */
    void insertMisses(long step, BatchRows[] rows, CacheCounters[] counters, WorkerPool executor) {
        List<InsertTask> tasks = new ArrayList<>();
        int maxGroups = Math.min(MAX_SET_GROUPS, SET_GROUPS_PER_THREAD * executor.threads());
        if (sharedCache != null) {
            planGroups(sharedCache, sharedBacking, allTables, groupCounters[0], rows, tasks, maxGroups);
        } else {
            for (int t = 0; t < rows.length; t++) {
                if (cacheOfTable[t] != null) {
                    planGroups(cacheOfTable[t], backingOfTable[t], new int[] {t}, groupCounters[t], rows, tasks,
                            maxGroups);
                }
            }
        }
        executor.run(tasks.size(), i -> tasks.get(i).run(step, rows));
        for (InsertTask task : tasks) {
            for (int local = 0; local < task.tables.length; local++) {
                counters[task.tables[local]].conflictMisses += task.counters[local].conflictMisses;
                counters[task.tables[local]].evictions += task.counters[local].evictions;
            }
        }
    }

    /** Splits one cache's misses into groups of contiguous sets (counting sort, order kept within a group). */
    private void planGroups(RowCache cache, TableBacking backing, int[] tables, CacheCounters[][] countersOfGroup,
                            BatchRows[] rows, List<InsertTask> tasks, int maxGroups) {
        int groups = Math.min(maxGroups, cache.numSets());
        long groupScale = ((long) groups << 32) / cache.numSets();
        int[] start = new int[groups + 1];
        int misses = 0;
        for (int table : tables) {
            BatchRows batchRows = rows[table];
            for (int u = 0; u < batchRows.numUnique; u++) {
                if (batchRows.slotOfUnique[u] < 0) {
                    start[groupOf(batchRows.setOfUnique()[u], groupScale) + 1]++;
                    misses++;
                }
            }
        }
        if (misses == 0) {
            return;
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] cursor = Arrays.copyOf(start, groups);
        int[] localTable = new int[misses];
        int[] unique = new int[misses];
        for (int local = 0; local < tables.length; local++) {
            BatchRows batchRows = rows[tables[local]];
            for (int u = 0; u < batchRows.numUnique; u++) {
                if (batchRows.slotOfUnique[u] < 0) {
                    int position = cursor[groupOf(batchRows.setOfUnique()[u], groupScale)]++;
                    localTable[position] = local;
                    unique[position] = u;
                }
            }
        }
        for (int g = 0; g < groups; g++) {
            if (start[g + 1] > start[g]) {
                tasks.add(new InsertTask(cache, backing, tables, keyOffset, localTable, unique, start[g], start[g + 1],
                        countersOfGroup[g]));
            }
        }
    }

    /**
     * The group of a set (the sets of every unique row were computed by {@link #pinHits}): about
     * {@code set * groups / numSets}, contiguous runs of sets, always below {@code groups}, with
     * {@code groupScale = floor(groups * 2^32 / numSets)} (a multiply instead of a division per miss; groups <= numSets
     * < 2^31 keeps the product below 2^63).
     */
    private static int groupOf(int set, long groupScale) {
        return (int) ((set * groupScale) >>> 32);
    }

    /** The misses of one group of sets, inserted in order, with counters of its own. */
    private static final class InsertTask {
        final RowCache cache;
        final TableBacking backing;
        final int[] tables;
        final long[] keyOffset;
        final int[] localTable;
        final int[] unique;
        final int from;
        final int to;
        final CacheCounters[] counters;

        InsertTask(RowCache cache, TableBacking backing, int[] tables, long[] keyOffset, int[] localTable,
                   int[] unique, int from, int to, CacheCounters[] counters) {
            this.cache = cache;
            this.backing = backing;
            this.tables = tables;
            this.keyOffset = keyOffset;
            this.localTable = localTable;
            this.unique = unique;
            this.from = from;
            this.to = to;
            this.counters = counters;
        }

        /**
         * Claims every miss's slot in order, then fills the slots ({@link RowCache#claimInSet}). Each pass first
         * touches the memory of all its misses (sets; then victim slots and both stored rows) in a loop of
         * independent reads, so the three dependent memory misses of an insertion overlap across rows instead
         * of running back to back (with the table index of {@link TableBacking}: 1.5 us -> 0.45 us per miss on one
         * thread, 26 INT8 tables of 1M rows, uniform keys, this VM). The stored rows are located first, so that the
         * loop of reads holds nothing but the reads: finding a row's table and chunk inside it left the CPU room
         * for fewer reads in flight. Measured: the touch pass 273-441 -> 131-213 us per DLRM step on one thread,
         * but the fills then wait longer; the whole training step 1.018x (median of 10 rounds, two builds in one
         * JVM, {@code BuildComparison}: one table of 1M x 16 and the DLRM shape), against 1.007x for a build
         * against itself: a small gain, at the edge of the noise.
         */
        void run(long step, BatchRows[] rows) {
            for (CacheCounters counter : counters) {
                counter.conflictMisses = 0;
                counter.evictions = 0;
            }
            int count = to - from;
            long[] keys = new long[count];
            int[] sets = new int[count];
            int[] slots = new int[count];
            long[] evicted = new long[count];
            for (int k = 0; k < count; k++) {
                int table = tables[localTable[from + k]];
                keys[k] = keyOffset[table] + rows[table].uniqueRows[unique[from + k]];
                sets[k] = rows[table].setOfUnique()[unique[from + k]];
            }
            long touched = 0;
            for (int k = 0; k < count; k++) {
                touched += cache.touchSetState(sets[k]);
            }
            for (int k = 0; k < count; k++) {
                slots[k] = cache.claimInSet(sets[k], keys[k], step, backing, counters, evicted, k);
                rows[tables[localTable[from + k]]].slotOfUnique[unique[from + k]] = slots[k];
            }
            // Per claimed miss, the missed row at 2k and the evicted row (or the missed row again) at 2k + 1.
            byte[][] rowChunks = new byte[2 * count][];
            int[] rowOffsets = new int[2 * count];
            for (int k = 0; k < count; k++) {
                if (slots[k] >= 0) {
                    backing.locate(keys[k], rowChunks, rowOffsets, 2 * k);
                    long stored = evicted[k] == RowCache.EMPTY ? keys[k] : evicted[k];
                    backing.locate(stored, rowChunks, rowOffsets, 2 * k + 1);
                }
            }
            int stride = backing.stride();
            for (int k = 0; k < count; k++) {
                if (slots[k] >= 0) {
                    touched += cache.touchSlot(slots[k])
                            + MemoryTouch.bytes(rowChunks[2 * k], rowOffsets[2 * k], stride)
                            + MemoryTouch.bytes(rowChunks[2 * k + 1], rowOffsets[2 * k + 1], stride);
                }
            }
            for (int k = 0; k < count; k++) {
                if (slots[k] >= 0) {
                    cache.fill(slots[k], keys[k], evicted[k], step, backing);
                }
            }
            MemoryTouch.keep(touched);
        }
    }

    /**
     * {@code slotsOut[k] = find(table, rows[from + k])} for {@code from + k < to}: sets first, then all sets
     * touched (see {@link RowCache#touchSet}), then the scans. Changes nothing.
     */
    void findAll(int table, int[] rows, int from, int to, int[] slotsOut) {
        RowCache cache = cacheOfTable[table];
        if (cache == null) {
            Arrays.fill(slotsOut, 0, to - from, -1);
            return;
        }
        long offset = keyOffset[table];
        for (int i = from; i < to; i++) {
            slotsOut[i - from] = cache.setOf(offset + rows[i]);
        }
        long touched = 0;
        for (int k = 0; k < to - from; k++) {
            touched += cache.touchSet(slotsOut[k]);
        }
        for (int i = from; i < to; i++) {
            slotsOut[i - from] = cache.findInSet(slotsOut[i - from], offset + rows[i]);
        }
        MemoryTouch.keep(touched);
    }

    /** The slot holding a row, or -1; changes nothing. */
    int find(int table, int row) {
        RowCache cache = cacheOfTable[table];
        return cache == null ? -1 : cache.find(keyOffset[table] + row);
    }

    /** Writes every cached row back (stream FLUSH, keyed by {@code flushStep}) and empties the caches. */
    void flush(long flushStep, WorkerPool executor) {
        if (sharedCache != null) {
            flushOne(sharedCache, sharedBacking, flushStep);
            return;
        }
        executor.run(cacheOfTable.length, t -> {
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
