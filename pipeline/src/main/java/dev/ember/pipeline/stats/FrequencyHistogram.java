package dev.ember.pipeline.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** Power-of-two histogram of access counts: buckets [1,1], [2,3], [4,7], ... */
public final class FrequencyHistogram {
  private FrequencyHistogram() {}

  /** @param countToValues for each count, how many values have it */
  public static List<HistogramBucket> of(NavigableMap<Long, Long> countToValues) {
    List<HistogramBucket> buckets = new ArrayList<>();
    long values = 0;
    long accesses = 0;
    long bucketStart = 1;
    for (Map.Entry<Long, Long> entry : countToValues.entrySet()) {
      long count = entry.getKey();
      while (count > bucketStart * 2 - 1) {
        if (values > 0) {
          buckets.add(new HistogramBucket(bucketStart, bucketStart * 2 - 1, values, accesses));
        }
        values = 0;
        accesses = 0;
        bucketStart *= 2;
      }
      values += entry.getValue();
      accesses += count * entry.getValue();
    }
    if (values > 0) {
      buckets.add(new HistogramBucket(bucketStart, bucketStart * 2 - 1, values, accesses));
    }
    return buckets;
  }
}
