package dev.ember.pipeline.input;

import java.io.Serializable;

/**
 * One input file.
 *
 * @param index position of the file in input order (0-based)
 * @param path fully qualified path
 * @param bytes file length in bytes
 * @param gzip whether the file starts with the gzip magic bytes
 */
public record InputFile(int index, String path, long bytes, boolean gzip) implements Serializable {
  /** The last path element, e.g. {@code day_3.gz}. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
