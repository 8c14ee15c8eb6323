package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.preprocess.CountRecord.ColumnSummary;
import dev.ember.pipeline.stats.CacheSizing;
import dev.ember.pipeline.stats.ColumnStatistics;
import dev.ember.pipeline.stats.FrequencyHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Turns the counting pass into per-column statistics. Only (count, how many keys have that
 * count) per column reaches the driver, so this scales with the number of distinct counts, not
 * values.
 */
final class ColumnStatisticsBuilder {
  private ColumnStatisticsBuilder() {}

  /**
   * @param summaries the counting pass's column summaries, in column order
   * @param cardinalities table sizes per column
   * @param builtMinCount min-count when the counted keys are raw values of a vocabulary built
   *     here; 0 when they are already ids (hashing, reused vocabulary)
   */
  static List<ColumnStatistics> build(List<ColumnSummary> summaries, int[] cardinalities,
      long builtMinCount) {
    List<ColumnStatistics> columns = new ArrayList<>();
    for (int i = 0; i < CriteoFormat.NUM_CATEGORICAL; i++) {
      ColumnSummary summary = summaries.get(i);
      NavigableMap<Long, Long> distribution = new TreeMap<>();
      for (int k = 0; k < summary.distinctCounts().length; k++) {
        distribution.put(summary.distinctCounts()[k], summary.keysWithCount()[k]);
      }
      columns.add(column(i, distribution, summary.missing(), cardinalities[i], builtMinCount));
    }
    return columns;
  }

  private static ColumnStatistics column(int index, NavigableMap<Long, Long> distribution,
      long missing, int cardinality, long builtMinCount) {
    long distinct = 0;
    long kept = 0;
    long rareAccesses = 0;
    NavigableMap<Long, Long> rowCounts = new TreeMap<>();
    for (Map.Entry<Long, Long> entry : distribution.entrySet()) {
      distinct += entry.getValue();
      if (entry.getKey() >= builtMinCount) {
        kept += entry.getValue();
        rowCounts.merge(entry.getKey(), entry.getValue(), Long::sum);
      } else {
        rareAccesses += entry.getKey() * entry.getValue();
      }
    }
    if (builtMinCount > 0) {
      addRow(rowCounts, missing);
      addRow(rowCounts, rareAccesses);
    }
    return new ColumnStatistics(CriteoFormat.categoricalName(index), cardinality, distinct, kept,
        missing, rareAccesses, FrequencyHistogram.of(distribution),
        CacheSizing.of(rowCounts, cardinality));
  }

  private static void addRow(NavigableMap<Long, Long> rowCounts, long count) {
    if (count > 0) {
      rowCounts.merge(count, 1L, Long::sum);
    }
  }
}
