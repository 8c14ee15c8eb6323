package dev.ember.pipeline.criteo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineParserTest {
  private static final String VALID = "1\t5\t-2\t\t0\t1382\t4\t15\t2\t181\t1\t2\t\t2\t"
      + "68fd1e64\t80e26c9b\tfb936136\t7b4723c4\t25c83c98\t7e0ccccf\tde7995b8\t1f89b562\t"
      + "a73ee510\ta8cd5504\tb2cb9c98\t37c9c164\t2824a5f6\t1adce6ef\t8ba8b39a\t891b62e7\t"
      + "e5ba7672\tf54016b9\t21ddcdc9\tb1252a9d\t07b5194c\t\t3a171ecb\tc5c50484\te8b83407\tFFFFFFFF";

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
    assertEquals(0x68fd1e64, row.categorical[0]);
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
    assertEquals(RejectReason.BAD_CATEGORICAL, parse(VALID.replace("68fd1e64", "68fd1e6g"), row));
    assertEquals(RejectReason.BAD_CATEGORICAL, parse(VALID.replace("68fd1e64", "68fd1e640"), row));
  }
}
