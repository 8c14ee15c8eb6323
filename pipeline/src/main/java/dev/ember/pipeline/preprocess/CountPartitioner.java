package dev.ember.pipeline.preprocess;

import org.apache.spark.Partitioner;

/** Shuffle partition of a counting record: the column index, or the chunk statistics partition. */
final class CountPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  @Override
  public int numPartitions() {
    return CountRecord.CHUNK_PARTITION + 1;
  }

  @Override
  public int getPartition(Object key) {
    return (Integer) key;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CountPartitioner;
  }

  @Override
  public int hashCode() {
    return CountPartitioner.class.hashCode();
  }
}
