package dev.ember.jobs.train;

import java.io.Serializable;
import java.util.List;

/**
 * The figures of one training run, as {@code results.json} holds them: test metrics, embedding memory, cache
 * behaviour, speed and the training curve. Built in the executor task and sent back to the driver.
 */
public record TrainOutcome(
        String precision, String qparams, String rounding, double cacheLoadFactor, String cachePolicy, long seed,
        Metrics test, Memory memory, Cache cache, Speed speed, List<CurvePoint> curve, List<TableFigures> tables,
        String resultsFile) implements Serializable {

    /** Test-split metrics; {@code auc} is exact (ties averaged). */
    public record Metrics(long samples, double auc, double logloss, double accuracy, double predictedCtr,
                          double observedCtr) implements Serializable {
    }

    /** Embedding bytes by component; {@code ratioVsFp32} = fp32Bytes / totalBytes (design.md section 4). */
    public record Memory(long totalBytes, long fp32Bytes, double ratioVsFp32, long rowBytes, long qparamBytes,
                         long cacheSlotBytes, long cacheMetadataBytes, long optimizerStateBytes)
            implements Serializable {
    }

    /** Cache counters summed over all tables and steps. */
    public record Cache(double hitRate, long lookups, long uniqueRows, long uniqueMisses, long conflictMisses,
                        long evictions) implements Serializable {
    }

    public record Speed(long steps, long samples, double trainSeconds, double samplesPerSecond, String backend,
                        int threads) implements Serializable {
    }

    /** A point of the training curve; validation fields are NaN where not measured. */
    public record CurvePoint(long step, long samples, double trainLoss, double validationAuc,
                             double validationLogloss) implements Serializable {
    }

    /** Per-table figures, so users can size each table's cache. */
    public record TableFigures(String table, long rows, long bytes, double hitRate, long uniqueMisses,
                               long conflictMisses, long evictions) implements Serializable {
    }

    public TrainOutcome withResultsFile(String file) {
        return new TrainOutcome(precision, qparams, rounding, cacheLoadFactor, cachePolicy, seed, test, memory, cache,
                speed, curve, tables, file);
    }
}
