package dev.ember.pipeline.criteo;

/**
 * A mutable holder for one parsed line, reused across lines to avoid allocation.
 * Missing values are flagged; a missing value's slot holds 0.
 */
public final class ParsedRow {
  /** The label, 0 or 1. */
  public int label;
  /** Dense values as read (may be negative). */
  public final long[] dense = new long[CriteoFormat.NUM_DENSE];
  /** Whether each dense value was empty. */
  public final boolean[] denseMissing = new boolean[CriteoFormat.NUM_DENSE];
  /** Categorical values: the 32 bits of the hex number. */
  public final int[] categorical = new int[CriteoFormat.NUM_CATEGORICAL];
  /** Whether each categorical value was empty. */
  public final boolean[] categoricalMissing = new boolean[CriteoFormat.NUM_CATEGORICAL];
}
