package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.input.ChunkLineReader;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * Streams rows out of a partition's input chunks, one chunk open at a time: subclasses say which row (if any)
 * the lines of the current chunk yield ({@link #readRow}); this class opens, advances and closes the chunks.
 */
abstract class ChunkRowIterator implements Iterator<Row> {
  private final Iterator<ChunkStatistics> chunks;
  private final HadoopConfiguration configuration;
  /** The chunk being read and its line reader; valid inside {@link #readRow}. */
  protected ChunkStatistics chunk;
  protected ChunkLineReader reader;
  private Row nextRow;

  ChunkRowIterator(Iterator<ChunkStatistics> chunks, HadoopConfiguration configuration) {
    this.chunks = chunks;
    this.configuration = configuration;
  }

  /** The next row from the current chunk's remaining lines, or null when the chunk has no more. */
  protected abstract Row readRow();

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
  public final Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = nextRow;
    nextRow = null;
    return row;
  }
}
