package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.CacheBacking;
import dev.ember.engine.cache.FrequencyCounters;
import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.storage.EmbeddingTable;

/**
 * Connects a cache to the tables behind it. Keys are {@code rowOffsets[table] + row}; a per-table cache sees
 * one table with offset 0. Write-back requantizes with stochastic rounding keyed by
 * (seed, UPDATE or FLUSH stream, step, table, row).
 */
final class TableBacking implements CacheBacking {
    private final EmbeddingTable[] tables;
    private final long[] rowOffsets;
    private final FrequencyCounters[] frequencies;
    private final long seed;
    private boolean flushing;

    TableBacking(EmbeddingTable[] tables, long[] rowOffsets, FrequencyCounters[] frequencies, long seed) {
        this.tables = tables;
        this.rowOffsets = rowOffsets;
        this.frequencies = frequencies;
        this.seed = seed;
    }

    void setFlushing(boolean flushing) {
        this.flushing = flushing;
    }

    @Override
    public int localTableOf(long key) {
        if (tables.length == 1) {
            return 0;
        }
        int low = 0;
        int high = tables.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (rowOffsets[mid] <= key) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    long keyOf(int localTable, long row) {
        return rowOffsets[localTable] + row;
    }

    @Override
    public void load(long key, float[] slots, int offset) {
        int local = localTableOf(key);
        tables[local].decodeRow(key - rowOffsets[local], slots, offset);
    }

    @Override
    public void writeBack(long key, float[] slots, int offset, long step) {
        int local = localTableOf(key);
        EmbeddingTable table = tables[local];
        long row = key - rowOffsets[local];
        int stream = flushing ? CounterRandom.STREAM_FLUSH : CounterRandom.STREAM_UPDATE;
        table.encodeRow(row, slots, offset, CounterRandom.rowKey(seed, stream, step, table.tableIndex(), row));
    }

    @Override
    public long frequency(long key) {
        int local = localTableOf(key);
        return frequencies[local] == null ? 0L : frequencies[local].count((int) (key - rowOffsets[local]));
    }
}
