package dev.ember.jobs.experiment;

import java.util.Objects;

/**
 * One row of the results table: the point, how it ended, and its metrics.
 *
 * @param metrics for a failed point everything is NaN (or 0 bytes) except the seconds it ran
 * @param error   the failure's message (empty when OK)
 */
public record PointResult(ExperimentPoint point, PointStatus status, PointMetrics metrics, String error) {

    public PointResult {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(metrics, "metrics");
        error = error == null ? "" : error;
    }

    public static PointResult ok(ExperimentPoint point, PointMetrics metrics) {
        return new PointResult(point, PointStatus.OK, metrics, "");
    }

    public static PointResult failed(ExperimentPoint point, String error, double trainSeconds) {
        PointMetrics none = new PointMetrics(Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN, Double.NaN,
                trainSeconds);
        return new PointResult(point, PointStatus.FAILED, none, error);
    }

    public boolean isOk() {
        return status == PointStatus.OK;
    }
}
