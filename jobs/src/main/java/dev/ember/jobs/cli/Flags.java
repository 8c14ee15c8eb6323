package dev.ember.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Command-line flags as {@code --key value} (or {@code --key=value}) pairs, in the order given.
 * {@code --preset FILE} loads a {@code .properties} file of defaults first (e.g. {@code conf/default.properties});
 * flags on the command line override it. Keys are stored without the leading dashes.
 */
public final class Flags {
    private final Map<String, String> values;

    private Flags(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Flags parse(String[] args, int from) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("Expected a flag like --key value, got '" + arg + "' (argument " + (i + 1) + ")");
            }
            String key = arg.substring(2);
            String value;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("Flag --" + key + " needs a value");
            }
            if (given.put(key, value) != null) {
                throw new UsageException("Flag --" + key + " given twice");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>();
        String preset = given.remove("preset");
        if (preset != null) {
            merged.putAll(loadPreset(Path.of(preset)));
        }
        merged.putAll(given);
        return new Flags(merged);
    }

    public static Flags of(Map<String, String> values) {
        return new Flags(new LinkedHashMap<>(values));
    }

    private static Map<String, String> loadPreset(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("Cannot read --preset " + file + ": " + e.getMessage());
        }
        Map<String, String> sorted = new TreeMap<>();
        properties.forEach((k, v) -> sorted.put(k.toString().trim(), v.toString().trim()));
        return sorted;
    }

    public Map<String, String> asMap() {
        return values;
    }

    public String get(String key) {
        return values.get(key);
    }

    public String require(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new UsageException("Missing required flag --" + key);
        }
        return value;
    }

    /** A copy with {@code key} set, keeping the order of the other flags. */
    public Flags with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Flags(copy);
    }

    /** A copy without the given keys (for passing the rest on to a sub-command's parser). */
    public Flags without(String... keys) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        for (String key : keys) {
            copy.remove(key);
        }
        return new Flags(copy);
    }
}
