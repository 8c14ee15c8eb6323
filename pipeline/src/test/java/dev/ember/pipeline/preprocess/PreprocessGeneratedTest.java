package dev.ember.pipeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ember.pipeline.SparkTestSession;
import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.generate.GenerateJob;
import dev.ember.pipeline.generate.GenerateOptions;
import dev.ember.pipeline.generate.GenerateReport;
import dev.ember.pipeline.stats.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generate, then preprocess the generated data: gzip vs plain, vocabulary reuse, hashing. */
class PreprocessGeneratedTest {
  private static final int ROWS = 6_000;
  private static SparkSession spark;
  @TempDir static Path folder;
  private static GenerateReport plainReport;
  private static String plain;
  private static String gzip;

  @BeforeAll
  static void generate() {
    spark = SparkTestSession.start("PreprocessGeneratedTest");
    plain = folder.resolve("generated-plain").toString();
    gzip = folder.resolve("generated-gzip").toString();
    plainReport = GenerateJob.run(spark, GenerateOptions.fromFlags(Map.of(
        "rows", Integer.toString(ROWS), "out", plain, "seed", "5", "files", "3")));
    GenerateJob.run(spark, GenerateOptions.fromFlags(Map.of(
        "rows", Integer.toString(ROWS), "out", gzip, "seed", "5", "files", "3",
        "compression", "gzip")));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void generatorWritesKaggleShapedLinesWithProbabilitiesAlongside() throws IOException {
    assertEquals(ROWS, plainReport.rows());
    List<String> lines = Files.readAllLines(Path.of(plain, "part-00001.tsv"));
    List<String> probabilities = Files.readAllLines(Path.of(plain, "probabilities",
        "part-00001.txt"));
    assertEquals(2000, lines.size());
    assertEquals(lines.size(), probabilities.size());
    for (String line : lines) {
      assertEquals(CriteoFormat.NUM_FIELDS, line.split("\t", -1).length, line);
    }
    JsonNode generator = JsonFiles.mapper().readTree(Path.of(plain, "generator.json").toFile());
    double bayesAuc = generator.get("bayesAuc").asDouble();
    assertTrue(bayesAuc > 0.74 && bayesAuc < 0.82, "Bayes AUC " + bayesAuc);
    assertEquals(0.25, generator.get("positiveRate").asDouble(), 0.02);
  }

  @Test
  void gzipAndPlainInputGiveIdenticalOutput() {
    String fromPlain = preprocess(plain, Map.of("chunk-size", "128k"));
    String fromGzip = preprocess(gzip, Map.of());
    long total = 0;
    for (String split : List.of("train", "validation", "test", "vocabulary")) {
      List<String> a = sortedRows(fromPlain + "/" + split);
      List<String> b = sortedRows(fromGzip + "/" + split);
      assertEquals(a, b, split + " differs between plain and gzip input");
      if (!split.equals("vocabulary")) {
        total += a.size();
      }
    }
    assertEquals(ROWS, total, "rows written + rows rejected (0) = rows read");
  }

  @Test
  void reusedVocabularyMapsTheSameValueToTheSameId() throws IOException {
    String first = preprocess(plain + "/part-0000[01].tsv", Map.of());
    String later = preprocess(plain + "/part-00002.tsv", Map.of("vocabulary", first));
    Map<String, Integer> vocabulary = new HashMap<>();
    for (Row row : spark.read().parquet(first + "/vocabulary").collectAsList()) {
      vocabulary.put(row.getString(0) + "=" + row.getString(1), row.getInt(2));
    }
    List<String> lines = Files.readAllLines(Path.of(plain, "part-00002.tsv"));
    List<Row> train = spark.read().parquet(later + "/train").limit(50).collectAsList();
    int known = 0;
    for (int i = 0; i < train.size(); i++) {
      String[] fields = lines.get(i).split("\t", -1);
      for (int c = 0; c < CriteoFormat.NUM_CATEGORICAL; c++) {
        String raw = fields[1 + CriteoFormat.NUM_DENSE + c];
        Integer expected = raw.isEmpty() ? Integer.valueOf(0)
            : vocabulary.getOrDefault(CriteoFormat.categoricalName(c) + "=" + raw, 1);
        known += expected > 1 ? 1 : 0;
        assertEquals(expected.intValue(), train.get(i).getInt(1 + CriteoFormat.NUM_DENSE + c),
            "line " + (i + 1) + " column " + CriteoFormat.categoricalName(c) + " value " + raw);
      }
    }
    assertTrue(known > 500, "only " + known + " values were in the vocabulary");
    JsonNode metadata = JsonFiles.mapper().readTree(Path.of(later, "metadata.json").toFile());
    JsonNode firstMetadata = JsonFiles.mapper().readTree(Path.of(first, "metadata.json").toFile());
    assertEquals(firstMetadata.get("cardinalities"), metadata.get("cardinalities"));
  }

  @Test
  void hashingModeTakesTheHexValueModuloTheRange() throws IOException {
    String out = preprocess(plain + "/part-00000.tsv", Map.of("mode", "hashing",
        "max-ind-range", "1000", "split", "random", "seed", "3"));
    PreprocessReport report = lastReport;
    assertEquals(2000, report.rowsWritten());
    assertTrue(report.cardinalities().stream().allMatch(size -> size == 1000));
    assertEquals(0.8, report.rows().get("train") / 2000.0, 0.04);
    List<String> lines = Files.readAllLines(Path.of(plain, "part-00000.tsv"));
    JsonNode metadata = JsonFiles.mapper().readTree(Path.of(out, "metadata.json").toFile());
    assertEquals("hashing", metadata.get("categorical").get("mode").asText());
    Row first = spark.read().parquet(out + "/train", out + "/validation", out + "/test")
        .where("I1 >= 0").limit(1).collectAsList().get(0);
    assertTrue(lines.stream().anyMatch(line -> matchesHashed(line, first)),
        "no input line hashes to " + first);
  }

  private static List<String> sortedRows(String path) {
    List<String> rows = new java.util.ArrayList<>();
    spark.read().parquet(path).collectAsList().forEach(row -> rows.add(row.toString()));
    java.util.Collections.sort(rows);
    return rows;
  }

  private static boolean matchesHashed(String line, Row row) {
    String[] fields = line.split("\t", -1);
    if (Integer.parseInt(fields[0]) != row.getInt(0)) {
      return false;
    }
    for (int c = 0; c < CriteoFormat.NUM_CATEGORICAL; c++) {
      String raw = fields[1 + CriteoFormat.NUM_DENSE + c];
      long id = raw.isEmpty() ? 0 : Long.parseLong(raw, 16) % 1000;
      if (id != row.getInt(1 + CriteoFormat.NUM_DENSE + c)) {
        return false;
      }
    }
    return true;
  }

  private static PreprocessReport lastReport;
  private static int runs;

  private static String preprocess(String input, Map<String, String> extra) {
    String out = folder.resolve("preprocessed-" + (runs++)).toString();
    Map<String, String> flags = new HashMap<>(extra);
    flags.put("input", input);
    flags.put("out", out);
    flags.put("checksums", "false");
    lastReport = PreprocessJob.run(spark, PreprocessOptions.fromFlags(flags));
    return out;
  }
}
