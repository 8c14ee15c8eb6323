package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Writes one split (or the rejects) as snappy Parquet. Each split is its own pass over only the
 * chunks that can hold its lines, one task per chunk, so part files keep input order
 * (part-00000 first) and no sort or shuffle is needed.
 */
final class SplitWriter {
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
    // Rows go through Spark's generated row encoder, cheaper than createDataFrame's converters.
    Dataset<ChunkStatistics> chunkDataset = spark.createDataset(
        context.parallelize(selected, Math.max(1, selected.size())).rdd(),
        Encoders.javaSerialization(ChunkStatistics.class));
    Dataset<Row> rows = chunkDataset.mapPartitions(
        (MapPartitionsFunction<ChunkStatistics, Row>) partition -> new TransformIterator(
            partition, shipped, settings.value(), split, rowCount, positiveCount),
        Encoders.row(CriteoFormat.splitSchema()));
    write(rows, path);
    return new Written(rowCount.value(), positiveCount.value());
  }

  /** Writes the rejected lines of the chunks that have any (an empty dataset when none). */
  void writeRejects(List<ChunkStatistics> chunks, String path) {
    List<ChunkStatistics> selected = chunks.stream().filter(chunk -> chunk.rejected() > 0)
        .collect(Collectors.toList());
    HadoopConfiguration shipped = configuration;
    JavaRDD<Row> rows = context.parallelize(selected, Math.max(1, selected.size()))
        .mapPartitions(partition -> new RejectIterator(partition, shipped));
    write(spark.createDataFrame(rows, CriteoFormat.rejectSchema()), path);
  }

  private void write(Dataset<Row> rows, String path) {
    rows.write().mode(SaveMode.ErrorIfExists)
        .option("compression", "snappy")
        .option("parquet.block.size", Long.toString(rowGroupBytes))
        .parquet(path);
  }
}
