package dev.ember.pipeline.vocabulary;

import dev.ember.pipeline.criteo.CriteoFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Builds, saves and loads vocabularies. The saved form is Parquet with columns
 * {@code column} (STRING, "C1".."C26"), {@code value} (STRING, 8 lower-case hex digits),
 * {@code id} (INT32; 1 for values below min-count) and {@code count} (INT64, occurrences in the
 * input the vocabulary was built from). Missing values are not listed: they always map to id 0.
 */
public final class VocabularyStore {
  private VocabularyStore() {}

  /**
   * Assigns ids from counts: per column, values with count >= minCount get ids 2, 3, ... by
   * descending count (ties by ascending value); the others get id 1.
   *
   * @param counts columns {@code column} (int, 0-based), {@code value} (long, unsigned 32-bit),
   *     {@code count} (long), missing values excluded
   */
  public static Dataset<Row> build(Dataset<Row> counts, long minCount) {
    WindowSpec byFrequency = Window.partitionBy("column")
        .orderBy(functions.col("count").desc(), functions.col("value").asc());
    Column rank = functions.row_number().over(byFrequency);
    return counts
        .withColumn("id", functions.when(functions.col("count").geq(minCount),
            rank.plus(VocabularyMapper.RESERVED_IDS - 1)).otherwise(VocabularyMapper.RARE_ID)
            .cast("int"))
        .select(functions.concat(functions.lit("C"), functions.col("column").plus(1)).as("column"),
            functions.lpad(functions.lower(functions.hex(functions.col("value"))), 8, "0")
                .as("value"),
            functions.col("id"), functions.col("count"));
  }

  /** Writes a built vocabulary as Parquet (one file per column group is fine at this size). */
  public static void save(Dataset<Row> vocabulary, String path) {
    vocabulary.write().mode(SaveMode.ErrorIfExists).option("compression", "snappy").parquet(path);
  }

  /**
   * Loads a saved vocabulary into a mapper. {@code path} is the vocabulary folder, or an
   * output folder that holds {@code vocabulary/}.
   */
  public static VocabularyMapper load(SparkSession spark, String path) {
    String folder = folderOf(spark, path);
    IntIntHashMap[] maps = new IntIntHashMap[CriteoFormat.NUM_CATEGORICAL];
    int[] cardinalities = new int[CriteoFormat.NUM_CATEGORICAL];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = new IntIntHashMap(1024);
      cardinalities[i] = VocabularyMapper.RESERVED_IDS;
    }
    Dataset<Row> kept = spark.read().parquet(folder).select("column", "value", "id")
        .where(functions.col("id").geq(VocabularyMapper.RESERVED_IDS));
    // toLocalIterator runs one job per partition: a few large partitions stream best.
    Iterator<Row> rows = kept.coalesce(Math.min(4, Math.max(1, kept.rdd().getNumPartitions())))
        .toLocalIterator();
    while (rows.hasNext()) {
      Row row = rows.next();
      int column = CriteoFormat.categoricalIndex(row.getString(0));
      int value = parseValue(row.getString(1), folder);
      int id = row.getInt(2);
      maps[column].put(value, id);
      cardinalities[column] = Math.max(cardinalities[column], id + 1);
    }
    return new VocabularyMapper(maps, cardinalities);
  }

  private static int parseValue(String hex, String folder) {
    try {
      long value = Long.parseLong(hex, 16);
      if (hex.length() <= 8 && value >= 0) {
        return (int) value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("Vocabulary " + folder + " holds value '" + hex
        + "', not 1 to 8 hex digits");
  }

  /** An empty vocabulary with the saved schema (hashing mode writes one). */
  public static Dataset<Row> empty(SparkSession spark) {
    return spark.createDataFrame(java.util.List.of(), DataTypes.createStructType(java.util.List.of(
        DataTypes.createStructField("column", DataTypes.StringType, false),
        DataTypes.createStructField("value", DataTypes.StringType, false),
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("count", DataTypes.LongType, false))));
  }

  /** The vocabulary folder: {@code path/vocabulary} when it exists, else {@code path}. */
  public static String folderOf(SparkSession spark, String path) {
    Path candidate = new Path(path, "vocabulary");
    try {
      if (candidate.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(candidate)) {
        return candidate.toString();
      }
      Path given = new Path(path);
      if (!given.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(given)) {
        throw new IllegalArgumentException("--vocabulary '" + path + "' does not exist");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check vocabulary path '" + path + "'", e);
    }
    return path;
  }
}
