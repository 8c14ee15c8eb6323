package dev.ember.jobs.experiment;

import dev.ember.engine.format.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Groups the OK points of a results table into the series the report draws. A series is one precision plus
 * those of qparams, policy and rounding that take more than one value in the table; seeds are averaged. A point
 * without a cache belongs to every policy's series of its precision (the policy cannot matter there).
 */
final class ChartSeries {
    /**
     * One line of a "value vs cache load factor" chart: load factor to the mean over seeds; {@code sample} is
     * one of its points, for the line's style (colour by precision, dashes for nearest rounding, darker for LFU).
     */
    record Line(String label, ExperimentPoint sample, TreeMap<Double, Double> meanByLoadFactor) {
    }

    private final List<PointResult> okResults;
    private final boolean qparamsVary;
    private final boolean policiesVary;
    private final boolean roundingsVary;

    ChartSeries(List<PointResult> results) {
        this.okResults = results.stream().filter(PointResult::isOk).toList();
        this.qparamsVary = distinct(r -> r.point().precision().isQuantized() ? r.point().qparams().name() : null) > 1;
        this.policiesVary = distinct(r -> r.point().cacheLoadFactor() > 0 ? r.point().cachePolicy().name() : null) > 1;
        this.roundingsVary =
                distinct(r -> r.point().precision() != Precision.FP32 ? r.point().rounding().name() : null) > 1;
    }

    private long distinct(Function<PointResult, String> key) {
        return okResults.stream().map(key).filter(Objects::nonNull).distinct().count();
    }

    List<PointResult> okResults() {
        return okResults;
    }

    /** Precisions present among the OK points, widest first. */
    List<Precision> precisions() {
        Set<Precision> present = new TreeSet<>();
        okResults.forEach(r -> present.add(r.point().precision()));
        return new ArrayList<>(present);
    }

    /** The sorted load factors present among the OK points. */
    List<Double> loadFactors() {
        return okResults.stream().map(r -> r.point().cacheLoadFactor()).distinct().sorted().toList();
    }

    /** Mean test AUC of the FP32 points without a cache (the baseline), or NaN when there are none. */
    double fp32BaselineAuc() {
        return okResults.stream()
                .filter(r -> r.point().precision() == Precision.FP32 && r.point().cacheLoadFactor() == 0.0)
                .mapToDouble(r -> r.metrics().testAuc()).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /** One line per series for a metric vs the cache load factor; NaN values are left out. */
    List<Line> byLoadFactor(ToDoubleFunction<PointMetrics> metric) {
        Map<String, Map<Double, List<Double>>> values = new LinkedHashMap<>();
        Map<String, ExperimentPoint> sampleOf = new LinkedHashMap<>();
        Map<String, List<PointResult>> withoutCache = new LinkedHashMap<>();
        for (PointResult result : sorted()) {
            ExperimentPoint point = result.point();
            if (point.cacheLoadFactor() == 0.0) {
                withoutCache.computeIfAbsent(label(point, false), k -> new ArrayList<>()).add(result);
                continue;
            }
            String label = label(point, policiesVary);
            sampleOf.putIfAbsent(label, point);
            values.computeIfAbsent(label, k -> new TreeMap<>())
                    .computeIfAbsent(point.cacheLoadFactor(), k -> new ArrayList<>())
                    .add(metric.applyAsDouble(result.metrics()));
        }
        for (Map.Entry<String, List<PointResult>> group : withoutCache.entrySet()) {
            ExperimentPoint sample = group.getValue().get(0).point();
            List<String> owners = values.keySet().stream()
                    .filter(label -> label(sample, false).equals(withoutPolicy(label))).toList();
            if (owners.isEmpty()) {
                owners = List.of(group.getKey());
                sampleOf.put(group.getKey(), sample);
            }
            for (String owner : owners) {
                List<Double> cell = values.computeIfAbsent(owner, k -> new TreeMap<>())
                        .computeIfAbsent(0.0, k -> new ArrayList<>());
                group.getValue().forEach(r -> cell.add(metric.applyAsDouble(r.metrics())));
            }
        }
        List<Line> lines = new ArrayList<>();
        values.forEach((label, byLoadFactor) -> lines.add(new Line(label, sampleOf.get(label), means(byLoadFactor))));
        lines.sort((a, b) -> a.sample().precision() != b.sample().precision()
                ? a.sample().precision().compareTo(b.sample().precision()) : a.label().compareTo(b.label()));
        return lines;
    }

    /** OK points of the first seed grouped by precision, widest first, for the per-precision training curves. */
    Map<Precision, List<PointResult>> firstSeedByPrecision() {
        long firstSeed = okResults.stream().mapToLong(r -> r.point().seed()).min().orElse(0);
        return sorted().stream().filter(r -> r.point().seed() == firstSeed)
                .collect(Collectors.groupingBy(r -> r.point().precision(), TreeMap::new, Collectors.toList()));
    }

    /** A short name of a point within its precision and seed, e.g. {@code 5% lfu nearest}. */
    String curveLabel(ExperimentPoint point) {
        StringBuilder label = new StringBuilder(ExperimentPoint.percentLabel(point.cacheLoadFactor()));
        if (point.cacheLoadFactor() > 0) {
            label.append(' ').append(ExperimentPoint.lower(point.cachePolicy()));
        }
        if (point.precision() != Precision.FP32) {
            label.append(' ').append(ExperimentPoint.lower(point.rounding()));
        }
        if (qparamsVary && point.precision().isQuantized()) {
            label.append(" q").append(ExperimentPoint.lower(point.qparams()));
        }
        return label.toString();
    }

    private List<PointResult> sorted() {
        return okResults.stream().sorted((a, b) -> a.point().pointId().compareTo(b.point().pointId())).toList();
    }

    /** The series a point belongs to, e.g. {@code INT8 qfp16 lru stochastic}. */
    String label(ExperimentPoint point, boolean withPolicy) {
        StringBuilder label = new StringBuilder(point.precision().name());
        if (qparamsVary && point.precision().isQuantized()) {
            label.append(" q").append(ExperimentPoint.lower(point.qparams()));
        }
        if (roundingsVary && point.precision() != Precision.FP32) {
            label.append(' ').append(ExperimentPoint.lower(point.rounding()));
        }
        if (withPolicy) {
            label.append(" [").append(ExperimentPoint.lower(point.cachePolicy())).append(']');
        }
        return label.toString();
    }

    private static String withoutPolicy(String label) {
        int bracket = label.indexOf(" [");
        return bracket < 0 ? label : label.substring(0, bracket);
    }

    private static TreeMap<Double, Double> means(Map<Double, List<Double>> byLoadFactor) {
        TreeMap<Double, Double> means = new TreeMap<>();
        byLoadFactor.forEach((loadFactor, cell) -> {
            double mean = cell.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).average()
                    .orElse(Double.NaN);
            if (Double.isFinite(mean)) {
                means.put(loadFactor, mean);
            }
        });
        return means;
    }
}
