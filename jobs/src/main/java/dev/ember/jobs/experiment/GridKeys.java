package dev.ember.jobs.experiment;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** The keys of a grid file, and their conversion from text to an {@link ExperimentGrid}, shared by both formats. */
final class GridKeys {
    static final String NAME = "name";
    static final String DESCRIPTION = "description";
    static final String PRECISION = "precision";
    static final String QPARAMS = "qparams";
    static final String CACHE_LOAD_FACTOR = "cache_load_factor";
    static final String CACHE_POLICY = "cache_policy";
    static final String ROUNDING = "rounding";
    static final String SEEDS = "seeds";
    static final String COLLAPSE_EQUIVALENT = "collapse_equivalent";
    static final String TRAIN = "train";

    static final Set<String> ALLOWED = new LinkedHashSet<>(List.of(NAME, DESCRIPTION, PRECISION, QPARAMS,
            CACHE_LOAD_FACTOR, CACHE_POLICY, ROUNDING, SEEDS, COLLAPSE_EQUIVALENT, TRAIN));
    static final Set<String> REQUIRED = Set.of(PRECISION, CACHE_LOAD_FACTOR);

    private GridKeys() {
    }

    /** Builds the grid; every error names the file, the key and the bad value, and lists what is allowed. */
    static ExperimentGrid toGrid(Map<String, List<String>> values, Map<String, String> trainFlags, String source,
                                 String defaultName) {
        for (String key : values.keySet()) {
            if (!ALLOWED.contains(key)) {
                throw new IllegalArgumentException("Grid file " + source + ": unknown key '" + key
                        + "'; allowed keys are " + ALLOWED);
            }
        }
        for (String key : REQUIRED) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("Grid file " + source + ": missing key '" + key
                        + "'; required keys are " + REQUIRED);
            }
        }
        try {
            return new ExperimentGrid(
                    single(values, NAME, defaultName, source),
                    single(values, DESCRIPTION, "", source),
                    parseAll(values, PRECISION, List.of("fp32"), source, Precision::parse),
                    parseAll(values, QPARAMS, List.of("fp16"), source, QParamsPrecision::parse),
                    parseAll(values, CACHE_LOAD_FACTOR, List.of(), source, GridKeys::parseLoadFactor),
                    parseAll(values, CACHE_POLICY, List.of("lru"), source, CachePolicy::parse),
                    parseAll(values, ROUNDING, List.of("stochastic"), source, Rounding::parse),
                    parseAll(values, SEEDS, List.of("1"), source, GridKeys::parseSeed),
                    trainFlags,
                    parseBoolean(single(values, COLLAPSE_EQUIVALENT, "true", source), source));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains(source)) {
                throw e;
            }
            throw new IllegalArgumentException("Grid file " + source + ": " + e.getMessage(), e);
        }
    }

    private static String single(Map<String, List<String>> values, String key, String fallback, String source) {
        List<String> given = values.get(key);
        if (given == null) {
            return fallback;
        }
        if (given.size() != 1) {
            throw new IllegalArgumentException("Grid file " + source + ", key '" + key
                    + "': expected one value, got " + given);
        }
        return given.get(0);
    }

    private static <T> List<T> parseAll(Map<String, List<String>> values, String key, List<String> fallback,
                                        String source, BiFunction<String, String, T> parser) {
        List<String> texts = values.getOrDefault(key, fallback);
        String where = "grid file " + source + ", key '" + key + "'";
        List<T> parsed = new ArrayList<>();
        for (String text : texts) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("Grid file " + source + ", key '" + key
                        + "': empty value in " + texts);
            }
            parsed.add(parser.apply(text, where));
        }
        return parsed;
    }

    /** A fraction in [0, 1] ({@code 0.05}) or a percentage ({@code 5%}). */
    static double parseLoadFactor(String text, String where) {
        String trimmed = text.trim();
        boolean percent = trimmed.endsWith("%");
        double value;
        try {
            BigDecimal number = new BigDecimal(percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed);
            value = (percent ? number.movePointLeft(2) : number).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid cache load factor '" + text + "' in " + where
                    + ": expected a fraction like 0.05 or a percentage like 5%");
        }
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("Invalid cache load factor '" + text + "' in " + where
                    + ": expected a fraction of the rows in [0, 1] (or 0% to 100%)");
        }
        return value;
    }

    private static long parseSeed(String text, String where) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid seed '" + text + "' in " + where + ": expected an integer");
        }
    }

    private static boolean parseBoolean(String text, String source) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(trimmed);
        }
        throw new IllegalArgumentException("Grid file " + source + ", key '" + COLLAPSE_EQUIVALENT
                + "': invalid value '" + text + "', expected true or false");
    }
}
