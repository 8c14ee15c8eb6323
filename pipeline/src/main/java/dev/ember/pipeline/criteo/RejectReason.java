package dev.ember.pipeline.criteo;

import java.util.Locale;

/** Why an input line was not turned into a training row. */
public enum RejectReason {
  /** The line is empty. */
  EMPTY_LINE,
  /** The line does not have exactly 40 tab-separated fields. */
  WRONG_FIELD_COUNT,
  /** The label is not 0 or 1. */
  BAD_LABEL,
  /** A dense field is neither empty nor a (possibly negative) 64-bit integer. */
  BAD_DENSE,
  /** A categorical field is neither empty nor 1 to 8 hexadecimal digits. */
  BAD_CATEGORICAL,
  /** A gzip file ends before its end-of-stream marker; the partial last line is rejected. */
  TRUNCATED_GZIP,
  /** A gzip file holds data that does not decompress; reading that file stops there. */
  CORRUPT_GZIP;

  /** The spelling used in metadata.json and the rejects dataset, e.g. {@code wrong_field_count}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
