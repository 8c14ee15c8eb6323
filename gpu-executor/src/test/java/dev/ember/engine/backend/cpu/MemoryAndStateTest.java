package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.RowCache;
import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.cache.FrequencyCounterKind;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.embedding.MemoryReport;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.storage.ChunkedRowStorage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryAndStateTest {
    private static final long[] ROWS = {1000, 37, 5000};

    @Test
    void memoryReportEqualsAllocatedBytes() {
        CacheConfig[] caches = {CacheConfig.none(), CacheConfig.ofLoadFactor(0.05, CachePolicy.LRU),
                CacheConfig.ofLoadFactor(0.05, CachePolicy.LFU).withWays(8),
                CacheConfig.ofRows(100, CachePolicy.LFU).withShared(true), CacheConfig.ofRows(7, CachePolicy.LRU)};
        for (Precision precision : Precision.values()) {
            for (CacheConfig cache : caches) {
                for (FrequencyCounterKind kind : FrequencyCounterKind.values()) {
                    EmbeddingConfig config = EmbeddingConfig.of(13, ROWS, precision, cache)
                            .withQParams(QParamsPrecision.FP16).withOptimizer(EmbeddingOptimizer.ROWWISE_ADAGRAD);
                    try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config, kind, 4096)) {
                        MemoryReport report = collection.memoryReport();
                        assertEquals(collection.allocatedBytes(), report.totalBytes(), config + " " + kind);
                        assertEquals(ROWS.length + (cache.shared() ? 1 : 0), report.tables().size());
                    }
                }
            }
        }
    }

    @Test
    void memoryReportFollowsTheFormula() {
        EmbeddingConfig config = EmbeddingConfig.of(16, new long[] {10_000}, Precision.INT8,
                CacheConfig.ofLoadFactor(0.05, CachePolicy.LFU)).withQParams(QParamsPrecision.FP16);
        try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config)) {
            MemoryReport.TableMemory table = collection.memoryReport().tables().get(0);
            assertEquals(10_000 * 16 + ChunkedRowStorage.ROW_ORIGIN, table.rowBytes(), "one chunk, and its origin");
            assertEquals(10_000 * 4, table.qparamBytes());
            assertEquals(512 * 16 * 4 + 4 * RowCache.SLOT_ORIGIN, table.cacheSlotBytes(),
                    "500 slots round up to 16 sets of 32 ways, after the padding that line-aligns them");
            assertEquals(512 * 16 + 16 * 32 + 48 + 10_000 * 2, table.cacheMetadataBytes(),
                    "tag and last use per slot, 32 one-byte fingerprints per set, the 48-byte origin, a 2-byte LFU"
                            + " counter per row");
            assertEquals(10_000 * 64 + ChunkedRowStorage.ROW_ORIGIN, table.fp32Bytes());
            double ratio = collection.memoryReport().ratioVsFp32();
            assertEquals(640_048.0 / (160_000 + 48 + 40_000 + 32_768 + 48 + 8_192 + 512 + 48 + 20_000), ratio, 1e-12);
        }
    }

    @Test
    void checkpointResumesBitExactly() throws IOException {
        EmbeddingConfig config = EmbeddingConfig.of(7, ROWS, Precision.INT4,
                CacheConfig.ofLoadFactor(0.05, CachePolicy.LFU)).withOptimizer(EmbeddingOptimizer.ROWWISE_ADAGRAD);
        byte[] middle;
        byte[] straight;
        try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config)) {
            train(collection, 0, 4);
            middle = snapshot(collection);
            train(collection, 4, 8);
            straight = snapshot(collection);
        }
        try (CpuEmbeddingCollection resumed = new CpuEmbeddingCollection(config)) {
            resumed.readState(new DataInputStream(new ByteArrayInputStream(middle)));
            train(resumed, 4, 8);
            assertArrayEquals(straight, snapshot(resumed), "resume from a checkpoint must be bit-exact");
        }
        EmbeddingConfig other = config.withQParams(QParamsPrecision.FP16);
        try (CpuEmbeddingCollection mismatched = new CpuEmbeddingCollection(other)) {
            IOException error = assertThrows(IOException.class,
                    () -> mismatched.readState(new DataInputStream(new ByteArrayInputStream(middle))));
            assertTrue(error.getMessage().contains("qparams=FP16"), error.getMessage());
        }
    }

    @Test
    void chunkedTablesGiveTheSameBitsAsOneChunk() throws IOException {
        EmbeddingConfig config = EmbeddingConfig.of(9, ROWS, Precision.INT8, CacheConfig.ofLoadFactor(0.02, CachePolicy.LRU));
        byte[] oneChunk;
        try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config, FrequencyCounterKind.DEFAULT,
                ChunkedRowStorage.DEFAULT_MAX_CHUNK_BYTES)) {
            assertEquals(1, collection.table(2).storage().numChunks());
            train(collection, 0, 5);
            oneChunk = snapshot(collection);
        }
        try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config, FrequencyCounterKind.DEFAULT, 100)) {
            assertEquals(5000 / 4, collection.table(2).storage().numChunks(), "17-byte rows, 4 per 100-byte chunk");
            train(collection, 0, 5);
            assertArrayEquals(oneChunk, snapshot(collection));
        }
    }

    private static void train(CpuEmbeddingCollection collection, int fromStep, int toStep) {
        for (int step = fromStep; step < toStep; step++) {
            SparseBatch batch = Traces.zipfBatch(ROWS, 100, 2, 1.05, 23, step);
            float[] pooled = new float[100 * ROWS.length * collection.embeddingDim()];
            collection.forward(step, batch, pooled);
            collection.backward(step, batch, Traces.gradient(pooled.length, 29, step), 0.1f);
        }
    }

    private static byte[] snapshot(CpuEmbeddingCollection collection) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        collection.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
