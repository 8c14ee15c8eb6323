package dev.ember.engine.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Updates a flat parameter array from its gradient. A step is one {@link #beginStep()} followed by
 * {@link #update} calls over disjoint index ranges, possibly on several threads; every element's update
 * depends only on that element's state, so the result does not depend on how the ranges are split.
 */
public interface DenseOptimizer {

    DenseOptimizerType type();

    /** Advances the step counter (Adam's bias correction); call once per step before the updates. */
    void beginStep();

    /** Updates {@code params[from, to)} from {@code grads[from, to)}. */
    void update(float[] params, float[] grads, float learningRate, int from, int to);

    /** Bytes of optimizer state (per-parameter accumulators). */
    long stateBytes();

    void writeState(DataOutput out) throws IOException;

    /** Restores what {@link #writeState} wrote; a different type or size is a clear error. */
    void readState(DataInput in) throws IOException;
}
