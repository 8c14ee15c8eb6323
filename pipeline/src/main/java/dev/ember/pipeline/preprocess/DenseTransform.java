package dev.ember.pipeline.preprocess;

import java.io.Serializable;

/**
 * The DLRM reference dense transform: negative values become 0, missing values become 0, then
 * {@code log(x + offset)} (offset 1 by default, so 0 and missing map to 0).
 */
public record DenseTransform(double offset) implements Serializable {
  /** Validates the offset. */
  public DenseTransform {
    if (!(offset > 0) || !Double.isFinite(offset)) {
      throw new IllegalArgumentException("dense offset must be a positive finite number, got "
          + offset);
    }
  }

  /** Transforms one raw value; {@code missing} overrides the value. */
  public float apply(long value, boolean missing) {
    long clamped = missing || value < 0 ? 0 : value;
    return (float) Math.log(clamped + offset);
  }
}
