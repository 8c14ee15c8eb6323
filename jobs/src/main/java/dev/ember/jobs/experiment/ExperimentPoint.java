package dev.ember.jobs.experiment;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One training run of a sweep: the swept settings only. The flags every point shares (epochs, batch size, ...)
 * live in the grid, see {@link #trainFlags}.
 *
 * @param cacheLoadFactor FP32 cache capacity as a fraction of the rows of each table, in [0, 1]; 0 means no cache
 */
public record ExperimentPoint(Precision precision, QParamsPrecision qparams, double cacheLoadFactor,
                              CachePolicy cachePolicy, Rounding rounding, long seed) {

    public ExperimentPoint {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(qparams, "qparams");
        Objects.requireNonNull(cachePolicy, "cachePolicy");
        Objects.requireNonNull(rounding, "rounding");
        if (!(cacheLoadFactor >= 0.0 && cacheLoadFactor <= 1.0)) {
            throw new IllegalArgumentException("Invalid cache load factor " + cacheLoadFactor
                    + ": expected a value in [0, 1]");
        }
    }

    /**
     * A name that is unique within a sweep and safe as a folder name, e.g.
     * {@code int8_qfp16_cache5pct_lru_stochastic_seed1}.
     */
    public String pointId() {
        return lower(precision) + "_q" + lower(qparams) + "_cache" + percentNumber(cacheLoadFactor) + "pct_"
                + lower(cachePolicy) + "_" + lower(rounding) + "_seed" + seed;
    }

    /** The load factor as a percentage for labels, e.g. {@code 0.1%}. */
    public static String percentLabel(double loadFactor) {
        return percentNumber(loadFactor) + "%";
    }

    private static String percentNumber(double loadFactor) {
        return BigDecimal.valueOf(loadFactor).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    /**
     * The flags the train job gets for this point: the grid's shared flags, then the data folder, the swept
     * settings and the point's output folder (the swept keys always win).
     */
    public Map<String, String> trainFlags(Map<String, String> sharedFlags, String data, Path outputDirectory) {
        Map<String, String> flags = new LinkedHashMap<>(sharedFlags);
        flags.put("data", data);
        flags.put("precision", lower(precision));
        flags.put("qparams", lower(qparams));
        flags.put("cache-ratio", BigDecimal.valueOf(cacheLoadFactor).stripTrailingZeros().toPlainString());
        flags.put("cache-policy", lower(cachePolicy));
        flags.put("rounding", lower(rounding));
        flags.put("seed", Long.toString(seed));
        flags.put("out", outputDirectory.toString());
        return flags;
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
