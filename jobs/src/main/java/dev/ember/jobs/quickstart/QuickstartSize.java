package dev.ember.jobs.quickstart;

/**
 * The quickstart's data size: large enough that the hidden model is learnable and the FP32/INT8 comparison
 * is not noise, small enough to finish in a few minutes on 2 cores after the build.
 */
final class QuickstartSize {
    static final long ROWS = 300_000;
    static final double SCALE = 0.001;
    /** One epoch of 257k rows leaves most embedding rows barely trained (test AUC ~0.66); three reach ~0.69. */
    static final int EPOCHS = 3;

    private QuickstartSize() {
    }
}
