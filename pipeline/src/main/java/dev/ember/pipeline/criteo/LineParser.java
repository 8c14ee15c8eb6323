package dev.ember.pipeline.criteo;

/**
 * Parses one Criteo line from bytes without creating strings. Returns {@code null} on success
 * (the row is filled) or the reason the line is rejected. A trailing carriage return is ignored.
 */
public final class LineParser {
  private LineParser() {}

  /**
   * @param bytes buffer holding the line (without its newline)
   * @param offset first byte of the line
   * @param length number of bytes in the line
   * @param row receives the parsed values
   * @return null when the line is valid, else the reject reason
   */
  public static RejectReason parse(byte[] bytes, int offset, int length, ParsedRow row) {
    int end = offset + length;
    if (end > offset && bytes[end - 1] == '\r') {
      end--;
    }
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
    if (position == end || end - position > 18) {
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
    if (end - start > 8) {
      return false;
    }
    int value = 0;
    for (int position = start; position < end; position++) {
      int digit = Character.digit(bytes[position], 16);
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
