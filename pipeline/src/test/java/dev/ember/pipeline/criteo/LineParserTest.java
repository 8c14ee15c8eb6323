package dev.ember.pipeline.criteo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineParserTest {
  /** A made-up line in the Kaggle layout (not a real Criteo row). */
  private static final String VALID = "1\t5\t-2\t\t0\t1382\t4\t15\t2\t181\t1\t2\t\t2\t"
      + "00c0ffee\t0000beef\t12345678\t9abcdef0\t0a0b0c0d\t11111111\t22222222\t33333333\t"
      + "44444444\t55555555\t66666666\t77777777\t88888888\t99999999\taaaaaaaa\tbbbbbbbb\t"
      + "cccccccc\tdddddddd\teeeeeeee\t01010101\t02020202\t\t03030303\t04040404\t05050505\t"
      + "FFFFFFFF";

  private static RejectReason parse(String line, ParsedRow row) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return LineParser.parse(bytes, 0, bytes.length, row);
  }

  @Test
  void parsesLabelDenseAndHexWithMissingValues() {
    ParsedRow row = new ParsedRow();
    assertNull(parse(VALID, row));
    assertEquals(1, row.label);
    assertEquals(5, row.dense[0]);
    assertEquals(-2, row.dense[1]);
    assertTrue(row.denseMissing[2]);
    assertFalse(row.denseMissing[3]);
    assertEquals(0x00c0ffee, row.categorical[0]);
    assertTrue(row.categoricalMissing[21]);
    assertEquals(-1, row.categorical[25], "FFFFFFFF is the int -1");
    assertNull(parse(VALID + "\r", row), "a trailing carriage return is ignored");
  }

  @Test
  void namesTheReasonOfEachMalformedLine() {
    ParsedRow row = new ParsedRow();
    assertEquals(RejectReason.EMPTY_LINE, parse("", row));
    assertEquals(RejectReason.WRONG_FIELD_COUNT, parse(VALID + "\t", row));
    assertEquals(RejectReason.WRONG_FIELD_COUNT, parse("0\t1\t2", row));
    assertEquals(RejectReason.BAD_LABEL, parse("2" + VALID.substring(1), row));
    assertEquals(RejectReason.BAD_DENSE, parse(VALID.replace("\t1382\t", "\t13.5\t"), row));
    assertEquals(RejectReason.BAD_DENSE, parse(VALID.replace("\t1382\t", "\t-\t"), row));
    assertEquals(RejectReason.BAD_CATEGORICAL, parse(VALID.replace("00c0ffee", "00c0ffeg"), row));
    assertEquals(RejectReason.BAD_CATEGORICAL, parse(VALID.replace("00c0ffee", "00c0ffee0"), row));
  }

  @Test
  void oneScanParseAgreesWithTheFieldByFieldParseOnMangledLines() {
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    byte[] alphabet = "0123456789abcdefABCDEFgxz-+.\t\r \n".getBytes(StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 50_000; trial++) {
      byte[] line = Arrays.copyOf(valid, valid.length + 4);
      int length = valid.length;
      for (int edits = random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(length);
        byte value = alphabet[random.nextInt(alphabet.length)];
        switch (random.nextInt(3)) {
          case 0 -> line[at] = value;
          case 1 -> {
            System.arraycopy(line, at + 1, line, at, length - at - 1);
            length--;
          }
          default -> {
            if (length < line.length) {
              System.arraycopy(line, at, line, at + 1, length - at);
              line[at] = value;
              length++;
            }
          }
        }
      }
      ParsedRow fast = new ParsedRow();
      ParsedRow reference = new ParsedRow();
      String text = new String(line, 0, length, StandardCharsets.UTF_8);
      RejectReason expected = LineParser.parseFieldByField(line, 0, length, reference);
      assertEquals(expected, LineParser.parse(line, 0, length, fast), text);
      if (expected == null) {
        assertEquals(reference.label, fast.label, text);
        assertArrayEquals(reference.dense, fast.dense, text);
        assertArrayEquals(reference.denseMissing, fast.denseMissing, text);
        assertArrayEquals(reference.categorical, fast.categorical, text);
        assertArrayEquals(reference.categoricalMissing, fast.categoricalMissing, text);
      }
    }
  }
}
