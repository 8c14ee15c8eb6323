package dev.ember.engine.optim;

/**
 * DLRM's learning-rate policy ({@code --lr-num-warmup-steps}, {@code --lr-decay-start-step},
 * {@code --lr-num-decay-steps}), as a pure function of the step so a resumed run needs no extra state.
 * The reference evaluates it at scheduler count {@code c = step + 1} (PyTorch's scheduler steps once at
 * construction): linear warm-up {@code base * c / W} while {@code c < W}; quadratic decay
 * {@code max(1e-7, base * ((N - (c - D)) / N)^2)} while {@code D <= c < D + N}; otherwise, if {@code N > 0},
 * the last rate computed before (the reference freezes it: after warm-up that is {@code base * (W - 1) / W},
 * after decay the final decayed rate), and {@code base} when nothing was computed before or {@code N == 0}.
 */
public final class LearningRateSchedule {
    static final double MINIMUM_DECAYED_RATE = 1e-7;
    private final double baseRate;
    private final long warmupSteps;
    private final long decayStartStep;
    private final long decaySteps;

    public LearningRateSchedule(double baseRate, long warmupSteps, long decayStartStep, long decaySteps) {
        if (!(baseRate > 0) || Double.isInfinite(baseRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + baseRate);
        }
        if (warmupSteps < 0 || decayStartStep < 0 || decaySteps < 0) {
            throw new IllegalArgumentException("Schedule steps must be >= 0, got lrWarmupSteps=" + warmupSteps
                    + ", lrDecayStartStep=" + decayStartStep + ", lrDecaySteps=" + decaySteps);
        }
        if (decaySteps > 0 && decayStartStep < warmupSteps) {
            throw new IllegalArgumentException("Learning-rate warm-up must finish before the decay starts: "
                    + "lrDecayStartStep=" + decayStartStep + " < lrWarmupSteps=" + warmupSteps);
        }
        this.baseRate = baseRate;
        this.warmupSteps = warmupSteps;
        this.decayStartStep = decayStartStep;
        this.decaySteps = decaySteps;
    }

    /** The learning rate of training step {@code step} (0-based). */
    public float rate(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return (float) rateAtCount(step + 1);
    }

    private double rateAtCount(long count) {
        if (count < warmupSteps) {
            return baseRate * (1.0 - (double) (warmupSteps - count) / warmupSteps);
        }
        long decayEnd = decayStartStep + decaySteps;
        if (decayStartStep <= count && count < decayEnd) {
            double scale = (double) (decaySteps - (count - decayStartStep)) / decaySteps;
            return Math.max(MINIMUM_DECAYED_RATE, baseRate * scale * scale);
        }
        if (decaySteps == 0) {
            return baseRate;
        }
        if (count >= decayEnd) {
            return rateAtCount(decayEnd - 1);
        }
        // Between warm-up and decay: the reference keeps the last warm-up rate (or base if there was none).
        return warmupSteps >= 2 ? rateAtCount(warmupSteps - 1) : baseRate;
    }
}
