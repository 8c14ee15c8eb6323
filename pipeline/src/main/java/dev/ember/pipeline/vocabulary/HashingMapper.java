package dev.ember.pipeline.vocabulary;

import dev.ember.pipeline.criteo.CriteoFormat;
import java.util.Arrays;

/**
 * DLRM's {@code --max-ind-range}: the hex value read as an unsigned 32-bit number, modulo the
 * range; a missing value reads as 0, so it shares id 0 with values that are multiples of the range.
 */
public final class HashingMapper implements CategoricalMapper {
  private static final long serialVersionUID = 1L;
  private final int maxIndRange;

  /** @param maxIndRange table size of every column, at least 2 */
  public HashingMapper(int maxIndRange) {
    if (maxIndRange < 2) {
      throw new IllegalArgumentException("maxIndRange must be >= 2, got " + maxIndRange);
    }
    this.maxIndRange = maxIndRange;
  }

  @Override
  public int id(int column, int value, boolean missing) {
    return missing ? 0 : (int) (Integer.toUnsignedLong(value) % maxIndRange);
  }

  @Override
  public int[] cardinalities() {
    int[] sizes = new int[CriteoFormat.NUM_CATEGORICAL];
    Arrays.fill(sizes, maxIndRange);
    return sizes;
  }
}
