package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.stats.ColumnStatistics;
import dev.ember.pipeline.vocabulary.VocabularyMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles metadata.json (documented field by field in docs/data-format.md). */
final class Metadata {
  /** Version of the output layout; bump on any incompatible change. */
  static final int FORMAT_VERSION = 1;

  private Metadata() {}

  static Map<String, Object> of(PreprocessOptions options, PreprocessReport report,
      Map<String, Long> positives, List<ColumnStatistics> columns,
      List<Map<String, Object>> inputs) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("format", "ember-criteo-parquet");
    metadata.put("formatVersion", FORMAT_VERSION);
    metadata.put("schema", schema());
    metadata.put("cardinalities", report.cardinalities());
    metadata.put("rows", report.rows());
    metadata.put("linesRead", report.linesRead());
    metadata.put("rowsWritten", report.rowsWritten());
    metadata.put("rejected", report.rejected());
    metadata.put("rejectedTotal", report.linesRead() - report.rowsWritten());
    metadata.put("positiveRate", report.positiveRate());
    metadata.put("positiveRateBySplit", rates(positives, report.rows()));
    metadata.put("dense", Map.of("transform", "log(max(x, 0) + offset), missing as 0",
        "offset", options.denseOffset()));
    metadata.put("categorical", categorical(options));
    metadata.put("split", split(options));
    metadata.put("parquet", Map.of("compression", "snappy",
        "rowGroupBytes", options.rowGroupBytes(),
        "partFiles", "one task per input chunk, part files sorted by name follow input order"));
    metadata.put("columns", columns);
    metadata.put("inputs", inputs);
    metadata.put("options", options.asMap());
    metadata.put("seconds", report.seconds());
    return metadata;
  }

  private static List<Map<String, String>> schema() {
    List<Map<String, String>> fields = new ArrayList<>();
    for (String name : CriteoFormat.columnNames()) {
      String type = name.startsWith("I") ? "FLOAT" : "INT32";
      fields.add(Map.of("name", name, "type", type, "repetition", "REQUIRED"));
    }
    return fields;
  }

  private static Map<String, Double> rates(Map<String, Long> positives, Map<String, Long> rows) {
    Map<String, Double> rates = new LinkedHashMap<>();
    for (Map.Entry<String, Long> entry : rows.entrySet()) {
      long count = entry.getValue();
      rates.put(entry.getKey(), count == 0 ? 0.0 : (double) positives.get(entry.getKey()) / count);
    }
    return rates;
  }

  private static Map<String, Object> categorical(PreprocessOptions options) {
    Map<String, Object> categorical = new LinkedHashMap<>();
    if (options.mode() == CategoricalMode.HASHING) {
      categorical.put("mode", "hashing");
      categorical.put("maxIndRange", options.maxIndRange());
      categorical.put("rule", "id = unsigned(hex value) mod maxIndRange; missing = 0");
    } else {
      categorical.put("mode", "vocabulary");
      categorical.put("minCount", options.minCount());
      categorical.put("missingId", VocabularyMapper.MISSING_ID);
      categorical.put("rareId", VocabularyMapper.RARE_ID);
      categorical.put("rule", "ids 2.. by descending count; rare or unseen = 1; missing = 0");
      categorical.put("reusedVocabulary", options.vocabulary());
    }
    return categorical;
  }

  private static Map<String, Object> split(PreprocessOptions options) {
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("mode", options.split().name().toLowerCase(java.util.Locale.ROOT));
    switch (options.split()) {
      case KAGGLE -> split.put("rule", "7 equal days in line order (numpy array_split); days 0-5 "
          + "train; day 6: first half test, second half validation");
      case TERABYTE -> split.put("rule", "files day_0..day_23; day_23: first half test, second "
          + "half validation; other days train");
      default -> {
        split.put("rule", "hash of (seed, line position) per line");
        split.put("seed", options.seed());
        split.put("testFraction", options.testFraction());
        split.put("validationFraction", options.validationFraction());
      }
    }
    return split;
  }
}
