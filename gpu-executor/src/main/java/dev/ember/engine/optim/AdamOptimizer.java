package dev.ember.engine.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Adam as PyTorch's {@code torch.optim.Adam} with its defaults (betas 0.9, 0.999, eps 1e-8, no weight decay):
 * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; p -= lr / (1-b1^t) * m / (sqrt(v) / sqrt(1-b2^t) + eps)}.
 */
public final class AdamOptimizer implements DenseOptimizer {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final float EPSILON = 1e-8f;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private long step;
    private float stepScale;
    private float secondMomentCorrection;

    public AdamOptimizer(int numParameters) {
        this.firstMoment = new float[numParameters];
        this.secondMoment = new float[numParameters];
    }

    @Override
    public DenseOptimizerType type() {
        return DenseOptimizerType.ADAM;
    }

    @Override
    public void beginStep() {
        step++;
        stepScale = (float) (1.0 / (1.0 - Math.pow(BETA1, step)));
        secondMomentCorrection = (float) Math.sqrt(1.0 - Math.pow(BETA2, step));
    }

    /** Updates taken so far. */
    public long step() {
        return step;
    }

    @Override
    public void update(float[] params, float[] grads, float learningRate, int from, int to) {
        if (step == 0) {
            throw new IllegalStateException("Adam.update called before beginStep()");
        }
        float beta1 = (float) BETA1;
        float beta2 = (float) BETA2;
        float stepSize = learningRate * stepScale;
        for (int i = from; i < to; i++) {
            float g = grads[i];
            float m = beta1 * firstMoment[i] + (1.0f - beta1) * g;
            float v = beta2 * secondMoment[i] + (1.0f - beta2) * g * g;
            firstMoment[i] = m;
            secondMoment[i] = v;
            float denominator = (float) Math.sqrt(v) / secondMomentCorrection + EPSILON;
            params[i] -= stepSize * m / denominator;
        }
    }

    @Override
    public long stateBytes() {
        return 4L * (firstMoment.length + secondMoment.length) + 8;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(type().name());
        out.writeLong(step);
        OptimizerStates.writeFloats(out, firstMoment);
        OptimizerStates.writeFloats(out, secondMoment);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        OptimizerStates.expectType(in, type());
        long restoredStep = in.readLong();
        if (restoredStep < 0) {
            throw new IOException("Adam state has a negative step count " + restoredStep);
        }
        OptimizerStates.readFloats(in, firstMoment, "adam first moment");
        OptimizerStates.readFloats(in, secondMoment, "adam second moment");
        step = restoredStep;
        if (step > 0) {
            step--;
            beginStep();
        }
    }
}
