package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.cache.FrequencyCounterKind;
import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.Precision;
import dev.ember.engine.storage.ChunkedRowStorage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real cache gives bit-identical pooled outputs, tables and statistics to the map-and-list reference. */
class ReferenceCacheTest {
    private static final long[] ROWS = {300, 41, 1200};

    static Stream<Arguments> configurations() {
        List<Arguments> result = new ArrayList<>();
        for (CachePolicy policy : CachePolicy.values()) {
            // loadFactor or rows, ways, shared, precision, optimizer
            result.add(Arguments.of(policy, 0.05, -1L, 32, false, Precision.INT8, EmbeddingOptimizer.SGD));
            result.add(Arguments.of(policy, 0.10, -1L, 4, false, Precision.INT4, EmbeddingOptimizer.ROWWISE_ADAGRAD));
            result.add(Arguments.of(policy, 0.0, 8L, 8, false, Precision.INT2, EmbeddingOptimizer.SGD));
            result.add(Arguments.of(policy, 0.0, 20L, 2, true, Precision.INT8, EmbeddingOptimizer.SGD));
            result.add(Arguments.of(policy, 0.02, -1L, 1, true, Precision.FP16, EmbeddingOptimizer.ROWWISE_ADAGRAD));
            result.add(Arguments.of(policy, 0.0, 50L, 64, false, Precision.FP32, EmbeddingOptimizer.SGD));
        }
        return result.stream();
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void realCacheMatchesReferenceBitForBit(CachePolicy policy, double loadFactor, long rows, int ways, boolean shared,
                                            Precision precision, EmbeddingOptimizer optimizer) {
        CacheConfig cache = new CacheConfig(loadFactor, rows, policy, ways, shared);
        EmbeddingConfig config = EmbeddingConfig.of(5, ROWS, precision, cache).withOptimizer(optimizer).withThreads(2);
        String name = cache + " " + precision + " " + optimizer;
        long conflicts = 0;
        long evictions = 0;
        try (CpuEmbeddingCollection real = new CpuEmbeddingCollection(config, FrequencyCounterKind.EXACT64,
                ChunkedRowStorage.DEFAULT_MAX_CHUNK_BYTES);
             ReferenceEmbedding reference = new ReferenceEmbedding(config)) {
            for (int step = 0; step < 25; step++) {
                SparseBatch batch = Traces.zipfBatch(ROWS, 40, 3, 1.05, 17, step);
                float[] pooledReal = new float[40 * ROWS.length * 5];
                float[] pooledReference = new float[pooledReal.length];
                real.forward(step, batch, pooledReal);
                reference.forward(step, batch, pooledReference);
                assertArrayEquals(pooledReference, pooledReal, name + ": pooled output of step " + step);
                float[] gradient = Traces.gradient(pooledReal.length, 19, step);
                real.backward(step, batch, gradient, 0.05f);
                reference.backward(step, batch, gradient, 0.05f);
                assertEquals(reference.statistics(), real.statistics(), name + ": statistics after step " + step);
            }
            for (CacheStatistics statistics : real.statistics()) {
                conflicts += statistics.conflictMisses();
                evictions += statistics.evictions();
            }
            real.flush();
            reference.flush();
            for (int t = 0; t < ROWS.length; t++) {
                ChunkedRowStorage expected = reference.table(t).storage();
                ChunkedRowStorage actual = real.table(t).storage();
                for (int c = 0; c < expected.numChunks(); c++) {
                    assertArrayEquals(expected.chunkAt(c), actual.chunkAt(c), name + ": table " + t + " after flush");
                }
            }
        }
        assertTrue(evictions > 0, name + ": the trace must evict, else the test proves little");
        if (ways <= 2) {
            assertTrue(conflicts > 0, name + ": with few ways the trace must produce conflict misses");
        }
    }
}
