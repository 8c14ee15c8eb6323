package dev.ember.pipeline.preprocess;

import java.util.Locale;

/** The three output splits; the folder name is the lower-case name. */
public enum Split {
  TRAIN, VALIDATION, TEST;

  /** Folder name under the output directory. */
  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }
}
