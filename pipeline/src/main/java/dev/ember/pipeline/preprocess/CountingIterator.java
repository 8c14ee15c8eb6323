package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.criteo.LineParser;
import dev.ember.pipeline.criteo.ParsedRow;
import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.ChunkLineReader;
import dev.ember.pipeline.input.HadoopConfiguration;
import dev.ember.pipeline.input.InputChunk;
import dev.ember.pipeline.vocabulary.CategoricalMapper;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads the chunks of one Spark partition and emits (key, count) rows: per column counts of
 * raw values (or of mapped ids when a mapper is given), missing counts, and per-chunk line
 * statistics (see {@link CountKeys}). Counts are pre-aggregated in primitive maps and flushed
 * when they grow large, so memory stays bounded on huge gzip files.
 */
final class CountingIterator implements Iterator<Row> {
  private static final int FLUSH_ENTRIES = 3_000_000;

  private final Iterator<InputChunk> chunks;
  private final HadoopConfiguration configuration;
  private final CategoricalMapper mapper;
  private final IntCountMap[] maps = new IntCountMap[CriteoFormat.NUM_CATEGORICAL];
  private final long[] missing = new long[CriteoFormat.NUM_CATEGORICAL];
  private final ParsedRow row = new ParsedRow();
  private InputChunk chunk;
  private ChunkLineReader reader;
  private long[] statistics;
  private long[] outKeys = new long[0];
  private long[] outCounts = new long[0];
  private int outPosition;
  private int outSize;

  CountingIterator(Iterator<InputChunk> chunks, HadoopConfiguration configuration,
      CategoricalMapper mapper) {
    this.chunks = chunks;
    this.configuration = configuration;
    this.mapper = mapper;
    for (int i = 0; i < maps.length; i++) {
      maps[i] = new IntCountMap(1024);
    }
  }

  @Override
  public boolean hasNext() {
    while (outPosition == outSize) {
      if (!refill()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int position = outPosition++;
    return RowFactory.create(outKeys[position], outCounts[position]);
  }

  /** Reads until the maps are full or the partition ends, then drains; false when done. */
  private boolean refill() {
    outPosition = 0;
    outSize = 0;
    int entries = 0;
    while (entries < FLUSH_ENTRIES) {
      if (reader == null && !openNextChunk()) {
        break;
      }
      entries += readLines(FLUSH_ENTRIES - entries);
    }
    drain();
    return outSize > 0;
  }

  private boolean openNextChunk() {
    if (!chunks.hasNext()) {
      return false;
    }
    chunk = chunks.next();
    reader = new ChunkLineReader(chunk, configuration.get());
    statistics = new long[CountKeys.NUM_STATS];
    return true;
  }

  /** Reads lines of the current chunk; returns an estimate of new map entries added. */
  private int readLines(int budget) {
    int sizeBefore = totalSize();
    int linesRead = 0;
    while (reader.next()) {
      statistics[CountKeys.STAT_LINES]++;
      RejectReason reason = reader.streamError() != null ? reader.streamError()
          : LineParser.parse(reader.buffer(), reader.lineOffset(), reader.lineLength(), row);
      if (reason != null) {
        statistics[CountKeys.STAT_FIRST_REASON + reason.ordinal()]++;
      } else {
        statistics[CountKeys.STAT_VALID]++;
        statistics[CountKeys.STAT_POSITIVES] += row.label;
        countCategoricals();
      }
      if (++linesRead % 4096 == 0 && totalSize() - sizeBefore >= budget) {
        return totalSize() - sizeBefore;
      }
    }
    reader.close();
    reader = null;
    appendStatistics();
    return totalSize() - sizeBefore;
  }

  private void countCategoricals() {
    for (int column = 0; column < CriteoFormat.NUM_CATEGORICAL; column++) {
      boolean isMissing = row.categoricalMissing[column];
      if (isMissing) {
        missing[column]++;
      }
      if (mapper != null) {
        maps[column].increment(mapper.id(column, row.categorical[column], isMissing));
      } else if (!isMissing) {
        maps[column].increment(row.categorical[column]);
      }
    }
  }

  private int totalSize() {
    int total = 0;
    for (IntCountMap map : maps) {
      total += map.size();
    }
    return total;
  }

  private void appendStatistics() {
    ensureOutCapacity(outSize + CountKeys.NUM_STATS);
    for (int statistic = 0; statistic < CountKeys.NUM_STATS; statistic++) {
      outKeys[outSize] = CountKeys.statisticKey(chunk.index(), statistic);
      outCounts[outSize++] = statistics[statistic];
    }
  }

  private void drain() {
    ensureOutCapacity(outSize + totalSize() + CriteoFormat.NUM_CATEGORICAL);
    for (int column = 0; column < maps.length; column++) {
      IntCountMap map = maps[column];
      for (int slot = 0; slot < map.capacity(); slot++) {
        long count = map.countAt(slot);
        if (count > 0) {
          outKeys[outSize] = CountKeys.valueKey(column, map.keyAt(slot));
          outCounts[outSize++] = count;
        }
      }
      map.clear();
      if (missing[column] > 0) {
        outKeys[outSize] = CountKeys.missingKey(column);
        outCounts[outSize++] = missing[column];
        missing[column] = 0;
      }
    }
  }

  private void ensureOutCapacity(int capacity) {
    if (outKeys.length < capacity) {
      long[] keys = new long[Math.max(capacity, outKeys.length * 2)];
      long[] counts = new long[keys.length];
      System.arraycopy(outKeys, 0, keys, 0, outSize);
      System.arraycopy(outCounts, 0, counts, 0, outSize);
      outKeys = keys;
      outCounts = counts;
    }
  }
}
