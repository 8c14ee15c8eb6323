package dev.ember.pipeline.vocabulary;

import dev.ember.pipeline.criteo.CriteoFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Saves, copies and loads vocabularies, and makes the mapper of a built one. The saved form is
 * Parquet with columns {@code column} (STRING, "C1".."C26"), {@code value} (STRING, 8 lower-case
 * hex digits), {@code id} (INT32; 1 for values below min-count) and {@code count} (INT64,
 * occurrences in the input the vocabulary was built from). Missing values are not listed: they
 * always map to id 0. Ids are given by the preprocess job's counting pass: per column, values
 * counted at least min-count times get ids 2, 3, ... by descending count (ties by ascending
 * value), the others 1.
 */
public final class VocabularyStore {
  private VocabularyStore() {}

  /** The saved form's schema: column, value, id, count. */
  public static StructType schema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("column", DataTypes.StringType, false),
        DataTypes.createStructField("value", DataTypes.StringType, false),
        DataTypes.createStructField("id", DataTypes.IntegerType, false),
        DataTypes.createStructField("count", DataTypes.LongType, false)));
  }

  /**
   * The mapper of a vocabulary built from ranked values: {@code keptValues[c][r]} (the values of
   * column c counted at least min-count times, most frequent first) gets id r + 2.
   */
  public static VocabularyMapper mapperOf(int[][] keptValues) {
    if (keptValues.length != CriteoFormat.NUM_CATEGORICAL) {
      throw new IllegalArgumentException("expected " + CriteoFormat.NUM_CATEGORICAL
          + " columns of kept values, got " + keptValues.length);
    }
    IntIntHashMap[] maps = new IntIntHashMap[CriteoFormat.NUM_CATEGORICAL];
    int[] cardinalities = new int[CriteoFormat.NUM_CATEGORICAL];
    for (int column = 0; column < maps.length; column++) {
      int[] kept = keptValues[column];
      maps[column] = new IntIntHashMap(kept.length);
      for (int rank = 0; rank < kept.length; rank++) {
        maps[column].put(kept[rank], rank + VocabularyMapper.RESERVED_IDS);
      }
      cardinalities[column] = kept.length + VocabularyMapper.RESERVED_IDS;
    }
    return new VocabularyMapper(maps, cardinalities);
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
    try {
      VocabularyFiles.read(folder, spark.sparkContext().hadoopConfiguration(),
          (columnName, hex, id) -> {
            if (id >= VocabularyMapper.RESERVED_IDS) {
              int column = CriteoFormat.categoricalIndex(columnName);
              maps[column].put(parseValue(hex, folder), id);
              cardinalities[column] = Math.max(cardinalities[column], id + 1);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read vocabulary " + folder, e);
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
    return spark.createDataFrame(List.of(), schema());
  }

  /** Copies a saved vocabulary folder file by file (the reused vocabulary of an earlier run). */
  public static void copy(SparkSession spark, String path, String target) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path source = new Path(folderOf(spark, path));
    Path destination = new Path(target);
    try {
      FileSystem from = source.getFileSystem(hadoop);
      FileSystem to = destination.getFileSystem(hadoop);
      if (to.exists(destination)) {
        throw new IllegalArgumentException("Output " + destination + " already exists");
      }
      if (!FileUtil.copy(from, source, to, destination, false, hadoop)) {
        throw new IOException("copy reported failure");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy vocabulary " + source + " to " + destination, e);
    }
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
