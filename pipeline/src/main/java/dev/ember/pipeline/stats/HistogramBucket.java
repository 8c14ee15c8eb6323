package dev.ember.pipeline.stats;

/**
 * One bucket of a frequency histogram: values seen between minCount and maxCount times.
 *
 * @param minCount smallest count in the bucket (a power of two)
 * @param maxCount largest count in the bucket
 * @param values number of distinct values (or rows) in the bucket
 * @param accesses total occurrences of those values
 */
public record HistogramBucket(long minCount, long maxCount, long values, long accesses) {}
