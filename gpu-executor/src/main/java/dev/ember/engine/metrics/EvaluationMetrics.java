package dev.ember.engine.metrics;

/**
 * Metrics of one split. {@code auc} is exact (ties averaged) and {@code NaN} when one class is absent;
 * {@code logLoss} is the mean binary cross-entropy (natural log); {@code accuracy} counts
 * {@code sigmoid(logit) > 0.5} as a positive prediction.
 */
public record EvaluationMetrics(long count, double auc, double logLoss, double accuracy,
                                double meanPredicted, double observedCtr) {
}
