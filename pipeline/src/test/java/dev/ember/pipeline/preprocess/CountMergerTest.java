package dev.ember.pipeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ember.pipeline.preprocess.CountRecord.ColumnCounts;
import dev.ember.pipeline.preprocess.CountRecord.ColumnSummary;
import dev.ember.pipeline.preprocess.CountRecord.RankedColumn;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountMergerTest {
  @Test
  void mergesChunksAndRanksByCountThenUnsignedValue() {
    List<CountRecord> parts = List.of(
        new ColumnCounts(3, new int[] {7, -1, 5}, new int[] {2, 3, 1}, 4),
        new ColumnCounts(3, new int[] {5, 9, 0x7fffffff}, new int[] {2, 3, 3}, 1));
    Iterator<CountRecord> merged = CountMerger.merge(3, parts.iterator());
    RankedColumn ranked = (RankedColumn) merged.next();
    // counts: 7->2, -1 (0xffffffff)->3, 5->3, 9->3, 0x7fffffff->3; ties by unsigned value
    assertArrayEquals(new int[] {5, 9, 0x7fffffff, -1, 7}, ranked.keys());
    assertArrayEquals(new long[] {3, 3, 3, 3, 2}, ranked.counts());
    assertEquals(5, ranked.missing());
    ColumnSummary summary = CountMerger.summarize(ranked, 3);
    assertArrayEquals(new long[] {2, 3}, summary.distinctCounts());
    assertArrayEquals(new long[] {1, 4}, summary.keysWithCount());
    assertArrayEquals(new int[] {5, 9, 0x7fffffff, -1}, summary.keptKeys());
  }

  @Test
  void countsPastTwoToTheThirtyOneKeepTheSameOrder() {
    IntCountMap totals = new IntCountMap(16);
    totals.add(4, 3L << 31);
    totals.add(-2, 3L << 31);
    totals.add(1, 5);
    totals.add(2, 1L << 32);
    RankedColumn ranked = CountMerger.rank(0, totals, 0);
    assertArrayEquals(new int[] {4, -2, 2, 1}, ranked.keys());
    assertArrayEquals(new long[] {3L << 31, 3L << 31, 1L << 32, 5}, ranked.counts());
  }
}
