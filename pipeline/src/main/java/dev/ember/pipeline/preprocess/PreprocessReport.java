package dev.ember.pipeline.preprocess;

import java.util.List;
import java.util.Map;

/**
 * What {@link PreprocessJob#run} did; the same figures are in {@code metadata.json}.
 *
 * @param out output directory
 * @param linesRead input lines, valid and rejected
 * @param rowsWritten rows written over all splits (= linesRead - rejected)
 * @param rows rows per split: "train", "validation", "test"
 * @param rejected rejected lines per reason (all reasons listed)
 * @param cardinalities table size per categorical column C1..C26
 * @param positiveRate share of label 1 among written rows
 * @param seconds wall time of the job
 */
public record PreprocessReport(String out, long linesRead, long rowsWritten,
    Map<String, Long> rows, Map<String, Long> rejected, List<Integer> cardinalities,
    double positiveRate, double seconds) {

  /** Rows read per second of wall time. */
  public double linesPerSecond() {
    return seconds > 0 ? linesRead / seconds : 0;
  }
}
