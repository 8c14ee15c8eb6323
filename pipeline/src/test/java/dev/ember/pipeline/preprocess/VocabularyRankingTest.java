package dev.ember.pipeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ember.pipeline.SparkTestSession;
import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.vocabulary.VocabularyMapper;
import dev.ember.pipeline.vocabulary.VocabularyStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counting pass ranks values with primitive maps and sorts; the oracle here is the Spark SQL
 * definition of the vocabulary (count per value, row_number over count descending, value
 * ascending, ids from 2, below min-count 1), run on the real Criteo sample, which has many ties.
 */
class VocabularyRankingTest {
  private static SparkSession spark;
  @TempDir static Path folder;
  private static Path sample;

  @BeforeAll
  static void start() {
    sample = SparkTestSession.kaggleSample();
    assumeTrue(sample != null, "Skipped: ../shared/data/criteo/kaggle-sample-train.tsv is absent "
        + "(set -Dember.shared.dir)");
    spark = SparkTestSession.start("VocabularyRankingTest");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void savedVocabularyEqualsTheSqlWindowDefinition() {
    String out = folder.resolve("min-count-2").toString();
    PreprocessJob.run(spark, PreprocessOptions.fromFlags(Map.of("input", sample.toString(),
        "out", out, "min-count", "2", "chunk-size", "200k", "checksums", "false")));
    List<String> expected = rows(sqlVocabulary(2));
    List<String> saved = rows(spark.read().parquet(out + "/vocabulary"));
    assertTrue(expected.size() > 10_000, "the sample has " + expected.size() + " values");
    assertEquals(expected, saved);
  }

  @Test
  void reloadedVocabularyMapsEveryKeptValueToItsSavedId() {
    String out = folder.resolve("reload").toString();
    PreprocessReport report = PreprocessJob.run(spark, PreprocessOptions.fromFlags(Map.of(
        "input", sample.toString(), "out", out, "checksums", "false")));
    VocabularyMapper mapper = VocabularyStore.load(spark, out);
    List<Integer> cardinalities = new ArrayList<>();
    for (int size : mapper.cardinalities()) {
      cardinalities.add(size);
    }
    assertEquals(report.cardinalities(), cardinalities);
    for (Row row : spark.read().parquet(out + "/vocabulary").collectAsList()) {
      int column = CriteoFormat.categoricalIndex(row.getString(0));
      int value = (int) Long.parseLong(row.getString(1), 16);
      assertEquals(row.getInt(2), mapper.id(column, value, false), row.toString());
    }
  }

  /** The vocabulary as a Spark SQL window over the raw values of the sample. */
  private static Dataset<Row> sqlVocabulary(long minCount) {
    Dataset<Row> lines = spark.read().option("sep", "\t").csv(sample.toString());
    List<Column> pairs = new ArrayList<>();
    for (int c = 0; c < CriteoFormat.NUM_CATEGORICAL; c++) {
      pairs.add(functions.struct(functions.lit(CriteoFormat.categoricalName(c)).as("column"),
          functions.col("_c" + (1 + CriteoFormat.NUM_DENSE + c)).as("raw")));
    }
    Dataset<Row> counts = lines.select(functions.explode(functions.array(
            pairs.toArray(new Column[0]))).as("pair"))
        .select("pair.column", "pair.raw").where(functions.col("raw").isNotNull())
        .withColumn("value", functions.conv(functions.col("raw"), 16, 10).cast("long"))
        .groupBy("column", "value").agg(functions.count(functions.lit(1)).as("count"));
    Column rank = functions.row_number().over(Window.partitionBy("column")
        .orderBy(functions.col("count").desc(), functions.col("value").asc()));
    return counts.select(functions.col("column"),
        functions.lpad(functions.lower(functions.hex(functions.col("value"))), 8, "0")
            .as("value"),
        functions.when(functions.col("count").geq(minCount), rank.plus(1)).otherwise(1)
            .cast("int").as("id"),
        functions.col("count"));
  }

  private static List<String> rows(Dataset<Row> vocabulary) {
    List<String> rows = new ArrayList<>();
    for (Row row : vocabulary.collectAsList()) {
      rows.add(row.getString(0) + " " + row.getString(1) + " " + row.getInt(2) + " "
          + row.getLong(3));
    }
    Collections.sort(rows);
    return rows;
  }
}
