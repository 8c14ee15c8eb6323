package dev.ember.jobs.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads grid files: JSON ({@code .json}) or Java properties ({@code .properties}); both hold the same keys
 * (docs/experiments.md). In JSON a key holds an array or a single value and the shared train flags are the
 * object {@code "train"}; in properties a list is comma separated and a train flag is {@code train.<flag>}.
 */
public final class GridFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GridFiles() {
    }

    public static ExperimentGrid read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Grid file " + file + " does not exist");
        }
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String defaultName = stripExtension(file.getFileName().toString());
        if (fileName.endsWith(".json")) {
            return parseJson(text, file.toString(), defaultName);
        }
        if (fileName.endsWith(".properties")) {
            return parseProperties(text, file.toString(), defaultName);
        }
        throw new IllegalArgumentException("Grid file " + file + " must end in .json or .properties");
    }

    /** Parses a JSON grid; {@code source} names the file in error messages. */
    public static ExperimentGrid parseJson(String text, String source, String defaultName) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Grid file " + source + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Grid file " + source + " must hold a JSON object");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, String> trainFlags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(GridKeys.TRAIN)) {
                readTrainObject(field.getValue(), source, trainFlags);
            } else {
                values.put(field.getKey(), jsonValues(field.getKey(), field.getValue(), source));
            }
        }
        return GridKeys.toGrid(values, trainFlags, source, defaultName);
    }

    private static void readTrainObject(JsonNode train, String source, Map<String, String> trainFlags) {
        if (!train.isObject()) {
            throw new IllegalArgumentException("Grid file " + source + ", key 'train': expected an object of"
                    + " train flags like {\"epochs\": 1}, got " + train);
        }
        train.properties().forEach(flag -> {
            if (!flag.getValue().isValueNode() || flag.getValue().isNull()) {
                throw new IllegalArgumentException("Grid file " + source + ", train flag '" + flag.getKey()
                        + "': expected a single value, got " + flag.getValue());
            }
            trainFlags.put(flag.getKey(), flag.getValue().asText());
        });
    }

    private static List<String> jsonValues(String key, JsonNode node, String source) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode element : node) {
                values.add(jsonScalar(key, element, source));
            }
        } else {
            values.add(jsonScalar(key, node, source));
        }
        return values;
    }

    private static String jsonScalar(String key, JsonNode node, String source) {
        if (!node.isValueNode() || node.isNull()) {
            throw new IllegalArgumentException("Grid file " + source + ", key '" + key
                    + "': expected a value or an array of values, got " + node);
        }
        return node.asText();
    }

    /** Parses a properties grid; {@code source} names the file in error messages. */
    public static ExperimentGrid parseProperties(String text, String source, String defaultName) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Grid file " + source + " is not a valid properties file: "
                    + e.getMessage());
        }
        Map<String, List<String>> values = new TreeMap<>();
        Map<String, String> trainFlags = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (key.equals(GridKeys.TRAIN)) {
                throw new IllegalArgumentException("Grid file " + source + ": key 'train' needs a flag name,"
                        + " as in train.epochs=1");
            } else if (key.startsWith(GridKeys.TRAIN + ".")) {
                trainFlags.put(key.substring(GridKeys.TRAIN.length() + 1), value);
            } else if (key.equals(GridKeys.DESCRIPTION) || key.equals(GridKeys.NAME)) {
                values.put(key, List.of(value));
            } else {
                values.put(key, splitList(value));
            }
        }
        return GridKeys.toGrid(values, trainFlags, source, defaultName);
    }

    private static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            items.add(item.trim());
        }
        return items;
    }

    /**
     * The effective grid as JSON (written next to the results as {@code grid.json}); reads back with
     * {@link #parseJson}.
     */
    public static Map<String, Object> toJsonMap(ExperimentGrid grid) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(GridKeys.NAME, grid.name());
        map.put(GridKeys.DESCRIPTION, grid.description());
        map.put(GridKeys.PRECISION, grid.precisions().stream().map(ExperimentPoint::lower).toList());
        map.put(GridKeys.QPARAMS, grid.qparams().stream().map(ExperimentPoint::lower).toList());
        map.put(GridKeys.CACHE_LOAD_FACTOR, grid.cacheLoadFactors());
        map.put(GridKeys.CACHE_POLICY, grid.cachePolicies().stream().map(ExperimentPoint::lower).toList());
        map.put(GridKeys.ROUNDING, grid.roundings().stream().map(ExperimentPoint::lower).toList());
        map.put(GridKeys.SEEDS, grid.seeds());
        map.put(GridKeys.COLLAPSE_EQUIVALENT, grid.collapseEquivalent());
        map.put(GridKeys.TRAIN, new TreeMap<>(grid.trainFlags()));
        return map;
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
