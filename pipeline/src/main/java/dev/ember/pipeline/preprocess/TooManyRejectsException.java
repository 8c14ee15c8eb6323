package dev.ember.pipeline.preprocess;

/** Thrown when the share of rejected lines exceeds --max-reject-fraction. */
public final class TooManyRejectsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message says how many lines were rejected, why, and where the rejects were written */
  public TooManyRejectsException(String message) {
    super(message);
  }
}
