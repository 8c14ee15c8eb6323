package dev.ember.engine.train.checkpoint;

/**
 * Where training stands: steps taken, the epoch in progress, batches of it already consumed, samples seen.
 * Together with the source's seed this is the data position; the step is also the random state (all training
 * randomness is counter-based on the step).
 */
public record CheckpointPosition(long step, int epoch, long batchesInEpoch, long samples) {
    public CheckpointPosition {
        if (step < 0 || epoch < 0 || batchesInEpoch < 0 || samples < 0) {
            throw new IllegalArgumentException("Checkpoint position fields must be >= 0, got step=" + step
                    + ", epoch=" + epoch + ", batchesInEpoch=" + batchesInEpoch + ", samples=" + samples);
        }
    }
}
