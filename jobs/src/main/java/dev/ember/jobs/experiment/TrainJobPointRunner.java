package dev.ember.jobs.experiment;

import dev.ember.jobs.train.TrainJob;
import dev.ember.jobs.train.TrainOptions;
import dev.ember.jobs.train.TrainOutcome;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * Trains a point with the Spark train job ({@link TrainJob#run}) in the sweep's one SparkSession. Every point's
 * flags go through {@link TrainOptions#fromFlags} before the sweep starts, so a bad train flag in a grid fails
 * at once, naming the flag.
 */
public final class TrainJobPointRunner implements GridPointRunner {
    private final SparkSession spark;

    public TrainJobPointRunner(SparkSession spark) {
        this.spark = Objects.requireNonNull(spark, "spark");
    }

    @Override
    public void check(PointRequest request) {
        checkFlags(request.trainFlags());
    }

    /** Parses the flags as {@code ember train} would; throws naming the bad flag and value. */
    static TrainOptions checkFlags(Map<String, String> trainFlags) {
        return TrainOptions.fromFlags(trainFlags);
    }

    @Override
    public PointMeasurement run(PointRequest request) throws Exception {
        TrainOutcome outcome = TrainJob.run(spark, checkFlags(request.trainFlags()));
        return toMeasurement(outcome);
    }

    /** The figures of a train run as the sweep records them. */
    static PointMeasurement toMeasurement(TrainOutcome outcome) {
        TrainOutcome.Metrics test = Objects.requireNonNull(outcome.test(), "test metrics of the train outcome");
        TrainOutcome.Memory memory = Objects.requireNonNull(outcome.memory(), "memory of the train outcome");
        double hitRate = outcome.cache() == null ? Double.NaN : outcome.cache().hitRate();
        double samplesPerSecond = outcome.speed() == null ? Double.NaN : outcome.speed().samplesPerSecond();
        double trainSeconds = outcome.speed() == null ? Double.NaN : outcome.speed().trainSeconds();
        PointMetrics metrics = new PointMetrics(test.auc(), test.logloss(), test.accuracy(), memory.totalBytes(),
                memory.fp32Bytes(), hitRate, samplesPerSecond, trainSeconds);
        List<CurvePoint> curve = outcome.curve() == null ? List.of() : outcome.curve().stream()
                .map(point -> new CurvePoint(point.step(), point.samples(), point.trainLoss(), point.validationAuc(),
                        point.validationLogloss()))
                .toList();
        return new PointMeasurement(metrics, curve);
    }
}
