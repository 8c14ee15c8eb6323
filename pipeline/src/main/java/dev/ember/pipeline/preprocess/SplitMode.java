package dev.ember.pipeline.preprocess;

/** How input lines are divided into train, validation and test. */
public enum SplitMode {
  /** Kaggle: 7 equal days in line order; days 0-5 train; day 6 halved into test, validation. */
  KAGGLE,
  /** Criteo 1TB: files day_0..day_23; day 23 first half test, second half validation. */
  TERABYTE,
  /** Each line independently, from a hash of (seed, line position). */
  RANDOM
}
