package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.flags.FlagReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@code ember preprocess}. Validated on construction; {@link #fromFlags} is the
 * command-line entry point and {@link #defaults} gives every default in one place.
 *
 * @param input file, directory or glob (comma-separated list allowed); plain or gzip
 * @param out output directory (train/, validation/, test/, vocabulary/, rejects/, metadata.json)
 * @param mode vocabulary or hashing
 * @param minCount values seen fewer times map to the reserved rare id (vocabulary mode)
 * @param maxIndRange table size in hashing mode
 * @param split kaggle, terabyte or random
 * @param testFraction test share of the random split
 * @param validationFraction validation share of the random split
 * @param denseOffset dense transform log(max(x, 0) + offset); missing counts as 0
 * @param maxRejectFraction the job fails when rejected lines / lines read exceeds this
 * @param vocabulary an existing vocabulary to reuse (its folder, or an output folder holding
 *     one); null builds one
 * @param seed seed of the random split
 * @param rowGroupBytes Parquet row-group size in bytes
 * @param chunkBytes plain input files are read in chunks of this many bytes, one task each
 * @param checksums whether to compute the SHA-256 of every input file
 */
public record PreprocessOptions(String input, String out, CategoricalMode mode, long minCount,
    int maxIndRange, SplitMode split, double testFraction, double validationFraction,
    double denseOffset, double maxRejectFraction, String vocabulary, long seed,
    long rowGroupBytes, long chunkBytes, boolean checksums) {

  private static final Set<String> FLAGS = Set.of("input", "out", "mode", "min-count",
      "max-ind-range", "split", "test-fraction", "validation-fraction", "dense-offset",
      "max-reject-fraction", "vocabulary", "seed", "row-group-size", "chunk-size", "checksums");

  /** Validates every field. */
  public PreprocessOptions {
    FlagReader.check("preprocess", input != null && !input.isBlank(), "input", input, "a path");
    FlagReader.check("preprocess", out != null && !out.isBlank(), "out", out, "a path");
    FlagReader.check("preprocess", mode != null, "mode", mode, "vocabulary or hashing");
    FlagReader.check("preprocess", split != null, "split", split, "kaggle, terabyte or random");
    FlagReader.check("preprocess", minCount >= 1, "min-count", minCount, "at least 1");
    FlagReader.check("preprocess", maxIndRange >= 2, "max-ind-range", maxIndRange, "at least 2");
    FlagReader.check("preprocess", testFraction >= 0 && validationFraction >= 0 && testFraction + validationFraction < 1,
        "test-fraction + validation-fraction", testFraction + validationFraction,
        "non-negative fractions summing to less than 1");
    FlagReader.check("preprocess", denseOffset > 0 && Double.isFinite(denseOffset), "dense-offset", denseOffset,
        "a positive number");
    FlagReader.check("preprocess", maxRejectFraction >= 0 && maxRejectFraction <= 1, "max-reject-fraction",
        maxRejectFraction, "a fraction in [0, 1]");
    FlagReader.check("preprocess", rowGroupBytes >= 1 << 16, "row-group-size", rowGroupBytes, "at least 64k");
    FlagReader.check("preprocess", chunkBytes >= 1 << 10, "chunk-size", chunkBytes, "at least 1k");
    FlagReader.check("preprocess", vocabulary == null || mode == CategoricalMode.VOCABULARY, "vocabulary", vocabulary,
        "only with --mode vocabulary");
  }

  /** Defaults for everything but input and out. */
  public static PreprocessOptions defaults(String input, String out) {
    return new PreprocessOptions(input, out, CategoricalMode.VOCABULARY, 1, 10_000_000,
        SplitMode.KAGGLE, 0.1, 0.1, 1.0, 0.01, null, 42L, 64L << 20, 64L << 20, true);
  }

  /**
   * Parses command-line flags (keys without dashes): input, out, mode, min-count,
   * max-ind-range, split, test-fraction, validation-fraction, dense-offset, max-reject-fraction,
   * vocabulary, seed, row-group-size, chunk-size, checksums (true|false).
   */
  public static PreprocessOptions fromFlags(Map<String, String> flags) {
    FlagReader reader = new FlagReader("preprocess", flags, FLAGS);
    PreprocessOptions d = defaults(reader.requiredString("input"), reader.requiredString("out"));
    return new PreprocessOptions(d.input(), d.out(),
        reader.enumValue("mode", CategoricalMode.class, d.mode()),
        reader.longInRange("min-count", d.minCount(), 1, Long.MAX_VALUE),
        reader.intInRange("max-ind-range", d.maxIndRange(), 2, Integer.MAX_VALUE),
        reader.enumValue("split", SplitMode.class, d.split()),
        reader.doubleInRange("test-fraction", d.testFraction(), 0, 1),
        reader.doubleInRange("validation-fraction", d.validationFraction(), 0, 1),
        reader.doubleInRange("dense-offset", d.denseOffset(), Double.MIN_VALUE, 1e30),
        reader.doubleInRange("max-reject-fraction", d.maxRejectFraction(), 0, 1),
        reader.optionalString("vocabulary", null),
        reader.longInRange("seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
        reader.byteSize("row-group-size", d.rowGroupBytes(), 1 << 16, 1L << 31),
        reader.byteSize("chunk-size", d.chunkBytes(), 1 << 10, 1L << 40),
        reader.enumValue("checksums", Toggle.class, Toggle.TRUE) == Toggle.TRUE);
  }

  /** The effective options as flag name to value, for metadata.json and logs. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("input", input);
    map.put("out", out);
    map.put("mode", FlagReader.spelling(mode));
    map.put("min-count", minCount);
    map.put("max-ind-range", maxIndRange);
    map.put("split", FlagReader.spelling(split));
    map.put("test-fraction", testFraction);
    map.put("validation-fraction", validationFraction);
    map.put("dense-offset", denseOffset);
    map.put("max-reject-fraction", maxRejectFraction);
    map.put("vocabulary", vocabulary);
    map.put("seed", seed);
    map.put("row-group-size", rowGroupBytes);
    map.put("chunk-size", chunkBytes);
    map.put("checksums", checksums);
    return map;
  }

  /** Boolean flag spelling. */
  private enum Toggle { TRUE, FALSE }
}
