package dev.ember.pipeline.preprocess;

/** How categorical hex values become table row ids. */
public enum CategoricalMode {
  /** Per-column vocabulary: ids by descending frequency, reserved ids for missing and rare. */
  VOCABULARY,
  /** DLRM's {@code --max-ind-range}: id = (unsigned value) mod max-ind-range; missing = 0. */
  HASHING
}
