package dev.ember.jobs.experiment;

import java.util.List;
import java.util.Objects;

/** What a {@link GridPointRunner} hands back for one point: the final metrics and the training curve. */
public record PointMeasurement(PointMetrics metrics, List<CurvePoint> curve) {

    public PointMeasurement {
        Objects.requireNonNull(metrics, "metrics");
        curve = List.copyOf(curve);
    }
}
