package dev.ember.engine.embedding;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;

import java.util.Arrays;
import java.util.Objects;

/**
 * Configuration of an {@link EmbeddingCollection}: one embedding dimension for all tables, rows per table
 * (each at most 2^31 - 1, as ids are ints), the storage format, the FP32 cache, the sparse optimizer,
 * the seed of every random number, and the CPU threads ({@code 0} = all cores). Results do not depend
 * on {@code threads}.
 */
public record EmbeddingConfig(int embeddingDim, long[] rowsPerTable, Precision precision,
                              QParamsPrecision qparamsPrecision, Rounding rounding, CacheConfig cache,
                              EmbeddingOptimizer optimizer, long seed, int threads) {

    public EmbeddingConfig {
        if (embeddingDim < 1) {
            throw new IllegalArgumentException("embeddingDim must be >= 1, got " + embeddingDim);
        }
        Objects.requireNonNull(rowsPerTable, "rowsPerTable must not be null");
        if (rowsPerTable.length == 0) {
            throw new IllegalArgumentException("rowsPerTable must name at least one table, got none");
        }
        rowsPerTable = rowsPerTable.clone();
        for (int t = 0; t < rowsPerTable.length; t++) {
            if (rowsPerTable[t] < 1 || rowsPerTable[t] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("rowsPerTable[" + t + "] must be in [1, 2^31 - 1], got "
                        + rowsPerTable[t]);
            }
        }
        Objects.requireNonNull(precision, "precision must not be null");
        Objects.requireNonNull(qparamsPrecision, "qparamsPrecision must not be null");
        Objects.requireNonNull(rounding, "rounding must not be null");
        Objects.requireNonNull(cache, "cache must not be null (use CacheConfig.none())");
        Objects.requireNonNull(optimizer, "optimizer must not be null");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
    }

    /** A test-friendly configuration: FP32 qparams, stochastic rounding, SGD, seed 42, all cores. */
    public static EmbeddingConfig of(int embeddingDim, long[] rowsPerTable, Precision precision, CacheConfig cache) {
        return new EmbeddingConfig(embeddingDim, rowsPerTable, precision, QParamsPrecision.DEFAULT,
                Rounding.STOCHASTIC, cache, EmbeddingOptimizer.SGD, 42L, 0);
    }

    public int numTables() {
        return rowsPerTable.length;
    }

    @Override
    public long[] rowsPerTable() {
        return rowsPerTable.clone();
    }

    /** Rows of table {@code table}, without copying the array. */
    public long rows(int table) {
        return rowsPerTable[table];
    }

    /** The threads to use: {@code threads}, or all available processors when 0. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    public EmbeddingConfig withThreads(int newThreads) {
        return new EmbeddingConfig(embeddingDim, rowsPerTable, precision, qparamsPrecision, rounding, cache,
                optimizer, seed, newThreads);
    }

    public EmbeddingConfig withSeed(long newSeed) {
        return new EmbeddingConfig(embeddingDim, rowsPerTable, precision, qparamsPrecision, rounding, cache,
                optimizer, newSeed, threads);
    }

    public EmbeddingConfig withOptimizer(EmbeddingOptimizer newOptimizer) {
        return new EmbeddingConfig(embeddingDim, rowsPerTable, precision, qparamsPrecision, rounding, cache,
                newOptimizer, seed, threads);
    }

    public EmbeddingConfig withQParams(QParamsPrecision newQParams) {
        return new EmbeddingConfig(embeddingDim, rowsPerTable, precision, newQParams, rounding, cache,
                optimizer, seed, threads);
    }

    public EmbeddingConfig withRounding(Rounding newRounding) {
        return new EmbeddingConfig(embeddingDim, rowsPerTable, precision, qparamsPrecision, newRounding, cache,
                optimizer, seed, threads);
    }

    public EmbeddingConfig withCache(CacheConfig newCache) {
        return new EmbeddingConfig(embeddingDim, rowsPerTable, precision, qparamsPrecision, rounding, newCache,
                optimizer, seed, threads);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddingConfig o && embeddingDim == o.embeddingDim
                && Arrays.equals(rowsPerTable, o.rowsPerTable) && precision == o.precision
                && qparamsPrecision == o.qparamsPrecision && rounding == o.rounding && cache.equals(o.cache)
                && optimizer == o.optimizer && seed == o.seed && threads == o.threads;
    }

    @Override
    public int hashCode() {
        return Objects.hash(embeddingDim, Arrays.hashCode(rowsPerTable), precision, qparamsPrecision, rounding,
                cache, optimizer, seed, threads);
    }

    @Override
    public String toString() {
        return "EmbeddingConfig[embeddingDim=" + embeddingDim + ", rowsPerTable=" + Arrays.toString(rowsPerTable)
                + ", precision=" + precision + ", qparamsPrecision=" + qparamsPrecision + ", rounding=" + rounding
                + ", cache=" + cache + ", optimizer=" + optimizer + ", seed=" + seed + ", threads=" + threads + "]";
    }
}
