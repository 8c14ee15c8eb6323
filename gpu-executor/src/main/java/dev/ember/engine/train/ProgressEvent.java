package dev.ember.engine.train;

/**
 * A progress report: totals so far, throughput since training (re)started, the mean loss and the cache hit
 * rate since the previous event (NaN when no rows were looked up), and the estimated seconds left.
 */
public record ProgressEvent(long step, int epoch, long samples, double elapsedSeconds, double samplesPerSecond,
                            double recentLoss, double hitRate, float learningRate, double etaSeconds) {

    /** One human-readable line. */
    public String toLine() {
        String hit = Double.isNaN(hitRate) ? "n/a" : String.format("%.1f%%", 100 * hitRate);
        String eta = Double.isFinite(etaSeconds) ? formatSeconds(etaSeconds) : "unknown";
        return String.format("step %d epoch %d | %.0f samples/s | loss %.5f | hit rate %s | lr %.4g | ETA %s",
                step, epoch, samplesPerSecond, recentLoss, hit, learningRate, eta);
    }

    private static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }
}
