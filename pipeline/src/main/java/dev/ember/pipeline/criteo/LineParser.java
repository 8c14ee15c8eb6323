package dev.ember.pipeline.criteo;

/**
 * Parses one Criteo line from bytes without creating strings. Returns {@code null} on success
 * (the row is filled) or the reason the line is rejected. A trailing carriage return is ignored.
 * A valid line is parsed in one scan ({@link #parseValid}); any other line is parsed again by
 * the field-by-field checks that name the reason, so both give the same result on every line.
 */
public final class LineParser {
  /** Value of each byte as a hex digit, -1 when it is not one. */
  private static final byte[] HEX_DIGITS = new byte[256];
  /** Longest dense value in digits (so that it fits a long). */
  private static final int MAX_DENSE_DIGITS = 18;
  /** Longest categorical value in hex digits. */
  private static final int MAX_HEX_DIGITS = 8;

  static {
    java.util.Arrays.fill(HEX_DIGITS, (byte) -1);
    for (int c = 0; c < 256; c++) {
      HEX_DIGITS[c] = (byte) Character.digit(c, 16);
    }
  }

  private LineParser() {}

  /**
   * @param bytes buffer holding the line (without its newline)
   * @param offset first byte of the line
   * @param length number of bytes in the line
   * @param row receives the parsed values
   * @return null when the line is valid, else the reject reason
   */
  public static RejectReason parse(byte[] bytes, int offset, int length, ParsedRow row) {
    int end = contentEnd(bytes, offset, length);
    if (end > offset && parseValid(bytes, offset, end, row)) {
      return null;
    }
    return checkFields(bytes, offset, end, row);
  }

  /** The reference parse: the same contract as {@link #parse}, field by field, for tests. */
  static RejectReason parseFieldByField(byte[] bytes, int offset, int length, ParsedRow row) {
    return checkFields(bytes, offset, contentEnd(bytes, offset, length), row);
  }

  /** End of the line without a trailing carriage return. */
  private static int contentEnd(byte[] bytes, int offset, int length) {
    int end = offset + length;
    return end > offset && bytes[end - 1] == '\r' ? end - 1 : end;
  }

  /**
   * One scan over a line that is expected to be valid: fills the row and returns true, or
   * returns false at the first byte that does not fit (the row is then partly filled).
   */
  private static boolean parseValid(byte[] bytes, int offset, int end, ParsedRow row) {
    if (end - offset < 2 || bytes[offset + 1] != '\t'
        || (bytes[offset] != '0' && bytes[offset] != '1')) {
      return false;
    }
    row.label = bytes[offset] - '0';
    int position = offset + 2;
    for (int i = 0; i < CriteoFormat.NUM_DENSE; i++) {
      position = parseDenseField(bytes, position, end, row, i);
      if (position < 0) {
        return false;
      }
    }
    for (int i = 0; i < CriteoFormat.NUM_CATEGORICAL; i++) {
      position = parseHexField(bytes, position, end, row, i,
          i == CriteoFormat.NUM_CATEGORICAL - 1);
      if (position < 0) {
        return false;
      }
    }
    return true;
  }

  /** Parses a dense field that a tab ends; returns the position after the tab, or -1. */
  private static int parseDenseField(byte[] bytes, int start, int end, ParsedRow row, int index) {
    int position = start;
    if (position < end && bytes[position] == '\t') {
      row.dense[index] = 0;
      row.denseMissing[index] = true;
      return position + 1;
    }
    boolean negative = position < end && bytes[position] == '-';
    if (negative) {
      position++;
    }
    int digitsStart = position;
    long value = 0;
    while (position < end) {
      int digit = bytes[position] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      value = value * 10 + digit;
      position++;
    }
    int digits = position - digitsStart;
    if (digits == 0 || digits > MAX_DENSE_DIGITS || position == end || bytes[position] != '\t') {
      return -1;
    }
    row.dense[index] = negative ? -value : value;
    row.denseMissing[index] = false;
    return position + 1;
  }

