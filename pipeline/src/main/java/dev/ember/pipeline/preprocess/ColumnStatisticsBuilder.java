package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.stats.CacheSizing;
import dev.ember.pipeline.stats.ColumnStatistics;
import dev.ember.pipeline.stats.FrequencyHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Turns the counting pass into per-column statistics. Only (column, count, how many keys have
 * that count) reaches the driver, so this scales with the number of distinct counts, not values.
 */
final class ColumnStatisticsBuilder {
  private ColumnStatisticsBuilder() {}

  /**
   * @param counts categorical counts of the counting pass
   * @param cardinalities table sizes per column
   * @param builtMinCount min-count when the counted keys are raw values of a vocabulary built
   *     here; 0 when they are already ids (hashing, reused vocabulary)
   */
  static List<ColumnStatistics> build(CountingPass.Result counts, int[] cardinalities,
      long builtMinCount) {
    Dataset<Row> categorical = counts.categoricalCounts();
    List<NavigableMap<Long, Long>> distributions = new ArrayList<>();
    for (int i = 0; i < CriteoFormat.NUM_CATEGORICAL; i++) {
      distributions.add(new TreeMap<>());
    }
    List<Row> grouped = categorical.where(functions.not(functions.col("missing")))
        .groupBy("column", "count").agg(functions.count(functions.lit(1)).as("keys"))
        .collectAsList();
    for (Row row : grouped) {
      distributions.get(row.getInt(0)).put(row.getLong(1), row.getLong(2));
    }
    long[] missing = new long[CriteoFormat.NUM_CATEGORICAL];
    for (Row row : categorical.where(functions.col("missing")).collectAsList()) {
      missing[row.getInt(0)] = row.getLong(3);
    }
    List<ColumnStatistics> columns = new ArrayList<>();
    for (int i = 0; i < CriteoFormat.NUM_CATEGORICAL; i++) {
      columns.add(column(i, distributions.get(i), missing[i], cardinalities[i], builtMinCount));
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
