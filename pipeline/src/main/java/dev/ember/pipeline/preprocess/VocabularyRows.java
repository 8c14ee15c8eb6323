package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.preprocess.CountRecord.RankedColumn;
import dev.ember.pipeline.vocabulary.VocabularyMapper;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;

/**
 * The saved vocabulary's rows ({@code column}, {@code value}, {@code id}, {@code count}; see
 * {@link dev.ember.pipeline.vocabulary.VocabularyStore}) of the ranked columns of one partition,
 * in rank order: the key at rank r gets id r + 2 when counted at least min-count times, else the
 * rare id. One reused UnsafeRow (see {@link InternalRows}).
 */
final class VocabularyRows implements Iterator<InternalRow> {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final Iterator<CountRecord> records;
  private final long minCount;
  private final UnsafeRowWriter writer = new UnsafeRowWriter(4);
  private final byte[] value = new byte[8];
  private RankedColumn column;
  private byte[] columnName;
  private int rank;

  VocabularyRows(Iterator<CountRecord> records, long minCount) {
    this.records = records;
    this.minCount = minCount;
  }

  @Override
  public boolean hasNext() {
    while (column == null || rank == column.keys().length) {
      if (!records.hasNext()) {
        return false;
      }
      if (records.next() instanceof RankedColumn ranked) {
        column = ranked;
        columnName = CriteoFormat.categoricalName(ranked.column())
            .getBytes(StandardCharsets.US_ASCII);
        rank = 0;
      }
    }
    return true;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int key = column.keys()[rank];
    long count = column.counts()[rank];
    for (int digit = 0; digit < value.length; digit++) {
      value[digit] = HEX[(key >>> (28 - 4 * digit)) & 15];
    }
    writer.reset();
    writer.zeroOutNullBytes();
    writer.write(0, columnName);
    writer.write(1, value);
    writer.write(2, count >= minCount ? rank + VocabularyMapper.RESERVED_IDS
        : VocabularyMapper.RARE_ID);
    writer.write(3, count);
    rank++;
    return writer.getRow();
  }
}
