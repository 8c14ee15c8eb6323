package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real table past 2 GiB (10M rows x dim 64 FP32 = 2.56 GB). Needs about 3 GB of heap and a few seconds, so
 * it runs only with {@code -Dember.largeTests=true}; chunking itself is covered by small chunks in
 * {@link MemoryAndStateTest}.
 */
class LargeTableTest {

    @Test
    @EnabledIfSystemProperty(named = "ember.largeTests", matches = "true",
            disabledReason = "allocates a 2.56 GB table for about a minute; run with -Dember.largeTests=true")
    void tableLargerThanTwoGibibytesTrains() {
        long rows = 10_000_000L;
        EmbeddingConfig config = EmbeddingConfig.of(64, new long[] {rows}, Precision.FP32,
                CacheConfig.ofRows(1000, CachePolicy.LRU));
        try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config)) {
            assertTrue(collection.table(0).storage().allocatedBytes() > (1L << 31));
            assertEquals(3, collection.table(0).storage().numChunks());
            int[] ids = {0, 4_194_303, 4_194_304, 9_999_999};
            SparseBatch batch = SparseBatch.oneHot(4, 1, ids);
            float[] pooled = new float[4 * 64];
            collection.forward(0, batch, pooled);
            float[] gradient = new float[pooled.length];
            java.util.Arrays.fill(gradient, 1f);
            collection.backward(0, batch, gradient, 0.5f);
            collection.flush();
            float[] row = new float[64];
            for (int b = 0; b < 4; b++) {
                collection.readRow(0, ids[b], row, 0);
                for (int d = 0; d < 64; d++) {
                    assertEquals(pooled[b * 64 + d] - 0.5f, row[d], 1e-6f, "row " + ids[b] + " element " + d);
                }
            }
        }
    }
}
