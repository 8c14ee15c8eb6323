package dev.ember.jobs.experiment;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A sweep: the values of each swept setting, and the train flags every point shares. {@link #expand} gives the
 * points, the cartesian product in a fixed order (seed, precision, qparams, load factor, policy, rounding).
 *
 * @param collapseEquivalent when true (the default), settings that cannot change a point are not swept:
 *                           FP32 runs without a cache and with the first rounding, FP32/FP16 with the first
 *                           qparams, a point without a cache with the first policy
 */
public record ExperimentGrid(String name, String description, List<Precision> precisions,
                             List<QParamsPrecision> qparams, List<Double> cacheLoadFactors,
                             List<CachePolicy> cachePolicies, List<Rounding> roundings, List<Long> seeds,
                             Map<String, String> trainFlags, boolean collapseEquivalent) {

    /** Train flags a grid may not set: the sweep sets them for every point. */
    public static final Set<String> SWEPT_FLAGS = Set.of("data", "out", "precision", "qparams", "cache-ratio",
            "cache-policy", "rounding", "seed");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public ExperimentGrid {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid grid name '" + name
                    + "': use letters, digits, '.', '_' and '-'");
        }
        description = description == null ? "" : description;
        precisions = checkedList("precision", precisions);
        qparams = checkedList("qparams", qparams);
        cacheLoadFactors = checkedList("cache_load_factor", cacheLoadFactors);
        cachePolicies = checkedList("cache_policy", cachePolicies);
        roundings = checkedList("rounding", roundings);
        seeds = checkedList("seeds", seeds);
        for (double loadFactor : cacheLoadFactors) {
            if (!(loadFactor >= 0.0 && loadFactor <= 1.0)) {
                throw new IllegalArgumentException("Invalid cache_load_factor " + loadFactor
                        + ": expected a fraction of the rows in [0, 1]");
            }
        }
        trainFlags = Map.copyOf(trainFlags);
        for (String key : trainFlags.keySet()) {
            if (SWEPT_FLAGS.contains(key)) {
                throw new IllegalArgumentException("Invalid train flag '" + key + "' in grid '" + name
                        + "': the sweep sets it for every point; swept flags are " + SWEPT_FLAGS);
            }
        }
    }

    private static <T> List<T> checkedList(String key, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("Grid key '" + key + "' needs at least one value");
        }
        Set<T> seen = new HashSet<>();
        for (T value : values) {
            Objects.requireNonNull(value, key);
            if (!seen.add(value)) {
                throw new IllegalArgumentException("Grid key '" + key + "' lists '" + value + "' twice: " + values);
            }
        }
        return List.copyOf(values);
    }

    /** The points of this grid, without duplicates, in a fixed order (see the class comment). */
    public List<ExperimentPoint> expand() {
        Map<String, ExperimentPoint> points = new LinkedHashMap<>();
        for (long seed : seeds) {
            for (Precision precision : precisions) {
                for (QParamsPrecision qparam : qparams) {
                    for (double loadFactor : cacheLoadFactors) {
                        for (CachePolicy policy : cachePolicies) {
                            for (Rounding rounding : roundings) {
                                ExperimentPoint point = canonical(
                                        new ExperimentPoint(precision, qparam, loadFactor, policy, rounding, seed));
                                points.putIfAbsent(point.pointId(), point);
                            }
                        }
                    }
                }
            }
        }
        return new ArrayList<>(points.values());
    }

    private ExperimentPoint canonical(ExperimentPoint point) {
        if (!collapseEquivalent) {
            return point;
        }
        boolean fp32 = point.precision() == Precision.FP32;
        double loadFactor = fp32 ? 0.0 : point.cacheLoadFactor();
        QParamsPrecision qparam = point.precision().isQuantized() ? point.qparams() : qparams.get(0);
        CachePolicy policy = loadFactor == 0.0 ? cachePolicies.get(0) : point.cachePolicy();
        Rounding rounding = fp32 ? roundings.get(0) : point.rounding();
        return new ExperimentPoint(point.precision(), qparam, loadFactor, policy, rounding, point.seed());
    }
}
