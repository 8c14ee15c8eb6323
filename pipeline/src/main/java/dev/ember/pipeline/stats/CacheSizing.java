package dev.ember.pipeline.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Cache-sizing statistics of one embedding table from its per-row access counts.
 *
 * @param accesses total lookups of the table
 * @param tableRows rows in the table (reserved and never-accessed rows included)
 * @param rowsFor50Percent fewest rows that cover 50% of the lookups
 * @param rowsFor90Percent fewest rows that cover 90% of the lookups
 * @param rowsFor99Percent fewest rows that cover 99% of the lookups
 * @param idealHitRate by cache size ("0.1%", "1%", "5%", "20%" of tableRows, rounded up): the
 *     hit rate of a cache that holds the most frequent rows, each missing once on first use
 */
public record CacheSizing(long accesses, long tableRows, long rowsFor50Percent,
    long rowsFor90Percent, long rowsFor99Percent, Map<String, Double> idealHitRate) {

  private static final double[] CACHE_FRACTIONS = {0.001, 0.01, 0.05, 0.2};
  private static final String[] CACHE_LABELS = {"0.1%", "1%", "5%", "20%"};

  /**
   * @param countToRows for each access count, how many rows have it (rows with 0 omitted)
   * @param tableRows rows in the table
   */
  public static CacheSizing of(NavigableMap<Long, Long> countToRows, long tableRows) {
    long accesses = 0;
    for (Map.Entry<Long, Long> entry : countToRows.entrySet()) {
      accesses += entry.getKey() * entry.getValue();
    }
    Map<String, Double> hitRates = new LinkedHashMap<>();
    for (int i = 0; i < CACHE_FRACTIONS.length; i++) {
      long capacity = (long) Math.ceil(CACHE_FRACTIONS[i] * tableRows);
      hitRates.put(CACHE_LABELS[i], accesses == 0 ? 0.0
          : (double) hitsOfTopRows(countToRows, capacity) / accesses);
    }
    return new CacheSizing(accesses, tableRows, rowsCovering(countToRows, accesses, 0.5),
        rowsCovering(countToRows, accesses, 0.9), rowsCovering(countToRows, accesses, 0.99),
        hitRates);
  }

  /** Fewest rows (most frequent first) whose accesses reach share x total. */
  static long rowsCovering(NavigableMap<Long, Long> countToRows, long accesses, double share) {
    double target = share * accesses;
    long covered = 0;
    long rows = 0;
    for (Map.Entry<Long, Long> entry : countToRows.descendingMap().entrySet()) {
      long count = entry.getKey();
      long group = entry.getValue();
      if (covered + (double) count * group >= target) {
        return rows + (long) Math.ceil((target - covered) / count);
      }
      covered += count * group;
      rows += group;
    }
    return rows;
  }

  /** Hits of a cache holding the {@code capacity} most frequent rows: sum of (count - 1). */
  static long hitsOfTopRows(NavigableMap<Long, Long> countToRows, long capacity) {
    long left = capacity;
    long hits = 0;
    for (Map.Entry<Long, Long> entry : countToRows.descendingMap().entrySet()) {
      if (left == 0) {
        break;
      }
      long rows = Math.min(left, entry.getValue());
      hits += rows * (entry.getKey() - 1);
      left -= rows;
    }
    return hits;
  }
}
