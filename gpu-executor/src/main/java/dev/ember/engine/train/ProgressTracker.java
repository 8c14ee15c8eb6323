package dev.ember.engine.train;

import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingCollection;

/** Throttles progress events and keeps the windows they report on (loss, hit rate). */
final class ProgressTracker {
    private final EmbeddingCollection embeddings;
    private final double intervalSeconds;
    private final long plannedSamples;
    private final long startNanos = System.nanoTime();
    private final long startSamples;
    private long lastEventNanos = startNanos;
    private double windowLoss;
    private long windowSteps;
    private CacheStatistics lastStatistics;

    ProgressTracker(EmbeddingCollection embeddings, double intervalSeconds, long plannedSamples, long startSamples) {
        this.embeddings = embeddings;
        this.intervalSeconds = intervalSeconds;
        this.plannedSamples = plannedSamples;
        this.startSamples = startSamples;
        this.lastStatistics = totalStatistics();
    }

    private CacheStatistics totalStatistics() {
        CacheStatistics total = new CacheStatistics("all", 0, 0, 0, 0, 0);
        for (CacheStatistics table : embeddings.statistics()) {
            total = total.plus(table);
        }
        return total;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Records a step; returns an event when one is due, else null. */
    ProgressEvent afterStep(long step, int epoch, long samples, double loss, float learningRate) {
        windowLoss += loss;
        windowSteps++;
        long now = System.nanoTime();
        if ((now - lastEventNanos) / 1e9 < intervalSeconds) {
            return null;
        }
        lastEventNanos = now;
        double elapsed = (now - startNanos) / 1e9;
        double rate = elapsed > 0 ? (samples - startSamples) / elapsed : 0.0;
        CacheStatistics current = totalStatistics();
        long unique = current.uniqueRows() - lastStatistics.uniqueRows();
        long misses = current.uniqueMisses() - lastStatistics.uniqueMisses();
        lastStatistics = current;
        double hitRate = unique == 0 ? Double.NaN : (double) (unique - misses) / unique;
        double eta = rate > 0 ? Math.max(0, plannedSamples - samples) / rate : Double.POSITIVE_INFINITY;
        ProgressEvent event = new ProgressEvent(step, epoch, samples, elapsed, rate, windowLoss / windowSteps,
                hitRate, learningRate, eta);
        windowLoss = 0;
        windowSteps = 0;
        return event;
    }
}
