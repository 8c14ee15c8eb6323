package dev.ember.jobs.experiment;

/**
 * What one trained point measured. Doubles that were not measured are {@code NaN} (written as empty cells).
 *
 * @param embeddingBytes  mixed-precision embedding bytes: rows, qparams, cache slots and state, optimizer state
 * @param fp32Bytes       the same tables in FP32 with the same optimizer and no cache
 * @param hitRate         fraction of unique rows per step found in the FP32 cache (0 without a cache)
 * @param trainSeconds    wall time of training; NaN lets the sweep fill in the time it measured around the point
 */
public record PointMetrics(double testAuc, double testLogloss, double testAccuracy, long embeddingBytes,
                           long fp32Bytes, double hitRate, double samplesPerSecond, double trainSeconds) {

    public PointMetrics {
        if (embeddingBytes < 0 || fp32Bytes < 0) {
            throw new IllegalArgumentException("Invalid byte counts: embeddingBytes=" + embeddingBytes
                    + ", fp32Bytes=" + fp32Bytes + " (expected >= 0)");
        }
    }

    /** {@code fp32Bytes / embeddingBytes}: how many times smaller than FP32; NaN when either is unknown (0). */
    public double memoryRatio() {
        return embeddingBytes == 0 || fp32Bytes == 0 ? Double.NaN : (double) fp32Bytes / embeddingBytes;
    }

    /** A copy with {@code trainSeconds} replaced. */
    public PointMetrics withTrainSeconds(double seconds) {
        return new PointMetrics(testAuc, testLogloss, testAccuracy, embeddingBytes, fp32Bytes, hitRate,
                samplesPerSecond, seconds);
    }
}
