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
    /**
     * Keys {@code [b << bucketShift, (b + 1) << bucketShift)} start in table {@code firstTableOfBucket[b]}: the
     * table of a key is that one or a few after it. A binary search over the offsets took a mispredicted branch
     * per level on random keys, and a cache miss calls this up to five times.
     */
    private final int bucketShift;
    private final int[] firstTableOfBucket;
    private boolean flushing;

    TableBacking(EmbeddingTable[] tables, long[] rowOffsets, FrequencyCounters[] frequencies, long seed) {
        this.tables = tables;
        this.rowOffsets = rowOffsets;
        this.frequencies = frequencies;
        this.seed = seed;
        if (tables.length == 1) {
            this.bucketShift = 0;
            this.firstTableOfBucket = null;
            return;
        }
        long totalRows = rowOffsets[tables.length - 1] + tables[tables.length - 1].numRows();
        int shift = bucketShift(totalRows);
        this.bucketShift = shift;
        this.firstTableOfBucket = new int[(int) (totalRows >>> shift) + 1];
        int local = 0;
        for (int bucket = 0; bucket < firstTableOfBucket.length; bucket++) {
            long firstKey = (long) bucket << shift;
            while (local + 1 < tables.length && rowOffsets[local + 1] <= firstKey) {
                local++;
            }
            firstTableOfBucket[bucket] = local;
        }
    }

    /** At most this many buckets (64 KiB of table indices). */
    private static final int MAX_BUCKETS = 1 << 14;
    /** At least 64 keys per bucket: the index costs at most 1/16 byte per row, even for small tables. */
    private static final int MIN_BUCKET_SHIFT = 6;

    /** Bytes of the key-to-table index (a shared cache's metadata; none behind a per-table cache). */
    long indexBytes() {
        return firstTableOfBucket == null ? 0 : 4L * firstTableOfBucket.length;
    }

    /** {@link #indexBytes} of a backing over tables of these row counts, without building it. */
    static long indexBytes(long[] rowsPerTable) {
        if (rowsPerTable.length == 1) {
            return 0;
        }
        long totalRows = java.util.Arrays.stream(rowsPerTable).sum();
        return 4L * ((totalRows >>> bucketShift(totalRows)) + 1);
    }

    /** Keys per bucket, as a power of two: at least 64, and few enough buckets for {@link #MAX_BUCKETS}. */
    private static int bucketShift(long totalRows) {
        int shift = MIN_BUCKET_SHIFT;
        while ((totalRows >>> shift) >= MAX_BUCKETS) {
            shift++;
        }
        return shift;
    }

    void setFlushing(boolean flushing) {
        this.flushing = flushing;
    }

    @Override
    public int localTableOf(long key) {
        if (firstTableOfBucket == null) {
            return 0;
        }
        int local = firstTableOfBucket[(int) (key >>> bucketShift)];
        while (local + 1 < tables.length && rowOffsets[local + 1] <= key) {
            local++;
        }
        return local;
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

    /**
     * Where the stored row of {@code key} is: {@code chunksOut[index]} and its byte offset there,
     * {@code offsetsOut[index]} (rows are {@link #stride} bytes). Reads only the small index arrays, so a batch
     * caller can locate all its rows first and then read them in a loop that holds nothing but the reads.
     */
    void locate(long key, byte[][] chunksOut, int[] offsetsOut, int index) {
        int local = localTableOf(key);
        long row = key - rowOffsets[local];
        chunksOut[index] = tables[local].storage().chunk(row);
        offsetsOut[index] = tables[local].storage().offset(row);
    }

    /** Bytes per stored row (the tables of a collection share one layout). */
    int stride() {
        return tables[0].storage().stride();
    }

    @Override
    public long frequency(long key) {
        int local = localTableOf(key);
        return frequencies[local] == null ? 0L : frequencies[local].count((int) (key - rowOffsets[local]));
    }
}
