package dev.ember.engine.embedding;

import dev.ember.engine.Choices;

/**
 * The sparse optimizer applied to embedding rows. Updates run in FP32 on the row's summed gradient {@code g}:
 * SGD {@code w -= lr * g}; row-wise Adagrad (FBGEMM's) keeps one FP32 accumulator per row,
 * {@code G += mean(g^2)}, {@code w -= lr * g / (sqrt(G) + epsilon)}, with {@link #ADAGRAD_EPSILON}.
 * The accumulators are counted in the memory report (4 bytes per row).
 */
public enum EmbeddingOptimizer {
    SGD(0),
    ROWWISE_ADAGRAD(4);

    /** Row-wise Adagrad's epsilon. */
    public static final float ADAGRAD_EPSILON = 1e-8f;

    private final int stateBytesPerRow;

    EmbeddingOptimizer(int stateBytesPerRow) {
        this.stateBytesPerRow = stateBytesPerRow;
    }

    /** Optimizer state per table row, in bytes. */
    public int stateBytesPerRow() {
        return stateBytesPerRow;
    }

    /** Parses "sgd", "rowwise_adagrad", "rowwise-adagrad", ...; the error lists the allowed values. */
    public static EmbeddingOptimizer parse(String value, String source) {
        return Choices.parse(EmbeddingOptimizer.class, "embedding optimizer", value, source);
    }
}
