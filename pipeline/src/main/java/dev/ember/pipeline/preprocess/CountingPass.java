package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.HadoopConfiguration;
import dev.ember.pipeline.input.InputChunk;
import dev.ember.pipeline.preprocess.CountRecord.ChunkCounts;
import dev.ember.pipeline.preprocess.CountRecord.ColumnSummary;
import dev.ember.pipeline.preprocess.CountRecord.RankedColumn;
import dev.ember.pipeline.vocabulary.CategoricalMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Pass 1: one task per chunk parses every line and counts categorical values (or mapped ids) and
 * line statistics in primitive maps; the counts go through one shuffle, one merge task per
 * column sums and ranks them, and the driver gets each column's count distribution (and the kept
 * values when a vocabulary is built) plus the line statistics of every chunk. No Spark SQL: the
 * records are a few primitive arrays per task and column.
 */
final class CountingPass {
  private CountingPass() {}

  /**
   * What the counting pass learned.
   *
   * @param chunks per-chunk statistics and line positions, in input order
   * @param columns one summary per categorical column, in column order
   * @param ranked the merged, ranked columns, persisted for the vocabulary write when a
   *     vocabulary is built here; null when keys are ids (hashing, reused vocabulary)
   */
  record Result(List<ChunkStatistics> chunks, List<ColumnSummary> columns,
      JavaRDD<CountRecord> ranked) {
    /** Drops the persisted ranked columns. */
    void release() {
      if (ranked != null) {
        ranked.unpersist(false);
      }
    }
  }

  /**
   * @param mapper null to count raw values and build a vocabulary with {@code minCount}; else
   *     the mapper whose ids are counted
   */
  static Result run(SparkSession spark, List<InputChunk> chunks, HadoopConfiguration configuration,
      CategoricalMapper mapper, long minCount) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // A vocabulary can be large: ship it once per executor, never inside the task closure.
    Broadcast<CategoricalMapper> shippedMapper = mapper == null ? null : context.broadcast(mapper);
    JavaRDD<CountRecord> merged = context.parallelize(chunks, Math.max(1, chunks.size()))
        .mapPartitionsToPair(partition -> new CountingIterator(partition, configuration,
            shippedMapper == null ? null : shippedMapper.value()))
        .partitionBy(new CountPartitioner())
        .values()
        .mapPartitionsWithIndex(CountMerger::merge, false);
    boolean building = mapper == null;
    if (building) {
      merged.persist(StorageLevel.MEMORY_AND_DISK());
    }
    long keptMinCount = building ? minCount : 0;
    List<CountRecord> collected = merged.map(record -> record instanceof RankedColumn ranked
        ? CountMerger.summarize(ranked, keptMinCount) : record).collect();
    List<ChunkCounts> chunkCounts = new ArrayList<>();
    ColumnSummary[] columns = new ColumnSummary[CriteoFormat.NUM_CATEGORICAL];
    for (CountRecord record : collected) {
      if (record instanceof ChunkCounts counts) {
        chunkCounts.add(counts);
      } else if (record instanceof ColumnSummary summary) {
        columns[summary.column()] = summary;
      }
    }
    for (int column = 0; column < columns.length; column++) {
      if (columns[column] == null) {
        columns[column] = new ColumnSummary(column, 0, new long[0], new long[0],
            building ? new int[0] : null);
      }
    }
    return new Result(place(chunks, chunkCounts), List.of(columns), building ? merged : null);
  }

  /** Builds per-chunk statistics and each chunk's global and in-file line positions. */
  private static List<ChunkStatistics> place(List<InputChunk> chunks, List<ChunkCounts> counts) {
    Map<Integer, long[]> byChunk = new HashMap<>();
    for (ChunkCounts chunkCounts : counts) {
      byChunk.put(chunkCounts.chunkIndex(), chunkCounts.statistics());
    }
    Map<Integer, Long> fileLines = new HashMap<>();
    for (InputChunk chunk : chunks) {
      long[] statistics = byChunk.getOrDefault(chunk.index(), new long[ChunkCounts.SIZE]);
      fileLines.merge(chunk.file().index(), statistics[ChunkCounts.LINES], Long::sum);
    }
    List<ChunkStatistics> placed = new ArrayList<>(chunks.size());
    long globalLine = 0;
    long fileLine = 0;
    for (InputChunk chunk : chunks) {
      long[] statistics = byChunk.getOrDefault(chunk.index(), new long[ChunkCounts.SIZE]);
      if (chunk.firstOfFile()) {
        fileLine = 0;
      }
      long[] rejects = new long[RejectReason.values().length];
      System.arraycopy(statistics, ChunkCounts.FIRST_REASON, rejects, 0, rejects.length);
      long lines = statistics[ChunkCounts.LINES];
      placed.add(new ChunkStatistics(chunk, lines, statistics[ChunkCounts.VALID],
          statistics[ChunkCounts.POSITIVES], rejects, globalLine, fileLine,
          fileLines.get(chunk.file().index())));
      globalLine += lines;
      fileLine += lines;
    }
    return placed;
  }
}
