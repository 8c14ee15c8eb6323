package dev.ember.engine.embedding;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * All embedding tables of a model, with their storage format, FP32 row cache and embedding optimizer.
 * One training step is {@link #forward} then {@link #backward} on the same batch and step number
 * (design.md section 3: populate, forward, backward). Pooled vectors use the layout
 * {@code pooled[(b * numTables + t) * embeddingDim + d]}, which is what DLRM's interaction reads.
 * Implementations: {@code CpuEmbeddingCollection} (the reference); a CUDA one must give the same results.
 */
public interface EmbeddingCollection extends AutoCloseable {

    int numTables();

    int embeddingDim();

    long numRows(int table);

    /** Training forward: populates the cache for the batch's unique rows, then sum-pools into {@code pooledOut}. */
    void forward(long step, SparseBatch batch, float[] pooledOut);

    /**
     * Training backward for the batch last passed to {@link #forward} with the same step: sums the gradient
     * per unique row and applies the embedding optimizer (FP32 in the cache, requantized otherwise).
     */
    void backward(long step, SparseBatch batch, float[] pooledGrad, float learningRate);

    /** Evaluation lookup: reads cached rows in FP32 and the others dequantized; changes no state or statistics. */
    void lookup(SparseBatch batch, float[] pooledOut);

    /** Writes every cached row back to storage (requantized), leaving the cache empty. */
    void flush();

    /** Exact bytes by component, equal to what is allocated. */
    MemoryReport memoryReport();

    /** Cumulative statistics, one entry per table. */
    List<CacheStatistics> statistics();

    /** Checkpoint: tables, cache contents in FP32 as they are, cache metadata, optimizer state. */
    void writeState(DataOutput out) throws IOException;

    /** Restores what {@link #writeState} wrote; the configuration must match, else a clear error. */
    void readState(DataInput in) throws IOException;

    @Override
    void close();
}
