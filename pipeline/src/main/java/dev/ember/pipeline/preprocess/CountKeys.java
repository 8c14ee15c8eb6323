package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.RejectReason;

/**
 * Layout of the 64-bit keys the counting pass aggregates. Bits 33-37 hold a namespace: 0-25
 * is a categorical column (bit 32 set means "missing", bits 0-31 the value or id), 31 is the
 * per-chunk statistics namespace (bits 4-32 the chunk index, bits 0-3 the statistic).
 */
final class CountKeys {
  static final int STATISTICS_NAMESPACE = 31;
  static final int STAT_LINES = 0;
  static final int STAT_VALID = 1;
  static final int STAT_POSITIVES = 2;
  static final int STAT_FIRST_REASON = 3;
  static final int NUM_STATS = STAT_FIRST_REASON + RejectReason.values().length;

  private CountKeys() {}

  static long valueKey(int column, int value) {
    return ((long) column << 33) | Integer.toUnsignedLong(value);
  }

  static long missingKey(int column) {
    return ((long) column << 33) | (1L << 32);
  }

  static long statisticKey(int chunkIndex, int statistic) {
    return ((long) STATISTICS_NAMESPACE << 33) | ((long) chunkIndex << 4) | statistic;
  }

  static int namespace(long key) {
    return (int) (key >>> 33);
  }

  static boolean isMissing(long key) {
    return ((key >>> 32) & 1) == 1;
  }

  static int chunkOf(long statisticKey) {
    return (int) ((statisticKey & ((1L << 33) - 1)) >>> 4);
  }

  static int statisticOf(long statisticKey) {
    return (int) (statisticKey & 15);
  }
}
