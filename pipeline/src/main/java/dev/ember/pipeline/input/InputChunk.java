package dev.ember.pipeline.input;

import java.io.Serializable;

/**
 * A byte range of an input file, read by one Spark task. A chunk owns the lines whose first
 * byte lies in [start, end); a gzip file is always one chunk covering the whole file.
 *
 * @param index position of the chunk in input order (0-based over all files)
 * @param file the file the chunk belongs to
 * @param start first byte offset (compressed offset 0 for gzip)
 * @param end byte offset after the chunk (file length for gzip)
 */
public record InputChunk(int index, InputFile file, long start, long end) implements Serializable {
  /** Whether this chunk is the first of its file. */
  public boolean firstOfFile() {
    return start == 0;
  }
}
