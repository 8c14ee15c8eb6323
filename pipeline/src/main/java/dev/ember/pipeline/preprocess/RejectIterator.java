package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.LineParser;
import dev.ember.pipeline.criteo.ParsedRow;
import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.ChunkLineReader;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Re-reads chunks that hold rejected lines and emits (file, line, reason, raw) rows. The raw
 * text is decoded as UTF-8 and cut to {@link #MAX_RAW_CHARS} characters.
 */
final class RejectIterator {
  /** Longest raw line kept in the rejects dataset. */
  static final int MAX_RAW_CHARS = 10_000;

  private RejectIterator() {}

  /** Rejects of the chunks of one partition (they are few, so a list is fine). */
  static Iterator<Row> rejects(Iterator<ChunkStatistics> chunks,
      HadoopConfiguration configuration) {
    List<Row> rows = new ArrayList<>();
    ParsedRow parsed = new ParsedRow();
    while (chunks.hasNext()) {
      ChunkStatistics chunk = chunks.next();
      try (ChunkLineReader reader = new ChunkLineReader(chunk.chunk(), configuration.get())) {
        while (reader.next()) {
          RejectReason reason = reader.streamError() != null ? reader.streamError()
              : LineParser.parse(reader.buffer(), reader.lineOffset(), reader.lineLength(), parsed);
          if (reason != null) {
            int length = Math.min(reader.lineLength(), MAX_RAW_CHARS * 4);
            String raw = new String(reader.buffer(), reader.lineOffset(), length,
                StandardCharsets.UTF_8);
            rows.add(RowFactory.create(chunk.chunk().file().path(),
                chunk.fileLineStart() + reader.linesReturned(), reason.label(),
                raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw));
          }
        }
      }
    }
    return rows.iterator();
  }
}
