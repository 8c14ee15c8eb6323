package dev.ember.pipeline.vocabulary;

import java.io.Serializable;

/** Maps a categorical value of one column to its table row id. Implementations are immutable. */
public interface CategoricalMapper extends Serializable {
  /**
   * @param column 0-based categorical column (0 for C1)
   * @param value the 32 bits of the hex value (ignored when missing)
   * @param missing whether the field was empty
   * @return the row id, in [0, cardinality(column))
   */
  int id(int column, int value, boolean missing);

  /** Table sizes per column, reserved ids included. */
  int[] cardinalities();
}
