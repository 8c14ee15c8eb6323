package dev.ember.engine.backend.cpu;

/** Small FP32 loops shared by the CPU backend. */
final class Kernels {
    private Kernels() {
    }

    /** {@code sum[sumOffset + d] += row[rowOffset + d]} for {@code d < dim}. */
    static void addRow(float[] row, int rowOffset, float[] sum, int sumOffset, int dim) {
        for (int d = 0; d < dim; d++) {
            sum[sumOffset + d] += row[rowOffset + d];
        }
    }
}
