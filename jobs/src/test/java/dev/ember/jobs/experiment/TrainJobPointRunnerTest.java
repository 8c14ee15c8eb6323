package dev.ember.jobs.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import dev.ember.jobs.train.TrainOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter's mapping and flag check; no Spark (the train job itself is tested by its owner). */
class TrainJobPointRunnerTest {
    private static final ExperimentPoint POINT =
            new ExperimentPoint(Precision.INT4, QParamsPrecision.FP16, 0.01, CachePolicy.LRU, Rounding.STOCHASTIC, 1);

    @Test
    void outcomeFiguresBecomeTheTableColumns() {
        TrainOutcome outcome = new TrainOutcome("int4", "fp16", "stochastic", 0.01, "lru", 1,
                new TrainOutcome.Metrics(1000, 0.79, 0.46, 0.785, 0.25, 0.26),
                new TrainOutcome.Memory(1200, 6400, 6400.0 / 1200, 800, 200, 100, 20, 80),
                new TrainOutcome.Cache(0.83, 10, 9, 2, 0, 1),
                new TrainOutcome.Speed(20, 2560, 3.5, 731.4, "cpu", 2),
                List.of(new TrainOutcome.CurvePoint(10, 1280, 0.55, Double.NaN, Double.NaN),
                        new TrainOutcome.CurvePoint(20, 2560, 0.50, 0.78, 0.47)),
                List.of(), "/tmp/results.json");
        PointMeasurement measurement = TrainJobPointRunner.toMeasurement(outcome);
        assertEquals(new PointMetrics(0.79, 0.46, 0.785, 1200, 6400, 0.83, 731.4, 3.5), measurement.metrics());
        assertEquals(6400.0 / 1200, measurement.metrics().memoryRatio(), 1e-12);
        assertEquals(List.of(new CurvePoint(10, 1280, 0.55, Double.NaN, Double.NaN),
                new CurvePoint(20, 2560, 0.50, 0.78, 0.47)), measurement.curve());
    }

    @Test
    void checkRejectsABadTrainFlagBeforeTraining() {
        Path folder = Path.of("points", POINT.pointId());
        TrainJobPointRunner.checkFlags(POINT.trainFlags(Map.of("epochs", "1"), "/data", folder));
        String message = assertThrows(IllegalArgumentException.class, () -> TrainJobPointRunner.checkFlags(
                POINT.trainFlags(Map.of("epochs", "many"), "/data", folder))).getMessage();
        assertTrue(message.contains("epochs") && message.contains("many"), message);
    }
}
