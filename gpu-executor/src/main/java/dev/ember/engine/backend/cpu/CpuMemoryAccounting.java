package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.RowCache;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.MemoryReport;
import dev.ember.engine.format.RowLayout;
import dev.ember.engine.storage.ChunkedRowStorage;

import java.util.ArrayList;
import java.util.List;

/**
 * Memory accounting (design.md section 4). The report is computed from the formula
 * <pre>
 * per table: rows x dataBytes + 48 x chunks + rows x qparamBytes + slots x dim x 4 + 48
 *            + slots x 16 (tag, last use) + sets x 8 x ceil(ways / 8) (fingerprints) + 48
 *            + rows x lfuCounterBytes + rows x optimizerStateBytes
 * FP32 baseline: rows x dim x 4 + 48 x (chunks of an FP32 table) + rows x optimizerStateBytes
 * </pre>
 * (48 bytes: {@link ChunkedRowStorage#ROW_ORIGIN} per chunk, and per cache {@code RowCache.SLOT_ORIGIN} floats
 * and {@code RowCache.META_ORIGIN} longs;
 * {@code slots} is the cache's real slot count, capacity rounded up to whole sets; a shared cache is reported
 * on a pseudo-table "shared-cache", whose metadata also holds its key-to-table index, at most 64 KiB).
 * {@link #allocatedBytes} sums the arrays themselves; the tests check both agree. Per-batch scratch
 * (deduplication, gradient sums) is O(batch) and not counted.
 */
final class CpuMemoryAccounting {
    private CpuMemoryAccounting() {
    }

    static MemoryReport report(CpuEmbeddingCollection collection) {
        EmbeddingConfig config = collection.config();
        int dim = config.embeddingDim();
        RowLayout layout = new RowLayout(config.precision(), config.qparamsPrecision(), dim);
        int counterBytes = collection.cacheLayer.frequencies(0) == null ? 0 : collection.counterKind().bytesPerRow();
        int optimizerBytes = config.optimizer().stateBytesPerRow();
        List<MemoryReport.TableMemory> tables = new ArrayList<>();
        for (int t = 0; t < config.numTables(); t++) {
            long rows = config.rows(t);
            RowCache cache = collection.cacheLayer.isShared() ? null : collection.cacheLayer.cache(t);
            long slots = cache == null ? 0 : cache.numSlots();
            long origins = (long) ChunkedRowStorage.ROW_ORIGIN * collection.tables[t].storage().numChunks();
            tables.add(new MemoryReport.TableMemory("table" + t, rows * layout.dataBytes() + origins,
                    rows * layout.qparamBytes(),
                    cache == null ? 0 : RowCache.slotBytes(slots, dim),
                    (cache == null ? 0 : RowCache.metadataBytes(slots, cache.ways())) + rows * counterBytes,
                    rows * optimizerBytes,
                    fp32TableBytes(collection.tables[t].storage(), dim) + rows * optimizerBytes));
        }
        RowCache shared = collection.cacheLayer.sharedCache();
        if (shared != null) {
            long slots = shared.numSlots();
            long index = TableBacking.indexBytes(config.rowsPerTable());
            tables.add(new MemoryReport.TableMemory("shared-cache", 0, 0, RowCache.slotBytes(slots, dim),
                    RowCache.metadataBytes(slots, shared.ways()) + index, 0, 0));
        }
        return new MemoryReport(tables);
    }

    /** What the table's rows take stored in FP32 (the baseline): the same rows and chunking, 4 bytes a value. */
    private static long fp32TableBytes(ChunkedRowStorage storage, int dim) {
        return ChunkedRowStorage.allocatedBytes(storage.numRows(), 4 * dim, storage.maxChunkBytes());
    }

    static long allocatedBytes(CpuEmbeddingCollection collection) {
        long total = 0;
        for (int t = 0; t < collection.numTables(); t++) {
            total += collection.tables[t].storage().allocatedBytes();
            if (collection.accumulators[t] != null) {
                total += 4L * collection.accumulators[t].length;
            }
            if (collection.cacheLayer.frequencies(t) != null) {
                total += collection.cacheLayer.frequencies(t).allocatedBytes();
            }
            RowCache cache = collection.cacheLayer.cache(t);
            if (cache != null && !collection.cacheLayer.isShared()) {
                total += cache.slotBytes() + cache.metadataBytes();
            }
        }
        RowCache shared = collection.cacheLayer.sharedCache();
        if (shared != null) {
            total += shared.slotBytes() + shared.metadataBytes() + collection.cacheLayer.sharedIndexBytes();
        }
        return total;
    }
}
