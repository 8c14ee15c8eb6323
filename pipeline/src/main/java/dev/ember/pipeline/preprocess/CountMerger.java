package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.preprocess.CountRecord.ColumnCounts;
import dev.ember.pipeline.preprocess.CountRecord.ColumnSummary;
import dev.ember.pipeline.preprocess.CountRecord.RankedColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The merge side of the counting pass: sums one column's counts from every counting task in a
 * primitive map and ranks its keys by descending count, ties by ascending unsigned key (the order
 * that gives vocabulary ids); the chunk partition's line statistics pass through unchanged.
 */
final class CountMerger {
  private CountMerger() {}

  /** Merges the records of one shuffle partition. */
  static Iterator<CountRecord> merge(int partition, Iterator<CountRecord> records) {
    if (partition == CountRecord.CHUNK_PARTITION) {
      return records;
    }
    IntCountMap totals = new IntCountMap(1024);
    long missing = 0;
    boolean any = false;
    while (records.hasNext()) {
      ColumnCounts counts = (ColumnCounts) records.next();
      for (int i = 0; i < counts.keys().length; i++) {
        totals.add(counts.keys()[i], counts.counts()[i]);
      }
      missing += counts.missing();
      any = true;
    }
    if (!any) {
      return List.<CountRecord>of().iterator();
    }
    return List.<CountRecord>of(rank(partition, totals, missing)).iterator();
  }

  static RankedColumn rank(int column, IntCountMap totals, long missing) {
    int size = totals.size();
    int[] keys = new int[size];
    long[] counts = new long[size];
    int entry = 0;
    long maxCount = 0;
    for (int slot = 0; slot < totals.capacity(); slot++) {
      long count = totals.countAt(slot);
      if (count > 0) {
        keys[entry] = totals.keyAt(slot);
        counts[entry++] = count;
        maxCount = Math.max(maxCount, count);
      }
    }
    if (maxCount <= Integer.MAX_VALUE) {
      sortPacked(keys, counts);
    } else {
      sortBoxed(keys, counts);
    }
    return new RankedColumn(column, keys, counts, missing);
  }

  /** Sorts as one long per key, (MAX_VALUE - count) above the unsigned key; counts fit an int. */
  private static void sortPacked(int[] keys, long[] counts) {
    long[] packed = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      packed[i] = ((Integer.MAX_VALUE - counts[i]) << 32) | Integer.toUnsignedLong(keys[i]);
    }
    Arrays.sort(packed);
    for (int i = 0; i < packed.length; i++) {
      keys[i] = (int) packed[i];
      counts[i] = Integer.MAX_VALUE - (packed[i] >>> 32);
    }
  }

  /** The general order for counts past 2^31 (several billion lines): slower, never lossy. */
  private static void sortBoxed(int[] keys, long[] counts) {
    Integer[] order = new Integer[keys.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -counts[i])
        .thenComparingLong(i -> Integer.toUnsignedLong(keys[i])));
    int[] sortedKeys = new int[keys.length];
    long[] sortedCounts = new long[keys.length];
    for (int i = 0; i < order.length; i++) {
      sortedKeys[i] = keys[order[i]];
      sortedCounts[i] = counts[order[i]];
    }
    System.arraycopy(sortedKeys, 0, keys, 0, keys.length);
    System.arraycopy(sortedCounts, 0, counts, 0, counts.length);
  }

  /**
   * What the driver needs of a ranked column: the count distribution and, when
   * {@code keptMinCount > 0}, the keys counted at least that often (the vocabulary's kept values).
   */
  static ColumnSummary summarize(RankedColumn ranked, long keptMinCount) {
    long[] counts = ranked.counts();
    List<long[]> runs = new ArrayList<>();
    for (int start = 0; start < counts.length; ) {
      int end = start;
      while (end < counts.length && counts[end] == counts[start]) {
        end++;
      }
      runs.add(new long[] {counts[start], end - start});
      start = end;
    }
    long[] distinctCounts = new long[runs.size()];
    long[] keysWithCount = new long[runs.size()];
    for (int i = 0; i < runs.size(); i++) {
      long[] run = runs.get(runs.size() - 1 - i);
      distinctCounts[i] = run[0];
      keysWithCount[i] = run[1];
    }
    int[] kept = keptMinCount > 0
        ? Arrays.copyOf(ranked.keys(), ranked.keptKeys(keptMinCount)) : null;
    return new ColumnSummary(ranked.column(), ranked.missing(), distinctCounts, keysWithCount,
        kept);
  }
}
