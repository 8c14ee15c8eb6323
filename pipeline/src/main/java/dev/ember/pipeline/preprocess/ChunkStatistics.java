package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.InputChunk;
import java.io.Serializable;

/**
 * What the counting pass learned about one chunk, and where its lines sit in the input.
 *
 * @param chunk the chunk
 * @param lines lines in the chunk (valid and rejected)
 * @param valid lines that parsed
 * @param positives valid lines with label 1
 * @param rejectsByReason rejected lines per {@link RejectReason} ordinal
 * @param globalLineStart 0-based position of the chunk's first line among all input lines
 * @param fileLineStart 0-based position of the chunk's first line in its file
 * @param fileLines lines in the chunk's whole file
 */
public record ChunkStatistics(InputChunk chunk, long lines, long valid, long positives,
    long[] rejectsByReason, long globalLineStart, long fileLineStart, long fileLines)
    implements Serializable {

  /** Rejected lines of the chunk, all reasons together. */
  public long rejected() {
    return lines - valid;
  }
}
