package dev.ember.engine.backend.cpu;

import dev.ember.engine.embedding.EmbeddingOptimizer;

/** Applies the sparse optimizer to one FP32 row in place (SGD, or row-wise Adagrad with per-row accumulators). */
final class RowOptimizer {
    private final EmbeddingOptimizer kind;
    private final int dim;

    RowOptimizer(EmbeddingOptimizer kind, int dim) {
        this.kind = kind;
        this.dim = dim;
    }

    /**
     * Updates {@code weights[offset .. offset + dim)} with gradient {@code gradient[0 .. dim)}; for row-wise
     * Adagrad {@code accumulators[row]} is the row's state.
     */
    void apply(float[] weights, int offset, float[] gradient, float learningRate, float[] accumulators, int row) {
        if (kind == EmbeddingOptimizer.SGD) {
            for (int d = 0; d < dim; d++) {
                weights[offset + d] -= learningRate * gradient[d];
            }
            return;
        }
        float sumOfSquares = 0f;
        for (int d = 0; d < dim; d++) {
            sumOfSquares += gradient[d] * gradient[d];
        }
        float accumulator = accumulators[row] + sumOfSquares / dim;
        accumulators[row] = accumulator;
        float multiplier = learningRate / ((float) Math.sqrt(accumulator) + EmbeddingOptimizer.ADAGRAD_EPSILON);
        for (int d = 0; d < dim; d++) {
            weights[offset + d] -= multiplier * gradient[d];
        }
    }
}
