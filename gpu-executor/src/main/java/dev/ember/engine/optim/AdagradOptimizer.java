package dev.ember.engine.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Adagrad as PyTorch's {@code torch.optim.Adagrad} with its defaults (no lr decay, initial accumulator 0,
 * eps 1e-10): {@code s += g^2; p -= lr * g / (sqrt(s) + eps)}.
 */
public final class AdagradOptimizer implements DenseOptimizer {
    static final float EPSILON = 1e-10f;
    private final float[] sumOfSquares;

    public AdagradOptimizer(int numParameters) {
        this.sumOfSquares = new float[numParameters];
    }

    @Override
    public DenseOptimizerType type() {
        return DenseOptimizerType.ADAGRAD;
    }

    @Override
    public void beginStep() {
        // per-element state only
    }

    @Override
    public void update(float[] params, float[] grads, float learningRate, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = grads[i];
            float s = sumOfSquares[i] + g * g;
            sumOfSquares[i] = s;
            params[i] -= learningRate * g / ((float) Math.sqrt(s) + EPSILON);
        }
    }

    @Override
    public long stateBytes() {
        return 4L * sumOfSquares.length;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(type().name());
        OptimizerStates.writeFloats(out, sumOfSquares);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        OptimizerStates.expectType(in, type());
        OptimizerStates.readFloats(in, sumOfSquares, "adagrad sum of squares");
    }
}
