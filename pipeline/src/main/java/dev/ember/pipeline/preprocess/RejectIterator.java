package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.LineParser;
import dev.ember.pipeline.criteo.ParsedRow;
import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Re-reads chunks that hold rejected lines and emits (file, line, reason, raw) rows, streaming,
 * so a badly broken file does not have to fit in memory. The raw text is decoded as UTF-8 and
 * cut to {@link #MAX_RAW_CHARS} characters.
 */
final class RejectIterator extends ChunkRowIterator<Row> {
  /** Longest raw line kept in the rejects dataset. */
  static final int MAX_RAW_CHARS = 10_000;

  private final ParsedRow parsed = new ParsedRow();

  RejectIterator(Iterator<ChunkStatistics> chunks, HadoopConfiguration configuration) {
    super(chunks, configuration);
  }

  @Override
  protected Row readRow() {
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
