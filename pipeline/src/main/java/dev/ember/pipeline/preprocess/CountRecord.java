package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.RejectReason;
import java.io.Serializable;

/**
 * What the counting pass moves between its stages (see {@link CountingPass}): counting tasks send
 * {@link ColumnCounts} and {@link ChunkCounts} through the shuffle, one merge task per column ranks
 * its values into a {@link RankedColumn}, and the driver receives a {@link ColumnSummary} per
 * column and the chunk counts. Everything is primitive arrays, a few records per task.
 */
sealed interface CountRecord extends Serializable {
  /** Shuffle partition (and merge task) of the line statistics; columns use their index. */
  int CHUNK_PARTITION = dev.ember.pipeline.criteo.CriteoFormat.NUM_CATEGORICAL;

  /** Partition of this record in the counting shuffle. */
  int partition();

  /**
   * Counts of one column over part of one chunk: {@code keys[i]} (a raw value, or an id when a
   * mapper is given) was seen {@code counts[i]} times; {@code missing} lines had the field empty.
   */
  record ColumnCounts(int column, int[] keys, int[] counts, long missing) implements CountRecord {
    @Override
    public int partition() {
      return column;
    }
  }

  /** Line statistics of one whole chunk, indexed by the constants below. */
  record ChunkCounts(int chunkIndex, long[] statistics) implements CountRecord {
    /** Lines read, valid or not. */
    static final int LINES = 0;
    /** Lines that parsed. */
    static final int VALID = 1;
    /** Valid lines with label 1. */
    static final int POSITIVES = 2;
    /** Rejected lines of reason r are at FIRST_REASON + r.ordinal(). */
    static final int FIRST_REASON = 3;
    /** Length of {@code statistics}. */
    static final int SIZE = FIRST_REASON + RejectReason.values().length;

    @Override
    public int partition() {
      return CHUNK_PARTITION;
    }
  }

  /**
   * Every key of one column with its total count, most frequent first (ties by ascending
   * unsigned key): position r of a built vocabulary is id r + 2.
   */
  record RankedColumn(int column, int[] keys, long[] counts, long missing) implements CountRecord {
    @Override
    public int partition() {
      return column;
    }

    /** Keys counted at least {@code minCount} times: a prefix, since counts descend. */
    int keptKeys(long minCount) {
      int kept = 0;
      while (kept < counts.length && counts[kept] >= minCount) {
        kept++;
      }
      return kept;
    }
  }

  /**
   * What the driver needs of one column: the missing count, the count distribution
   * ({@code keysWithCount[i]} keys were seen {@code distinctCounts[i]} times, counts ascending)
   * and, when a vocabulary is built, the kept keys in rank order (null otherwise).
   */
  record ColumnSummary(int column, long missing, long[] distinctCounts, long[] keysWithCount,
      int[] keptKeys) implements CountRecord {
    @Override
    public int partition() {
      return column;
    }
  }
}
