package dev.ember.pipeline.generate;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.criteo.ParsedRow;

/** Formats a row as one Kaggle TSV line: 40 fields, empty for missing, hex as 8 lower-case digits. */
final class LineFormatter {
  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private final byte[] line = new byte[1024];
  private int length;

  /** Formats the row into {@link #bytes()}, {@link #length()} bytes with the newline. */
  void format(ParsedRow row) {
    length = 0;
    line[length++] = (byte) ('0' + row.label);
    for (int j = 0; j < CriteoFormat.NUM_DENSE; j++) {
      line[length++] = '\t';
      if (!row.denseMissing[j]) {
        appendLong(row.dense[j]);
      }
    }
    for (int c = 0; c < CriteoFormat.NUM_CATEGORICAL; c++) {
      line[length++] = '\t';
      if (!row.categoricalMissing[c]) {
        int value = row.categorical[c];
        for (int shift = 28; shift >= 0; shift -= 4) {
          line[length++] = HEX[(value >>> shift) & 15];
        }
      }
    }
    line[length++] = '\n';
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  private void appendLong(long value) {
    if (value < 0) {
      line[length++] = '-';
      value = -value;
    }
    int start = length;
    do {
      line[length++] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    for (int i = start, j = length - 1; i < j; i++, j--) {
      byte swap = line[i];
      line[i] = line[j];
      line[j] = swap;
    }
  }
}
