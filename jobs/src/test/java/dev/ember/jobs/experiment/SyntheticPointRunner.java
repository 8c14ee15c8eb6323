package dev.ember.jobs.experiment;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.Rounding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A runner that trains nothing: plausible, deterministic figures from the point's settings (lower precision
 * loses AUC, a cache wins it back, LFU hits more than LRU), so sweeps, tables, reports and the notebook can be
 * tested in milliseconds. Points whose id is in {@code failing} throw.
 */
final class SyntheticPointRunner implements GridPointRunner {
    private static final long ROWS = 100_000;
    private static final int DIM = 16;

    private final Set<String> failing;
    private final List<String> trained = new ArrayList<>();

    SyntheticPointRunner(Set<String> failing) {
        this.failing = new HashSet<>(failing);
    }

    /** Ids of the points this runner trained, in order. */
    List<String> trained() {
        return trained;
    }

    @Override
    public PointMeasurement run(PointRequest request) {
        ExperimentPoint point = request.point();
        trained.add(point.pointId());
        if (failing.contains(point.pointId())) {
            throw new IllegalStateException("synthetic failure of " + point.pointId()
                    + ", with a comma and \"quotes\"");
        }
        double hitRate = point.cacheLoadFactor() == 0 ? 0.0
                : Math.min(0.95, 0.55 + 0.1 * Math.log10(1000 * point.cacheLoadFactor()))
                + (point.cachePolicy() == CachePolicy.LFU ? 0.03 : 0.0);
        double precisionLoss = switch (point.precision()) {
            case FP32 -> 0.0;
            case FP16 -> 0.0002;
            case INT8 -> 0.002;
            case INT4 -> 0.006;
            case INT2 -> 0.02;
        };
        double roundingLoss = point.rounding() == Rounding.NEAREST && point.precision() != Precision.FP32 ? 0.004 : 0.0;
        double auc = 0.80 - (precisionLoss + roundingLoss) * (1.0 - hitRate) + 0.0001 * (point.seed() % 3);
        long fp32Bytes = ROWS * (DIM * 4L + 4);
        long rowBytes = ROWS * (DIM * point.precision().bits() / 8)
                + (point.precision().isQuantized() ? ROWS * point.qparams().bytesPerRow() : 0);
        long cacheBytes = (long) (ROWS * point.cacheLoadFactor()) * (DIM * 4L + 16);
        long embeddingBytes = rowBytes + ROWS * 4 + cacheBytes;
        List<CurvePoint> curve = new ArrayList<>();
        for (int step = 1; step <= 5; step++) {
            double loss = 0.48 + 0.2 / step + (0.8 - auc);
            double validationAuc = step == 5 ? auc : Double.NaN;
            curve.add(new CurvePoint(step * 100L, step * 12_800L, loss, validationAuc, step == 5 ? loss : Double.NaN));
        }
        PointMetrics metrics = new PointMetrics(auc, 0.45 + (0.8 - auc), 0.78, embeddingBytes, fp32Bytes, hitRate,
                50_000, Double.NaN);
        return new PointMeasurement(metrics, curve);
    }
}
