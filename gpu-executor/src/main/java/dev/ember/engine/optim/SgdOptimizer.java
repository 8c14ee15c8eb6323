package dev.ember.engine.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Plain SGD, DLRM's default: {@code p -= lr * g}. Stateless. */
public final class SgdOptimizer implements DenseOptimizer {

    @Override
    public DenseOptimizerType type() {
        return DenseOptimizerType.SGD;
    }

    @Override
    public void beginStep() {
        // no state
    }

    @Override
    public void update(float[] params, float[] grads, float learningRate, int from, int to) {
        for (int i = from; i < to; i++) {
            params[i] -= learningRate * grads[i];
        }
    }

    @Override
    public long stateBytes() {
        return 0;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(type().name());
    }

    @Override
    public void readState(DataInput in) throws IOException {
        OptimizerStates.expectType(in, type());
    }
}
