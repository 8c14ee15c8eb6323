package dev.ember.pipeline.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CacheSizingTest {
  @Test
  void coverageAndIdealHitRatesFollowFromCounts() {
    // 1 row seen 50 times, 2 rows seen 20 times, 10 rows seen once: 100 accesses, table of 1000.
    TreeMap<Long, Long> counts = new TreeMap<>();
    counts.put(50L, 1L);
    counts.put(20L, 2L);
    counts.put(1L, 10L);
    CacheSizing sizing = CacheSizing.of(counts, 1000);
    assertEquals(100, sizing.accesses());
    assertEquals(1, sizing.rowsFor50Percent());
    assertEquals(3, sizing.rowsFor90Percent());
    assertEquals(12, sizing.rowsFor99Percent());
    assertEquals(0.49, sizing.idealHitRate().get("0.1%"), 1e-12, "1 row: 49 hits");
    assertEquals(0.87, sizing.idealHitRate().get("1%"), 1e-12, "10 rows: 49+19+19 hits");
    assertEquals(0.87, sizing.idealHitRate().get("20%"), 1e-12, "single-use rows never hit");
  }

  @Test
  void histogramBucketsByPowersOfTwo() {
    TreeMap<Long, Long> counts = new TreeMap<>();
    counts.put(1L, 10L);
    counts.put(3L, 2L);
    counts.put(5L, 1L);
    counts.put(100L, 1L);
    assertEquals(List.of(new HistogramBucket(1, 1, 10, 10), new HistogramBucket(2, 3, 2, 6),
        new HistogramBucket(4, 7, 1, 5), new HistogramBucket(64, 127, 1, 100)),
        FrequencyHistogram.of(counts));
  }
}
