package dev.ember.pipeline.generate;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.criteo.ParsedRow;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.Path;

/**
 * Writes one part: {@code part-NNNNN.tsv[.gz]} with lines [start, end) and
 * {@code probabilities/part-NNNNN.txt[.gz]} with the true click probability of each line, line
 * for line. Rewriting a part (a retried task) produces the same bytes.
 */
final class PartWriter {
  private PartWriter() {}

  /** Rows, positives and the AUC histogram of one part. */
  record Summary(long rows, long positives, AucHistogram auc) implements Serializable {
    Summary merge(Summary other) {
      return new Summary(rows + other.rows, positives + other.positives, auc.merge(other.auc));
    }
  }

  static String tsvName(int part, boolean gzip) {
    return String.format("part-%05d.tsv%s", part, gzip ? ".gz" : "");
  }

  static String probabilityName(int part, boolean gzip) {
    return String.format("probabilities/part-%05d.txt%s", part, gzip ? ".gz" : "");
  }

  static Summary write(int part, long start, long end, SyntheticCriteo data, String out,
      boolean gzip, HadoopConfiguration configuration) {
    AucHistogram auc = new AucHistogram();
    long positives = 0;
    ParsedRow row = new ParsedRow();
    int[] ranks = new int[CriteoFormat.NUM_CATEGORICAL];
    double[] standardized = new double[CriteoFormat.NUM_DENSE];
    LineFormatter formatter = new LineFormatter();
    byte[] probabilityLine = new byte[16];
    try (OutputStream tsv = open(new Path(out, tsvName(part, gzip)), gzip, configuration);
        OutputStream probabilities = open(new Path(out, probabilityName(part, gzip)), gzip,
            configuration)) {
      for (long index = start; index < end; index++) {
        double probability = data.generate(index, row, ranks, standardized);
        formatter.format(row);
        tsv.write(formatter.bytes(), 0, formatter.length());
        probabilities.write(probabilityLine, 0, formatProbability(probability, probabilityLine));
        auc.add(probability, row.label);
        positives += row.label;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write part " + part + " under " + out, e);
    }
    return new Summary(end - start, positives, auc);
  }

  /** Writes p as "0.ddddddd\n" (7 decimals); returns the length. */
  static int formatProbability(double probability, byte[] buffer) {
    long scaled = Math.round(Math.min(1, Math.max(0, probability)) * 10_000_000L);
    buffer[0] = (byte) (scaled >= 10_000_000L ? '1' : '0');
    buffer[1] = '.';
    long digits = scaled >= 10_000_000L ? 0 : scaled;
    for (int i = 8; i >= 2; i--) {
      buffer[i] = (byte) ('0' + digits % 10);
      digits /= 10;
    }
    buffer[9] = '\n';
    return 10;
  }

  private static OutputStream open(Path path, boolean gzip, HadoopConfiguration configuration)
      throws IOException {
    OutputStream raw = HadoopConfiguration.fileSystemOf(path, configuration.get())
        .create(path, true);
    if (!gzip) {
      return new BufferedOutputStream(raw, 1 << 18);
    }
    return new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }, 1 << 18);
  }
}
