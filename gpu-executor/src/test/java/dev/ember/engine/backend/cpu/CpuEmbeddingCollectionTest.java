package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingCollection;
import dev.ember.engine.embedding.EmbeddingCollections;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuEmbeddingCollectionTest {
    private static final long[] ROWS = {1000, 37, 5000};

    @ParameterizedTest
    @EnumSource(Precision.class)
    void trainingLowersASimpleLossForEveryFormat(Precision precision) {
        EmbeddingConfig config = EmbeddingConfig.of(8, ROWS, precision, CacheConfig.ofLoadFactor(0.05, CachePolicy.LRU));
        try (EmbeddingCollection collection = EmbeddingCollections.create(config)) {
            SparseBatch batch = Traces.zipfBatch(ROWS, 64, 3, 1.05, 7, 0);
            float[] pooled = new float[64 * 3 * 8];
            double first = Double.NaN;
            double last = Double.NaN;
            for (int step = 0; step < 60; step++) {
                collection.forward(step, batch, pooled);
                double loss = 0;
                for (float value : pooled) {
                    loss += 0.5 * (value - 1.0) * (value - 1.0);
                }
                float[] gradient = new float[pooled.length];
                for (int i = 0; i < pooled.length; i++) {
                    gradient[i] = pooled[i] - 1f;
                }
                collection.backward(step, batch, gradient, 0.005f);
                first = step == 0 ? loss : first;
                last = loss;
            }
            assertTrue(last < 0.3 * first, precision + ": loss went from " + first + " to " + last);
        }
    }

    @Test
    void lookupAfterFlushEqualsLookupBeforeWithinQuantizationAndChangesNoStatistics() {
        EmbeddingConfig config = EmbeddingConfig.of(16, ROWS, Precision.INT8, CacheConfig.ofLoadFactor(0.1, CachePolicy.LRU));
        try (EmbeddingCollection collection = EmbeddingCollections.create(config)) {
            for (int step = 0; step < 5; step++) {
                SparseBatch batch = Traces.zipfBatch(ROWS, 32, 2, 1.05, 3, step);
                float[] pooled = new float[32 * 3 * 16];
                collection.forward(step, batch, pooled);
                collection.backward(step, batch, Traces.gradient(pooled.length, 5, step), 0.1f);
            }
            List<CacheStatistics> before = collection.statistics();
            SparseBatch batch = Traces.zipfBatch(ROWS, 32, 2, 1.05, 3, 99);
            float[] cached = new float[32 * 3 * 16];
            collection.lookup(batch, cached);
            assertEquals(before, collection.statistics());
            collection.flush();
            float[] flushed = new float[cached.length];
            collection.lookup(batch, flushed);
            for (int i = 0; i < cached.length; i++) {
                assertEquals(cached[i], flushed[i], 0.02, "pooled value " + i);
            }
        }
    }

    @Test
    void sameSeedSameBitsWhateverTheThreadCount() throws IOException {
        EmbeddingConfig config = EmbeddingConfig.of(6, ROWS, Precision.INT4, CacheConfig.ofLoadFactor(0.05, CachePolicy.LFU))
                .withOptimizer(EmbeddingOptimizer.ROWWISE_ADAGRAD);
        byte[] oneThread = trainAndSnapshot(config.withThreads(1));
        byte[] twoThreads = trainAndSnapshot(config.withThreads(2));
        byte[] threeThreads = trainAndSnapshot(config.withThreads(3));
        assertArrayEquals(oneThread, twoThreads);
        assertArrayEquals(oneThread, threeThreads);
        byte[] otherSeed = trainAndSnapshot(config.withThreads(2).withSeed(43));
        assertTrue(!java.util.Arrays.equals(oneThread, otherSeed), "a different seed must give different bits");
    }

    static byte[] trainAndSnapshot(EmbeddingConfig config) throws IOException {
        try (EmbeddingCollection collection = EmbeddingCollections.create(config)) {
            for (int step = 0; step < 6; step++) {
                SparseBatch batch = Traces.zipfBatch(ROWS, 300, 3, 1.05, 11, step);
                float[] pooled = new float[300 * 3 * config.embeddingDim()];
                collection.forward(step, batch, pooled);
                collection.backward(step, batch, Traces.gradient(pooled.length, 13, step), 0.1f);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            collection.writeState(new DataOutputStream(bytes));
            return bytes.toByteArray();
        }
    }

    @Test
    void badInputsAreRejectedWithTheValueInTheMessage() {
        EmbeddingConfig config = EmbeddingConfig.of(4, new long[] {10}, Precision.INT8, CacheConfig.none());
        try (EmbeddingCollection collection = EmbeddingCollections.create(config)) {
            SparseBatch batch = SparseBatch.oneHot(2, 1, new int[] {3, 10});
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> collection.forward(0, batch, new float[8]));
            assertTrue(error.getMessage().contains("10"), error.getMessage());
            // Multi-hot bags: the message names the bag of the bad id, not its position among the lookups.
            SparseBatch multiHot = new SparseBatch(3, new int[][] {{0, 2, 4, 5}}, new int[][] {{1, 2, 3, -1, 4}});
            IllegalArgumentException bagError = assertThrows(IllegalArgumentException.class,
                    () -> collection.forward(1, multiHot, new float[12]));
            assertTrue(bagError.getMessage().contains("bag 1: row id -1"), bagError.getMessage());
            SparseBatch good = SparseBatch.oneHot(2, 1, new int[] {3, 9});
            collection.forward(5, good, new float[8]);
            IllegalArgumentException stepError = assertThrows(IllegalArgumentException.class,
                    () -> collection.forward(5, good, new float[8]));
            assertTrue(stepError.getMessage().contains("step 5"), stepError.getMessage());
            assertThrows(IllegalStateException.class, () -> collection.backward(4, good, new float[8], 0.1f));
            SparseBatch empty = new SparseBatch(0, new int[][] {{0}}, new int[][] {{}});
            collection.forward(6, empty, new float[0]);
            collection.backward(6, empty, new float[0], 0.1f);
            assertEquals(2, collection.statistics().get(0).lookups(), "an empty batch looks nothing up");
        }
    }
}
