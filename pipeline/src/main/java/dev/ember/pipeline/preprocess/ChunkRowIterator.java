package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.input.ChunkLineReader;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams rows out of a partition's input chunks, one chunk open at a time: subclasses say which row (if any)
 * the lines of the current chunk yield ({@link #readRow}); this class opens, advances and closes the chunks.
 * A row may be reused by the next {@link #readRow}, so consumers use each row before asking for the next.
 */
abstract class ChunkRowIterator<R> implements Iterator<R> {
  private final Iterator<ChunkStatistics> chunks;
  private final HadoopConfiguration configuration;
  /** The chunk being read and its line reader; valid inside {@link #readRow}. */
  protected ChunkStatistics chunk;
  protected ChunkLineReader reader;
  private R nextRow;

  ChunkRowIterator(Iterator<ChunkStatistics> chunks, HadoopConfiguration configuration) {
    this.chunks = chunks;
    this.configuration = configuration;
  }

  /** The next row from the current chunk's remaining lines, or null when the chunk has no more. */
  protected abstract R readRow();

  @Override
  public final boolean hasNext() {
    while (nextRow == null) {
      if (reader == null) {
        if (!chunks.hasNext()) {
          return false;
        }
        chunk = chunks.next();
        reader = new ChunkLineReader(chunk.chunk(), configuration.get());
      }
      nextRow = readRow();
      if (nextRow == null) {
        reader.close();
        reader = null;
      }
    }
    return true;
  }

  @Override
  public final R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    R row = nextRow;
    nextRow = null;
    return row;
  }
}
