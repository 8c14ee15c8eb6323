package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.criteo.LineParser;
import dev.ember.pipeline.criteo.ParsedRow;
import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.ChunkLineReader;
import dev.ember.pipeline.input.HadoopConfiguration;
import dev.ember.pipeline.input.InputChunk;
import dev.ember.pipeline.preprocess.CountRecord.ChunkCounts;
import dev.ember.pipeline.preprocess.CountRecord.ColumnCounts;
import dev.ember.pipeline.vocabulary.CategoricalMapper;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import scala.Tuple2;

/**
 * Reads the chunks of one Spark partition and emits, keyed by shuffle partition, per column counts
 * of raw values (or of mapped ids when a mapper is given) with the missing count, and each
 * chunk's line statistics. Counts are pre-aggregated in primitive maps and flushed when they grow
 * large, so memory stays bounded on huge gzip files; a flush also comes before any count could
 * pass {@link Integer#MAX_VALUE}, so counts travel as ints.
 */
final class CountingIterator implements Iterator<Tuple2<Integer, CountRecord>> {
  private static final int FLUSH_ENTRIES = 3_000_000;
  private static final long FLUSH_LINES = Integer.MAX_VALUE - 1;
  private static final int CHECK_EVERY_LINES = 4096;

  private final Iterator<InputChunk> chunks;
  private final HadoopConfiguration configuration;
  private final CategoricalMapper mapper;
  private final IntCountMap[] maps = new IntCountMap[CriteoFormat.NUM_CATEGORICAL];
  private final long[] missing = new long[CriteoFormat.NUM_CATEGORICAL];
  private final ParsedRow row = new ParsedRow();
  private final ArrayDeque<CountRecord> out = new ArrayDeque<>();
  private InputChunk chunk;
  private ChunkLineReader reader;
  private long[] statistics;
  private long linesSinceFlush;

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
    while (out.isEmpty()) {
      if (!refill()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Tuple2<Integer, CountRecord> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CountRecord record = out.poll();
    return new Tuple2<>(record.partition(), record);
  }

  /** Reads until the maps are full or the partition ends, then drains; false when done. */
  private boolean refill() {
    boolean full = false;
    while (!full) {
      if (reader == null && !openNextChunk()) {
        break;
      }
      full = readLines();
    }
    drain();
    return !out.isEmpty();
  }

  private boolean openNextChunk() {
    if (!chunks.hasNext()) {
      return false;
    }
    chunk = chunks.next();
    reader = new ChunkLineReader(chunk, configuration.get());
    statistics = new long[ChunkCounts.SIZE];
    return true;
  }

  /** Reads lines of the current chunk; true when the maps must be flushed first. */
  private boolean readLines() {
    int linesRead = 0;
    while (reader.next()) {
      statistics[ChunkCounts.LINES]++;
      RejectReason reason = reader.streamError() != null ? reader.streamError()
          : LineParser.parse(reader.buffer(), reader.lineOffset(), reader.lineLength(), row);
      if (reason != null) {
        statistics[ChunkCounts.FIRST_REASON + reason.ordinal()]++;
      } else {
        statistics[ChunkCounts.VALID]++;
        statistics[ChunkCounts.POSITIVES] += row.label;
        countCategoricals();
      }
      linesSinceFlush++;
      if (++linesRead % CHECK_EVERY_LINES == 0
          && (totalSize() >= FLUSH_ENTRIES || linesSinceFlush >= FLUSH_LINES)) {
        return true;
      }
    }
    reader.close();
    reader = null;
    out.add(new ChunkCounts(chunk.index(), statistics));
    return false;
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

  private void drain() {
    for (int column = 0; column < maps.length; column++) {
      IntCountMap map = maps[column];
      if (map.size() > 0 || missing[column] > 0) {
        int[] keys = new int[map.size()];
        int[] counts = new int[map.size()];
        int entry = 0;
        for (int slot = 0; slot < map.capacity(); slot++) {
          long count = map.countAt(slot);
          if (count > 0) {
            keys[entry] = map.keyAt(slot);
            counts[entry++] = (int) count;
          }
        }
        out.add(new ColumnCounts(column, keys, counts, missing[column]));
      }
      map.clear();
      missing[column] = 0;
    }
    linesSinceFlush = 0;
  }
}
