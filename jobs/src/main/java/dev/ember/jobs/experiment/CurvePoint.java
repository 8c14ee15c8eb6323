package dev.ember.jobs.experiment;

/**
 * One row of a point's training curve ({@code curve.csv}). The validation figures are {@code NaN} at steps
 * where they were not measured (written as empty cells).
 */
public record CurvePoint(long step, long samples, double trainLoss, double validationAuc, double validationLogloss) {

    public CurvePoint {
        if (step < 0 || samples < 0) {
            throw new IllegalArgumentException("Invalid curve point: step=" + step + ", samples=" + samples
                    + " (expected >= 0)");
        }
    }
}
