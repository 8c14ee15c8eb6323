package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.RowCache;
import dev.ember.engine.embedding.EmbeddingConfig;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Checkpoint format, version 1 (big-endian DataOutput): magic "EMBR", version, a structural fingerprint of
 * the configuration (dimension, rows, formats, cache, optimizer, LFU counter kind), the last step and flush
 * count, then per table: stored rows as is, optimizer accumulators, statistics, LFU counters; then the
 * caches (tags, last-use steps, FP32 slots as they are). Resuming is bit-exact.
 */
final class CpuCheckpoint {
    private static final int MAGIC = 0x454d4252;
    private static final int VERSION = 1;

    private CpuCheckpoint() {
    }

    private static String fingerprint(CpuEmbeddingCollection collection) {
        EmbeddingConfig c = collection.config();
        return "dim=" + c.embeddingDim() + " rows=" + Arrays.toString(c.rowsPerTable()) + " precision=" + c.precision()
                + " qparams=" + c.qparamsPrecision() + " cache=" + c.cache() + " optimizer=" + c.optimizer()
                + " lfuCounters=" + collection.counterKind();
    }

    static void write(CpuEmbeddingCollection collection, DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(fingerprint(collection));
        out.writeLong(collection.lastStep);
        out.writeLong(collection.flushCount);
        for (int t = 0; t < collection.numTables(); t++) {
            collection.tables[t].storage().write(out);
            float[] accumulators = collection.accumulators[t];
            if (accumulators != null) {
                for (float value : accumulators) {
                    out.writeFloat(value);
                }
            }
            collection.counters[t].write(out);
            if (collection.cacheLayer.frequencies(t) != null) {
                collection.cacheLayer.frequencies(t).write(out);
            }
        }
        for (RowCache cache : caches(collection)) {
            cache.write(out);
        }
    }

    static void read(CpuEmbeddingCollection collection, DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not an Ember embedding checkpoint: magic 0x" + Integer.toHexString(magic));
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("unsupported embedding checkpoint version " + version + ", expected " + VERSION);
        }
        String stored = in.readUTF();
        String expected = fingerprint(collection);
        if (!stored.equals(expected)) {
            throw new IOException("checkpoint configuration does not match: checkpoint has [" + stored
                    + "], this collection has [" + expected + "]");
        }
        collection.lastStep = in.readLong();
        collection.flushCount = in.readLong();
        for (int t = 0; t < collection.numTables(); t++) {
            collection.tables[t].storage().read(in);
            float[] accumulators = collection.accumulators[t];
            if (accumulators != null) {
                for (int i = 0; i < accumulators.length; i++) {
                    accumulators[i] = in.readFloat();
                }
            }
            collection.counters[t].read(in);
            if (collection.cacheLayer.frequencies(t) != null) {
                collection.cacheLayer.frequencies(t).read(in);
            }
        }
        for (RowCache cache : caches(collection)) {
            cache.read(in);
        }
    }

    private static RowCache[] caches(CpuEmbeddingCollection collection) {
        if (collection.cacheLayer.isShared()) {
            return new RowCache[] {collection.cacheLayer.sharedCache()};
        }
        return perTableCaches(collection);
    }

    private static RowCache[] perTableCaches(CpuEmbeddingCollection collection) {
        return java.util.stream.IntStream.range(0, collection.numTables())
                .mapToObj(collection.cacheLayer::cache)
                .filter(java.util.Objects::nonNull)
                .toArray(RowCache[]::new);
    }
}
