package dev.ember.engine.train;

/**
 * One point of the training curve: the step, the mean training loss since the previous point (NaN when no
 * step ran since, e.g. right after resuming at an epoch end), and the validation AUC and log loss when a
 * validation split was measured there (else null).
 */
public record CurvePoint(long step, double trainLoss, Double validationAuc, Double validationLogLoss) {
}
