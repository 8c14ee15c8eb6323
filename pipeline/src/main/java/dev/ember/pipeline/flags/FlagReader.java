package dev.ember.pipeline.flags;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads typed values from a map of command-line flags (keys without the leading dashes).
 * The constructor rejects keys that are not in the allowed set; each getter rejects bad values
 * with an {@link IllegalArgumentException} that names the flag and the value.
 */
public final class FlagReader {
  private final String command;
  private final Map<String, String> flags;

  /**
   * @param command name of the command, used in error messages
   * @param flags flags as given (keys without dashes); null values count as empty
   * @param allowedKeys every key this command accepts
   */
  public FlagReader(String command, Map<String, String> flags, Set<String> allowedKeys) {
    if (flags == null) {
      throw new IllegalArgumentException("flags of '" + command + "' must not be null");
    }
    this.command = command;
    this.flags = new LinkedHashMap<>(flags);
    for (String key : this.flags.keySet()) {
      if (!allowedKeys.contains(key)) {
        throw new IllegalArgumentException("Unknown flag --" + key + " for '" + command
            + "'; allowed flags: " + new TreeSet<>(allowedKeys).stream()
                .map(k -> "--" + k).collect(Collectors.joining(", ")));
      }
    }
  }

  /** Returns the value of a flag that must be present and non-blank. */
  public String requiredString(String key) {
    String value = flags.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Missing required flag --" + key + " for '" + command + "'");
    }
    return value.trim();
  }

  /** Returns the value of a flag, or the default when it is absent. */
  public String optionalString(String key, String defaultValue) {
    String value = flags.get(key);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  /** Parses a long within [min, max]; accepts digit groups separated by '_' or ','. */
  public long longInRange(String key, long defaultValue, long min, long max) {
    String text = flags.get(key);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(text.trim().replace("_", "").replace(",", ""));
    } catch (NumberFormatException e) {
      throw bad(key, text, "an integer");
    }
    if (value < min || value > max) {
      throw bad(key, text, "an integer in [" + min + ", " + max + "]");
    }
    return value;
  }

  /** Parses an int within [min, max]. */
  public int intInRange(String key, int defaultValue, int min, int max) {
    return (int) longInRange(key, defaultValue, min, max);
  }

  /** Parses a finite double within [min, max]. */
  public double doubleInRange(String key, double defaultValue, double min, double max) {
    String text = flags.get(key);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw bad(key, text, "a number");
    }
    if (!Double.isFinite(value) || value < min || value > max) {
      throw bad(key, text, "a number in [" + min + ", " + max + "]");
    }
    return value;
  }

  /** Parses a byte size such as {@code 134217728}, {@code 64m}, {@code 512k} or {@code 1g}. */
  public long byteSize(String key, long defaultValue, long min, long max) {
    String text = flags.get(key);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    long multiplier = 1;
    char last = trimmed.charAt(trimmed.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      multiplier = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    long value;
    try {
      value = Math.multiplyExact(Long.parseLong(trimmed), multiplier);
    } catch (NumberFormatException | ArithmeticException e) {
      throw bad(key, text, "a byte size such as 134217728, 512k, 64m or 1g");
    }
    if (value < min || value > max) {
      throw bad(key, text, "a byte size in [" + min + ", " + max + "] bytes");
    }
    return value;
  }

  /** Parses an enum constant by its flag spelling (lower case, '-' for '_'). */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    String text = flags.get(key);
    if (text == null || text.isBlank()) {
      return defaultValue;
    }
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalized)) {
        return constant;
      }
    }
    throw bad(key, text, "one of " + Arrays.stream(type.getEnumConstants())
        .map(FlagReader::spelling).collect(Collectors.joining(", ")));
  }

  /** The flag spelling of an enum constant: lower case, '_' written as '-'. */
  public static String spelling(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private IllegalArgumentException bad(String key, String value, String expected) {
    return invalid(command, key, value, expected);
  }

  /** Throws the same error as a bad flag when {@code condition} fails: for checks across fields of options. */
  public static void check(String command, boolean condition, String key, Object value, String expected) {
    if (!condition) {
      throw invalid(command, key, value, expected);
    }
  }

  private static IllegalArgumentException invalid(String command, String key, Object value,
      String expected) {
    return new IllegalArgumentException("Invalid value for --" + key + " of '" + command + "': '"
        + value + "' (expected " + expected + ")");
  }
}
