package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.LineParser;
import dev.ember.pipeline.criteo.ParsedRow;
import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.ChunkLineReader;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Re-reads chunks that hold rejected lines and emits (file, line, reason, raw) rows, streaming,
 * so a badly broken file does not have to fit in memory. The raw text is decoded as UTF-8 and
 * cut to {@link #MAX_RAW_CHARS} characters.
 */
final class RejectIterator implements Iterator<Row> {
  /** Longest raw line kept in the rejects dataset. */
  static final int MAX_RAW_CHARS = 10_000;

  private final Iterator<ChunkStatistics> chunks;
  private final HadoopConfiguration configuration;
  private final ParsedRow parsed = new ParsedRow();
  private ChunkStatistics chunk;
  private ChunkLineReader reader;
  private Row nextRow;

  RejectIterator(Iterator<ChunkStatistics> chunks, HadoopConfiguration configuration) {
    this.chunks = chunks;
    this.configuration = configuration;
  }

  @Override
  public boolean hasNext() {
    while (nextRow == null) {
      if (reader == null) {
        if (!chunks.hasNext()) {
          return false;
        }
        chunk = chunks.next();
        reader = new ChunkLineReader(chunk.chunk(), configuration.get());
      }
      nextRow = readReject();
      if (nextRow == null) {
        reader.close();
        reader = null;
      }
    }
    return true;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = nextRow;
    nextRow = null;
    return row;
  }

  private Row readReject() {
    while (reader.next()) {
      RejectReason reason = reader.streamError() != null ? reader.streamError()
          : LineParser.parse(reader.buffer(), reader.lineOffset(), reader.lineLength(), parsed);
      if (reason != null) {
        int length = Math.min(reader.lineLength(), MAX_RAW_CHARS * 4);
        String raw = new String(reader.buffer(), reader.lineOffset(), length,
            StandardCharsets.UTF_8);
        return RowFactory.create(chunk.chunk().file().path(),
            chunk.fileLineStart() + reader.linesReturned(), reason.label(),
            raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw);
      }
    }
    return null;
  }
}
