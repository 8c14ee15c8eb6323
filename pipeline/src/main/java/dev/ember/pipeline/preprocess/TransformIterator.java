package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.criteo.LineParser;
import dev.ember.pipeline.criteo.ParsedRow;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.util.LongAccumulator;

/**
 * Pass 2: re-reads chunks and emits the valid lines of one split as rows of the split schema
 * (label, I1..I13 transformed, C1..C26 ids), in input order, written into one reused UnsafeRow
 * (see {@link InternalRows}). Rejected lines are skipped here; {@link RejectIterator} writes them.
 */
final class TransformIterator extends ChunkRowIterator<InternalRow> {
  private final TransformSettings settings;
  private final Split split;
  private final ParsedRow parsed = new ParsedRow();
  private final UnsafeRowWriter writer = new UnsafeRowWriter(CriteoFormat.NUM_FIELDS);
  private final LongAccumulator rows;
  private final LongAccumulator positives;

  TransformIterator(Iterator<ChunkStatistics> chunks, HadoopConfiguration configuration,
      TransformSettings settings, Split split, LongAccumulator rows, LongAccumulator positives) {
    super(chunks, configuration);
    this.rows = rows;
    this.positives = positives;
    this.settings = settings;
    this.split = split;
  }

  /** Next valid row of the split in the current chunk, or null at the chunk's end. */
  @Override
  protected InternalRow readRow() {
    while (reader.next()) {
      long index = reader.linesReturned() - 1;
      Split lineSplit = settings.splits().assign(chunk.chunk().file().index(),
          chunk.globalLineStart() + index, chunk.fileLineStart() + index, chunk.fileLines());
      if (lineSplit != split || reader.streamError() != null) {
        continue;
      }
      if (LineParser.parse(reader.buffer(), reader.lineOffset(), reader.lineLength(), parsed)
          == null) {
        rows.add(1);
        positives.add(parsed.label);
        return toRow();
      }
    }
    return null;
  }

  private InternalRow toRow() {
    writer.reset();
    writer.zeroOutNullBytes();
    writer.write(0, parsed.label);
    DenseTransform dense = settings.dense();
    for (int i = 0; i < CriteoFormat.NUM_DENSE; i++) {
      writer.write(1 + i, dense.apply(parsed.dense[i], parsed.denseMissing[i]));
    }
    for (int i = 0; i < CriteoFormat.NUM_CATEGORICAL; i++) {
      writer.write(1 + CriteoFormat.NUM_DENSE + i, settings.mapper().id(i, parsed.categorical[i],
          parsed.categoricalMissing[i]));
    }
    return writer.getRow();
  }
}
