package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.HadoopConfiguration;
import dev.ember.pipeline.input.InputChunk;
import dev.ember.pipeline.vocabulary.CategoricalMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Pass 1: one task per chunk parses every line, counts categorical values (or mapped ids) and
 * line statistics, and Spark SQL sums the counts per key. The result is persisted because the
 * vocabulary, the statistics and the metadata all read it.
 */
final class CountingPass {
  private CountingPass() {}

  /** Counts and per-chunk statistics of one pass over the input. */
  record Result(Dataset<Row> counts, List<ChunkStatistics> chunks) {
    /** Categorical counts: {@code column} (0-based), {@code missing}, {@code value}, {@code count}. */
    Dataset<Row> categoricalCounts() {
      return counts.filter(functions.expr("shiftrightunsigned(key, 33) < 31"))
          .select(functions.expr("cast(shiftrightunsigned(key, 33) as int)").as("column"),
              functions.expr("(shiftrightunsigned(key, 32) & 1) = 1").as("missing"),
              functions.expr("key & 4294967295").as("value"),
              functions.col("count"));
    }
  }

  static Result run(SparkSession spark, List<InputChunk> chunks, HadoopConfiguration configuration,
      CategoricalMapper mapper) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // A vocabulary can be large: ship it once per executor, never inside the task closure.
    Broadcast<CategoricalMapper> shippedMapper = mapper == null ? null : context.broadcast(mapper);
    JavaRDD<Row> pairs = context.parallelize(chunks, Math.max(1, chunks.size()))
        .mapPartitions(partition -> new CountingIterator(partition, configuration,
            shippedMapper == null ? null : shippedMapper.value()));
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("key", DataTypes.LongType, false),
        DataTypes.createStructField("count", DataTypes.LongType, false)));
    Dataset<Row> counts = spark.createDataFrame(pairs, schema)
        .groupBy("key").agg(functions.sum("count").cast("long").as("count"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<Row> statisticRows = counts
        .filter(functions.expr("shiftrightunsigned(key, 33) = " + CountKeys.STATISTICS_NAMESPACE))
        .collectAsList();
    return new Result(counts, place(chunks, statisticRows));
  }

  /** Builds per-chunk statistics and each chunk's global and in-file line positions. */
  private static List<ChunkStatistics> place(List<InputChunk> chunks, List<Row> statisticRows) {
    Map<Integer, long[]> byChunk = new HashMap<>();
    for (Row statisticRow : statisticRows) {
      long key = statisticRow.getLong(0);
      byChunk.computeIfAbsent(CountKeys.chunkOf(key), index -> new long[CountKeys.NUM_STATS])
          [CountKeys.statisticOf(key)] = statisticRow.getLong(1);
    }
    Map<Integer, Long> fileLines = new HashMap<>();
    for (InputChunk chunk : chunks) {
      long[] statistics = byChunk.getOrDefault(chunk.index(), new long[CountKeys.NUM_STATS]);
      fileLines.merge(chunk.file().index(), statistics[CountKeys.STAT_LINES], Long::sum);
    }
    List<ChunkStatistics> placed = new ArrayList<>(chunks.size());
    long globalLine = 0;
    long fileLine = 0;
    for (InputChunk chunk : chunks) {
      long[] statistics = byChunk.getOrDefault(chunk.index(), new long[CountKeys.NUM_STATS]);
      if (chunk.firstOfFile()) {
        fileLine = 0;
      }
      long[] rejects = new long[RejectReason.values().length];
      System.arraycopy(statistics, CountKeys.STAT_FIRST_REASON, rejects, 0, rejects.length);
      long lines = statistics[CountKeys.STAT_LINES];
      placed.add(new ChunkStatistics(chunk, lines, statistics[CountKeys.STAT_VALID],
          statistics[CountKeys.STAT_POSITIVES], rejects, globalLine, fileLine,
          fileLines.get(chunk.file().index())));
      globalLine += lines;
      fileLine += lines;
    }
    return placed;
  }
}