  /**
   * Parses a categorical field that a tab ends, or the line's end when {@code last}; returns the
   * position after the tab (the end for the last field), or -1.
   */
  private static int parseHexField(byte[] bytes, int start, int end, ParsedRow row, int index,
      boolean last) {
    int position = start;
    int value = 0;
    while (position < end) {
      int digit = HEX_DIGITS[bytes[position] & 0xFF];
      if (digit < 0) {
        break;
      }
      value = (value << 4) | digit;
      position++;
    }
    int digits = position - start;
    if (digits > MAX_HEX_DIGITS) {
      return -1;
    }
    if (last ? position != end : position == end || bytes[position] != '\t') {
      return -1;
    }
    row.categorical[index] = value;
    row.categoricalMissing[index] = digits == 0;
    return last ? end : position + 1;
  }

  /** The field-by-field checks, in the order that decides which reason a bad line gets. */
  private static RejectReason checkFields(byte[] bytes, int offset, int end, ParsedRow row) {
    if (end == offset) {
      return RejectReason.EMPTY_LINE;
    }
    if (countFields(bytes, offset, end) != CriteoFormat.NUM_FIELDS) {
      return RejectReason.WRONG_FIELD_COUNT;
    }
    int fieldStart = offset;
    int fieldEnd = indexOfTab(bytes, fieldStart, end);
    if (fieldEnd - fieldStart != 1 || (bytes[fieldStart] != '0' && bytes[fieldStart] != '1')) {
      return RejectReason.BAD_LABEL;
    }
    row.label = bytes[fieldStart] - '0';
    for (int i = 0; i < CriteoFormat.NUM_DENSE; i++) {
      fieldStart = fieldEnd + 1;
      fieldEnd = indexOfTab(bytes, fieldStart, end);
      if (!parseDense(bytes, fieldStart, fieldEnd, row, i)) {
        return RejectReason.BAD_DENSE;
      }
    }
    for (int i = 0; i < CriteoFormat.NUM_CATEGORICAL; i++) {
      fieldStart = fieldEnd + 1;
      fieldEnd = indexOfTab(bytes, fieldStart, end);
      if (!parseCategorical(bytes, fieldStart, fieldEnd, row, i)) {
        return RejectReason.BAD_CATEGORICAL;
      }
    }
    return null;
  }

  private static int countFields(byte[] bytes, int start, int end) {
    int fields = 1;
    for (int i = start; i < end; i++) {
      if (bytes[i] == '\t') {
        fields++;
      }
    }
    return fields;
  }

  private static int indexOfTab(byte[] bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      if (bytes[i] == '\t') {
        return i;
      }
    }
    return end;
  }

  private static boolean parseDense(byte[] bytes, int start, int end, ParsedRow row, int index) {
    if (start == end) {
      row.dense[index] = 0;
      row.denseMissing[index] = true;
      return true;
    }
    boolean negative = bytes[start] == '-';
    int position = negative ? start + 1 : start;
    if (position == end || end - position > MAX_DENSE_DIGITS) {
      return false;
    }
    long value = 0;
    for (; position < end; position++) {
      int digit = bytes[position] - '0';
      if (digit < 0 || digit > 9) {
        return false;
      }
      value = value * 10 + digit;
    }
    row.dense[index] = negative ? -value : value;
    row.denseMissing[index] = false;
    return true;
  }

  private static boolean parseCategorical(byte[] bytes, int start, int end, ParsedRow row,
      int index) {
    if (start == end) {
      row.categorical[index] = 0;
      row.categoricalMissing[index] = true;
      return true;
    }
    if (end - start > MAX_HEX_DIGITS) {
      return false;
    }
    int value = 0;
    for (int position = start; position < end; position++) {
      int digit = HEX_DIGITS[bytes[position] & 0xFF];
      if (digit < 0) {
        return false;
      }
      value = (value << 4) | digit;
    }
    row.categorical[index] = value;
    row.categoricalMissing[index] = false;
    return true;
  }
}
