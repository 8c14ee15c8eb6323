package dev.ember.jobs.experiment;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PointResult} as one row of named cells, the same for the CSV table, the JSON table and each point's
 * {@code result.json}. Numbers that were not measured are null (an empty CSV cell).
 */
final class ResultRows {
    /** The columns of {@code results.csv}, in order. */
    static final List<String> COLUMNS = List.of("point_id", "precision", "qparams", "cache_load_factor",
            "cache_policy", "rounding", "seed", "test_auc", "test_logloss", "test_accuracy", "embedding_bytes",
            "fp32_bytes", "memory_ratio", "hit_rate", "samples_per_second", "train_seconds", "status", "error");

    private ResultRows() {
    }

    static Map<String, Object> toRow(PointResult result) {
        ExperimentPoint point = result.point();
        PointMetrics metrics = result.metrics();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("point_id", point.pointId());
        row.put("precision", ExperimentPoint.lower(point.precision()));
        row.put("qparams", ExperimentPoint.lower(point.qparams()));
        row.put("cache_load_factor", point.cacheLoadFactor());
        row.put("cache_policy", ExperimentPoint.lower(point.cachePolicy()));
        row.put("rounding", ExperimentPoint.lower(point.rounding()));
        row.put("seed", point.seed());
        row.put("test_auc", finiteOrNull(metrics.testAuc()));
        row.put("test_logloss", finiteOrNull(metrics.testLogloss()));
        row.put("test_accuracy", finiteOrNull(metrics.testAccuracy()));
        row.put("embedding_bytes", metrics.embeddingBytes() == 0 ? null : metrics.embeddingBytes());
        row.put("fp32_bytes", metrics.fp32Bytes() == 0 ? null : metrics.fp32Bytes());
        row.put("memory_ratio", finiteOrNull(metrics.memoryRatio()));
        row.put("hit_rate", finiteOrNull(metrics.hitRate()));
        row.put("samples_per_second", finiteOrNull(metrics.samplesPerSecond()));
        row.put("train_seconds", finiteOrNull(metrics.trainSeconds()));
        row.put("status", ExperimentPoint.lower(result.status()));
        row.put("error", result.error());
        return row;
    }

    /** Reads a row back; {@code source} names the file in error messages. */
    static PointResult fromRow(Map<String, ?> row, String source) {
        String where = source + " (point " + row.get("point_id") + ")";
        ExperimentPoint point = new ExperimentPoint(
                Precision.parse(text(row, "precision", where), where),
                QParamsPrecision.parse(text(row, "qparams", where), where),
                number(row, "cache_load_factor", where),
                CachePolicy.parse(text(row, "cache_policy", where), where),
                Rounding.parse(text(row, "rounding", where), where),
                (long) number(row, "seed", where));
        PointMetrics metrics = new PointMetrics(number(row, "test_auc", where), number(row, "test_logloss", where),
                number(row, "test_accuracy", where), bytes(row, "embedding_bytes", where),
                bytes(row, "fp32_bytes", where), number(row, "hit_rate", where),
                number(row, "samples_per_second", where), number(row, "train_seconds", where));
        Object error = row.get("error");
        return new PointResult(point, PointStatus.parse(text(row, "status", where), where), metrics,
                error == null ? "" : error.toString());
    }

    private static Object finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String text(Map<String, ?> row, String column, String where) {
        Object value = row.get(column);
        if (value == null) {
            throw new IllegalArgumentException("Missing column '" + column + "' in " + where);
        }
        return value.toString();
    }

    private static double number(Map<String, ?> row, String column, String where) {
        Object value = row.get(column);
        if (value == null || value.toString().isBlank()) {
            return Double.NaN;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid number '" + value + "' in column '" + column + "' of " + where);
        }
    }

    private static long bytes(Map<String, ?> row, String column, String where) {
        double value = number(row, column, where);
        return Double.isNaN(value) ? 0 : (long) value;
    }
}
