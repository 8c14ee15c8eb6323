package dev.ember.engine.embedding;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.cache.FrequencyCounterKind;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingConfigTest {

    private static void assertRejected(Executable executable, String... fragments) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, executable);
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment), "'" + error.getMessage() + "' should contain " + fragment);
        }
    }

    @Test
    void invalidValuesAreRejectedNamingFieldAndValue() {
        assertRejected(() -> new CacheConfig(1.5, -1, CachePolicy.LRU, 32, false), "loadFactor", "1.5");
        assertRejected(() -> new CacheConfig(0.1, -7, CachePolicy.LRU, 32, false), "rows", "-7");
        assertRejected(() -> new CacheConfig(0.1, -1, CachePolicy.LRU, 0, false), "ways", "0");
        assertRejected(() -> EmbeddingConfig.of(0, new long[] {5}, Precision.INT8, CacheConfig.none()),
                "embeddingDim", "0");
        assertRejected(() -> EmbeddingConfig.of(4, new long[] {5, 0}, Precision.INT8, CacheConfig.none()),
                "rowsPerTable[1]", "0");
        assertRejected(() -> EmbeddingConfig.of(4, new long[] {1L << 32}, Precision.INT8, CacheConfig.none()),
                "rowsPerTable[0]", "4294967296");
        assertRejected(() -> EmbeddingConfig.of(4, new long[] {5}, Precision.INT8, CacheConfig.none()).withThreads(-2),
                "threads", "-2");
    }

    @Test
    void enumsParseCaseInsensitivelyAndListAllowedValues() {
        assertEquals(QParamsPrecision.FP16, QParamsPrecision.parse(" fp16 ", "test"));
        assertEquals(Rounding.NEAREST, Rounding.parse("Nearest", "test"));
        assertEquals(CachePolicy.LFU, CachePolicy.parse("lfu", "test"));
        assertEquals(EmbeddingOptimizer.ROWWISE_ADAGRAD, EmbeddingOptimizer.parse("rowwise-adagrad", "test"));
        assertEquals(FrequencyCounterKind.LOG8, FrequencyCounterKind.parse("log8", "test"));
        assertRejected(() -> CachePolicy.parse("fifo", "conf.yaml"), "fifo", "conf.yaml", "lru", "lfu");
        assertRejected(() -> EmbeddingOptimizer.parse("adam", "cli"), "adam", "sgd", "rowwise_adagrad");
        assertRejected(() -> QParamsPrecision.parse("bf16", "cli"), "bf16", "fp16", "fp32");
        assertRejected(() -> Rounding.parse(null, "cli"), "null", "stochastic");
    }

    @Test
    void capacityFollowsLoadFactorOrRows() {
        assertEquals(50, CacheConfig.ofLoadFactor(0.05, CachePolicy.LRU).capacityFor(1000));
        assertEquals(1, CacheConfig.ofLoadFactor(0.05, CachePolicy.LRU).capacityFor(3));
        assertEquals(10, CacheConfig.ofRows(10, CachePolicy.LRU).capacityFor(1000));
        assertEquals(3, CacheConfig.ofRows(10, CachePolicy.LRU).capacityFor(3));
        assertTrue(CacheConfig.none().isDisabled());
        assertEquals(32, CacheConfig.ofLoadFactor(0.01, CachePolicy.LFU).ways());
    }
}
