package dev.ember.engine.train;

import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.MemoryReport;

import java.util.List;

/**
 * What a call to {@link Trainer#train} did. {@code steps} and {@code samples} count from the start of the run
 * (a resumed run includes the steps before the checkpoint); {@code seconds} and {@code samplesPerSecond}
 * cover this call only. {@code finalTrainLoss} is the mean loss of the last curve window (NaN when no step ran). Plain records, so
 * they map to JSON directly.
 */
public record TrainingReport(long steps, long samples, double seconds, double samplesPerSecond,
                             double finalTrainLoss, List<CurvePoint> curve, MemoryReport memory,
                             List<CacheStatistics> cacheStatistics) {
    public TrainingReport {
        curve = List.copyOf(curve);
        cacheStatistics = List.copyOf(cacheStatistics);
    }
}
