package dev.ember.engine.data;

/**
 * A replayable stream of batches for one data split. {@link #startEpoch} positions the source at the start
 * of an epoch; the order within an epoch depends only on the source's seed and the epoch number, so a run
 * resumed from a checkpoint (epoch, batches already consumed) sees exactly the batches it would have seen.
 */
public interface BatchSource extends AutoCloseable {

    int numDense();

    int numTables();

    /** Samples per epoch (exact). */
    long numSamples();

    /** Starts (or restarts) epoch {@code epoch}; the next {@link #next} returns its first batch. */
    void startEpoch(int epoch);

    /** The next batch of at most {@code maxBatchSize} samples, or {@code null} at the end of the epoch. */
    Batch next(int maxBatchSize);

    @Override
    void close();
}
