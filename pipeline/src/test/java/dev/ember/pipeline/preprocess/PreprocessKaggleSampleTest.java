package dev.ember.pipeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ember.pipeline.SparkTestSession;
import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.stats.JsonFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preprocess on the real Criteo rows of ../shared (skipped with a message when absent). */
class PreprocessKaggleSampleTest {
  private static SparkSession spark;
  private static Path sample;
  @TempDir static Path folder;
  private static PreprocessReport report;
  private static String out;

  @BeforeAll
  static void preprocessSample() {
    sample = SparkTestSession.kaggleSample();
    assumeTrue(sample != null, "Skipped: ../shared/data/criteo/kaggle-sample-train.tsv is absent "
        + "(set -Dember.shared.dir)");
    spark = SparkTestSession.start("PreprocessKaggleSampleTest");
    out = folder.resolve("out").toString();
    report = PreprocessJob.run(spark, PreprocessOptions.fromFlags(Map.of(
        "input", sample.toString(), "out", out, "chunk-size", "256k")));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everyLineIsWrittenOrRejectedAndKaggleSplitSizesHold() {
    assertEquals(4671, report.linesRead());
    long rejected = report.rejected().values().stream().mapToLong(Long::longValue).sum();
    assertEquals(report.linesRead(), report.rowsWritten() + rejected);
    assertEquals(0, rejected, "the real sample has no malformed line: " + report.rejected());
    assertEquals(4004, report.rows().get("train"));
    assertEquals(334, report.rows().get("test"));
    assertEquals(333, report.rows().get("validation"));
    assertEquals(0.2227, report.positiveRate(), 0.001);
  }

  @Test
  void splitsHaveTheDocumentedSchemaAndIdsFitTheTables() throws IOException {
    Dataset<Row> train = spark.read().parquet(out + "/train");
    assertEquals(CriteoFormat.columnNames(), java.util.List.of(train.columns()));
    assertEquals("int", train.schema().apply("label").dataType().simpleString());
    assertEquals("float", train.schema().apply("I1").dataType().simpleString());
    assertEquals("int", train.schema().apply("C26").dataType().simpleString());
    for (int c = 0; c < CriteoFormat.NUM_CATEGORICAL; c++) {
      String name = CriteoFormat.categoricalName(c);
      Row range = spark.read().parquet(out + "/train", out + "/test", out + "/validation")
          .agg(functions.min(name), functions.max(name)).first();
      assertTrue(range.getInt(0) >= 0, name + " min id " + range.getInt(0));
      assertTrue(range.getInt(1) < report.cardinalities().get(c),
          name + " max id " + range.getInt(1) + " >= cardinality " + report.cardinalities().get(c));
    }
    File part = firstPart(new File(out, "train"));
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(part.getPath()), new Configuration()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      for (Type field : schema.getFields()) {
        assertEquals(Type.Repetition.REQUIRED, field.getRepetition(), field.getName());
      }
      assertEquals("snappy", reader.getRowGroups().get(0).getColumns().get(0).getCodec().name()
          .toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Test
  void metadataHoldsTheContractFields() throws IOException {
    JsonNode metadata = JsonFiles.mapper().readTree(new File(out, "metadata.json"));
    assertEquals(26, metadata.get("cardinalities").size());
    assertEquals(4004, metadata.get("rows").get("train").asLong());
    assertEquals(0, metadata.get("rejected").get("wrong_field_count").asLong());
    assertTrue(metadata.get("positiveRate").asDouble() > 0.2);
    assertEquals("37f72f507630f0cfee1be9ea34728d5b4832b16a02c5ae1a96727aab0a78946a",
        metadata.get("inputs").get(0).get("sha256").asText());
    JsonNode c1 = metadata.get("columns").get(0);
    assertEquals("C1", c1.get("name").asText());
    assertTrue(c1.get("cacheSizing").get("rowsFor90Percent").asLong() > 0);
    assertEquals(4, c1.get("cacheSizing").get("idealHitRate").size());
    long vocabularyRows = spark.read().parquet(out + "/vocabulary").count();
    long distinct = 0;
    for (JsonNode column : metadata.get("columns")) {
      distinct += column.get("distinctValues").asLong();
    }
    assertEquals(distinct, vocabularyRows);
  }

  private static File firstPart(File folder) {
    File[] parts = folder.listFiles((dir, name) -> name.startsWith("part-")
        && name.endsWith(".parquet"));
    assertTrue(parts != null && parts.length > 0, "no part file in " + folder);
    java.util.Arrays.sort(parts);
    return parts[0];
  }
}
