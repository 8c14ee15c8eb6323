package dev.ember.jobs.experiment;

/**
 * Trains one point of a sweep. The real one is {@code TrainJobPointRunner} (the Spark train job); tests use
 * synthetic runners. An exception from {@link #run} fails this point only: the sweep records it and goes on.
 */
@FunctionalInterface
public interface GridPointRunner {

    PointMeasurement run(PointRequest request) throws Exception;

    /**
     * Checks a point's flags before the sweep trains anything, so that a grid with a bad train flag fails at
     * once rather than once per point. Throws {@link IllegalArgumentException} naming the flag; the default
     * accepts everything.
     */
    default void check(PointRequest request) {
    }
}
