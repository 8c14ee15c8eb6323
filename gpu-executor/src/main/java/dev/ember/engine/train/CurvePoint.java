package dev.ember.engine.train;

/**
 * One point of the training curve: the step, the mean training loss since the previous point, and the
 * validation AUC and log loss when a validation split was measured there (else null).
 */
public record CurvePoint(long step, double trainLoss, Double validationAuc, Double validationLogLoss) {
}
