package dev.ember.jobs.experiment;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One point to train.
 *
 * @param trainFlags      the complete flags for the train job ({@link ExperimentPoint#trainFlags})
 * @param pointDirectory  the point's own folder; the runner writes its outputs under it (the flag {@code out})
 */
public record PointRequest(ExperimentPoint point, Map<String, String> trainFlags, Path pointDirectory) {

    public PointRequest {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(pointDirectory, "pointDirectory");
        trainFlags = Map.copyOf(trainFlags);
    }
}
