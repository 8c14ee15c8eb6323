package dev.ember.pipeline.generate;

import dev.ember.pipeline.flags.FlagReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@code ember generate}.
 *
 * @param rows lines to generate
 * @param out output directory (must be absent or empty)
 * @param seed seed of the data and of the hidden label model
 * @param scale cardinality scale: a Kaggle column with more than 100 values gets
 *     max(100, round(cardinality x scale)) values; smaller columns keep their size
 * @param files part files (one Spark task each); 0 picks one per million rows
 * @param compression none or gzip
 * @param positiveRate target share of label 1 (the model's bias is calibrated to it)
 */
public record GenerateOptions(long rows, String out, long seed, double scale, int files,
    Compression compression, double positiveRate) {

  private static final Set<String> FLAGS = Set.of("rows", "out", "seed", "scale", "files",
      "compression", "positive-rate");

  /** Output compression of the TSV part files. */
  public enum Compression { NONE, GZIP }

  /** Validates every field. */
  public GenerateOptions {
    FlagReader.check("generate", rows >= 1, "rows", rows, "at least 1");
    FlagReader.check("generate", out != null && !out.isBlank(), "out", out, "a path");
    FlagReader.check("generate", scale > 0 && scale <= 1, "scale", scale, "a number in (0, 1]");
    FlagReader.check("generate", files >= 0 && files <= 100_000, "files", files, "0 (automatic) to 100000");
    FlagReader.check("generate", compression != null, "compression", compression, "none or gzip");
    FlagReader.check("generate", positiveRate > 0.01 && positiveRate < 0.99, "positive-rate", positiveRate,
        "a number in (0.01, 0.99)");
  }

  /** Defaults: 100,000 rows, seed 42, scale 0.001, automatic files, no compression, 0.25. */
  public static GenerateOptions defaults(String out) {
    return new GenerateOptions(100_000, out, 42, 0.001, 0, Compression.NONE, 0.25);
  }

  /** Parses flags: rows, out, seed, scale, files, compression (none|gzip), positive-rate. */
  public static GenerateOptions fromFlags(Map<String, String> flags) {
    FlagReader reader = new FlagReader("generate", flags, FLAGS);
    GenerateOptions d = defaults(reader.requiredString("out"));
    return new GenerateOptions(
        reader.longInRange("rows", d.rows(), 1, Long.MAX_VALUE / 2),
        d.out(),
        reader.longInRange("seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
        reader.doubleInRange("scale", d.scale(), Double.MIN_VALUE, 1),
        reader.intInRange("files", d.files(), 0, 100_000),
        reader.enumValue("compression", Compression.class, d.compression()),
        reader.doubleInRange("positive-rate", d.positiveRate(), 0.011, 0.989));
  }

  /** Number of part files actually written. */
  public int effectiveFiles() {
    long automatic = (rows + 999_999) / 1_000_000;
    return files > 0 ? (int) Math.min(files, rows) : (int) Math.max(1, automatic);
  }

  /** The effective options as flag name to value. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("rows", rows);
    map.put("out", out);
    map.put("seed", seed);
    map.put("scale", scale);
    map.put("files", effectiveFiles());
    map.put("compression", FlagReader.spelling(compression));
    map.put("positive-rate", positiveRate);
    return map;
  }
}
