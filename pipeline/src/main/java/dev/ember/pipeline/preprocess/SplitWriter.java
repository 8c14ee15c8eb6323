package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.input.HadoopConfiguration;
import dev.ember.pipeline.vocabulary.VocabularyStore;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes one split (or the rejects, or the vocabulary) as snappy Parquet. Each split is its own
 * pass over only the chunks that can hold its lines, one task per chunk, so part files keep input
 * order (part-00000 first) and no sort or shuffle is needed. Id columns of tables larger than
 * {@link #DICTIONARY_MAX_ROWS} are written without Parquet's dictionary encoding: their
 * dictionary would hold most of a row group's values and save about 1% of the file, for a hash
 * lookup per value (about a seventh of the write's CPU time on 4M generated rows).
 */
final class SplitWriter {
  /** Largest table whose id column gets a Parquet dictionary. */
  static final int DICTIONARY_MAX_ROWS = 1 << 16;

  private final SparkSession spark;
  private final JavaSparkContext context;
  private final HadoopConfiguration configuration;
  private final long rowGroupBytes;

  SplitWriter(SparkSession spark, HadoopConfiguration configuration, long rowGroupBytes) {
    this.spark = spark;
    this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.configuration = configuration;
    this.rowGroupBytes = rowGroupBytes;
  }

  /** Rows and positives written to one split. */
  record Written(long rows, long positives) {}

  /**
   * Writes the split to {@code path}. Rows and positives are counted with accumulators in the
   * write's result stage, where Spark applies each successful task's update exactly once.
   */
  Written writeSplit(Split split, List<ChunkStatistics> chunks,
      Broadcast<TransformSettings> settings, String path) {
    LongAccumulator rowCount = spark.sparkContext().longAccumulator(split.folder() + " rows");
    LongAccumulator positiveCount = spark.sparkContext().longAccumulator(
        split.folder() + " positives");
    SplitAssigner splits = settings.value().splits();
    List<ChunkStatistics> selected = chunks.stream()
        .filter(chunk -> splits.mayContain(split, chunk)).collect(Collectors.toList());
    HadoopConfiguration shipped = configuration;
    JavaRDD<InternalRow> rows = context.parallelize(selected, Math.max(1, selected.size()))
        .mapPartitions(partition -> new TransformIterator(partition, shipped, settings.value(),
            split, rowCount, positiveCount));
    DataFrameWriter<Row> writer = writer(InternalRows.dataFrame(spark, rows,
        CriteoFormat.splitSchema()));
    int[] cardinalities = settings.value().mapper().cardinalities();
    for (int column = 0; column < cardinalities.length; column++) {
      if (cardinalities[column] > DICTIONARY_MAX_ROWS) {
        writer = writer.option("parquet.enable.dictionary#"
            + CriteoFormat.categoricalName(column), "false");
      }
    }
    writer.parquet(path);
    return new Written(rowCount.value(), positiveCount.value());
  }

  /** Writes the rejected lines of the chunks that have any (an empty dataset when none). */
  void writeRejects(List<ChunkStatistics> chunks, String path) {
    List<ChunkStatistics> selected = chunks.stream().filter(chunk -> chunk.rejected() > 0)
        .collect(Collectors.toList());
    HadoopConfiguration shipped = configuration;
    JavaRDD<Row> rows = context.parallelize(selected, Math.max(1, selected.size()))
        .mapPartitions(partition -> new RejectIterator(partition, shipped));
    writer(spark.createDataFrame(rows, CriteoFormat.rejectSchema())).parquet(path);
  }

  /** Writes a vocabulary's rows (see {@link VocabularyRows}). */
  void writeVocabulary(CountingPass.Result counted, long minCount, String path) {
    JavaRDD<InternalRow> rows = counted.ranked()
        .mapPartitions(partition -> new VocabularyRows(partition, minCount));
    writer(InternalRows.dataFrame(spark, rows, VocabularyStore.schema())).parquet(path);
  }

  private DataFrameWriter<Row> writer(Dataset<Row> rows) {
    return rows.write().mode(SaveMode.ErrorIfExists)
        .option("compression", "snappy")
        .option("parquet.block.size", Long.toString(rowGroupBytes));
  }
}
