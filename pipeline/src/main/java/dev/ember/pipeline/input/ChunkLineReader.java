package dev.ember.pipeline.input;

import dev.ember.pipeline.criteo.RejectReason;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Reads the lines of one chunk as byte ranges of an internal buffer, without creating strings.
 * Lines end with '\n'; the last line of a file may lack it. A gzip stream that ends early or
 * holds corrupt data ends the chunk with one extra "line" (the partial bytes, possibly empty)
 * whose {@link #streamError()} says why; lines before it are unaffected.
 */
public final class ChunkLineReader implements Closeable {
  private static final int INITIAL_BUFFER = 1 << 20;

  private final InputChunk chunk;
  private final InputStream in;
  private byte[] buffer = new byte[INITIAL_BUFFER];
  private long bufferBase;
  private int dataStart;
  private int dataEnd;
  private int lineStart;
  private int lineLength;
  private long linesReturned;
  private boolean endOfStream;
  private boolean finished;
  private RejectReason streamError;

  /** Opens the chunk's file and positions the reader on the chunk's first line. */
  public ChunkLineReader(InputChunk chunk, Configuration configuration) {
    this.chunk = chunk;
    Path path = new Path(chunk.file().path());
    try {
      FSDataInputStream raw = HadoopConfiguration.fileSystemOf(path, configuration)
          .open(path, 1 << 16);
      if (chunk.file().gzip()) {
        in = new GZIPInputStream(raw, 1 << 16);
      } else {
        in = raw;
        if (chunk.start() > 0) {
          raw.seek(chunk.start() - 1);
          bufferBase = chunk.start() - 1;
          advance();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + chunk.file().path() + " at byte "
          + chunk.start(), e);
    }
  }

  /** Moves to the next line of the chunk; false at its end. */
  public boolean next() {
    if (finished) {
      return false;
    }
    if (!chunk.file().gzip() && bufferBase + dataStart >= chunk.end()) {
      finished = true;
      return false;
    }
    if (!advance()) {
      finished = true;
      return false;
    }
    linesReturned++;
    return true;
  }

  /** Buffer holding the current line. */
  public byte[] buffer() {
    return buffer;
  }

  /** Offset of the current line in {@link #buffer()}. */
  public int lineOffset() {
    return lineStart;
  }

  /** Length of the current line in bytes, without its newline. */
  public int lineLength() {
    return lineLength;
  }

  /** Number of lines returned so far, i.e. the 1-based index of the current line in the chunk. */
  public long linesReturned() {
    return linesReturned;
  }

  /** Non-null when the current line is the partial tail after a broken gzip stream. */
  public RejectReason streamError() {
    return streamError;
  }

  private boolean advance() {
    int scan = dataStart;
    while (true) {
      for (int i = scan; i < dataEnd; i++) {
        if (buffer[i] == '\n') {
          lineStart = dataStart;
          lineLength = i - dataStart;
          dataStart = i + 1;
          return true;
        }
      }
      if (endOfStream) {
        return takeTail();
      }
      scan = dataEnd - dataStart;
      fill();
    }
  }

  private boolean takeTail() {
    if (dataStart == dataEnd && streamError == null) {
      return false;
    }
    lineStart = dataStart;
    lineLength = dataEnd - dataStart;
    dataStart = dataEnd;
    finished = true;
    return true;
  }

  private void fill() {
    if (dataStart > 0) {
      System.arraycopy(buffer, dataStart, buffer, 0, dataEnd - dataStart);
      bufferBase += dataStart;
      dataEnd -= dataStart;
      dataStart = 0;
    }
    if (dataEnd == buffer.length) {
      byte[] larger = new byte[buffer.length * 2];
      System.arraycopy(buffer, 0, larger, 0, dataEnd);
      buffer = larger;
    }
    try {
      int read = in.read(buffer, dataEnd, buffer.length - dataEnd);
      if (read < 0) {
        endOfStream = true;
      } else {
        dataEnd += read;
      }
    } catch (EOFException e) {
      failStream(RejectReason.TRUNCATED_GZIP, e);
    } catch (IOException e) {
      failStream(RejectReason.CORRUPT_GZIP, e);
    }
  }

  private void failStream(RejectReason reason, IOException cause) {
    if (!chunk.file().gzip()) {
      throw new UncheckedIOException("Cannot read " + chunk.file().path(), cause);
    }
    streamError = reason;
    endOfStream = true;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close " + chunk.file().path(), e);
    }
  }
}
