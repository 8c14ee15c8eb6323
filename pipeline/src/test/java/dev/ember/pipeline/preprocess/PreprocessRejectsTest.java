package dev.ember.pipeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.pipeline.SparkTestSession;
import dev.ember.pipeline.generate.GenerateJob;
import dev.ember.pipeline.generate.GenerateOptions;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of malformed input lands in rejects with its reason, file and line; nothing valid is lost. */
class PreprocessRejectsTest {
  private static SparkSession spark;
  @TempDir static Path folder;
  private static Path input;
  private static long validLines;

  @BeforeAll
  static void writeBadInput() throws IOException {
    spark = SparkTestSession.start("PreprocessRejectsTest");
    Path generated = folder.resolve("generated");
    GenerateJob.run(spark, GenerateOptions.fromFlags(Map.of("rows", "300", "out",
        generated.toString(), "files", "1")));
    List<String> good = Files.readAllLines(generated.resolve("part-00000.tsv"));
    input = Files.createDirectories(folder.resolve("input"));
    List<String> lines = new ArrayList<>(good.subList(0, 100));
    String[] fields = good.get(0).split("\t", -1);
    lines.add(10, "");
    lines.add(20, String.join("\t", Arrays.copyOf(fields, 39)));
    lines.add(30, withField(fields, 3, "1.5"));
    lines.add(40, withField(fields, 20, "zz12ab34"));
    lines.add(50, withField(fields, 0, "2"));
    Files.write(input.resolve("a-plain.tsv"), lines, StandardCharsets.UTF_8);
    byte[] gzip = gzip(String.join("\n", good.subList(100, 300)) + "\n");
    Files.write(input.resolve("b-truncated.tsv.gz"), Arrays.copyOf(gzip, gzip.length * 2 / 3));
    validLines = 100 + completeLinesOf(input.resolve("b-truncated.tsv.gz"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void eachMalformedLineIsRejectedWithItsReasonFileAndLine() {
    String out = folder.resolve("out").toString();
    PreprocessReport report = PreprocessJob.run(spark, PreprocessOptions.fromFlags(Map.of(
        "input", input.toString(), "out", out, "max-reject-fraction", "0.5",
        "chunk-size", "8k")));
    assertEquals(validLines, report.rowsWritten(), "every valid line is written");
    assertEquals(report.linesRead(), report.rowsWritten()
        + report.rejected().values().stream().mapToLong(Long::longValue).sum());
    Map<String, Long> expected = new HashMap<>();
    expected.put("empty_line", 1L);
    expected.put("wrong_field_count", 1L);
    expected.put("bad_dense", 1L);
    expected.put("bad_categorical", 1L);
    expected.put("bad_label", 1L);
    expected.put("truncated_gzip", 1L);
    expected.put("corrupt_gzip", 0L);
    assertEquals(expected, report.rejected());
    Map<String, String> reasonAt = new HashMap<>();
    for (Row reject : spark.read().parquet(out + "/rejects").collectAsList()) {
      String file = reject.getString(0);
      reasonAt.put(file.substring(file.lastIndexOf('/') + 1) + ":" + reject.getLong(1),
          reject.getString(2));
    }
    assertEquals("empty_line", reasonAt.get("a-plain.tsv:11"));
    assertEquals("wrong_field_count", reasonAt.get("a-plain.tsv:21"));
    assertEquals("bad_dense", reasonAt.get("a-plain.tsv:31"));
    assertEquals("bad_categorical", reasonAt.get("a-plain.tsv:41"));
    assertEquals("bad_label", reasonAt.get("a-plain.tsv:51"));
    assertEquals("truncated_gzip",
        reasonAt.get("b-truncated.tsv.gz:" + (validLines - 100 + 1)));
    assertEquals(6, reasonAt.size());
  }

  @Test
  void tooManyRejectsFailWithAClearMessage() {
    String out = folder.resolve("strict").toString();
    TooManyRejectsException error = assertThrows(TooManyRejectsException.class,
        () -> PreprocessJob.run(spark, PreprocessOptions.fromFlags(Map.of(
            "input", input.resolve("a-plain.tsv").toString(), "out", out,
            "max-reject-fraction", "0.01", "checksums", "false"))));
    assertTrue(error.getMessage().contains("Rejected 5 of 105"), error.getMessage());
    assertTrue(error.getMessage().contains("bad_dense=1"), error.getMessage());
    assertEquals(5, spark.read().parquet(out + "/rejects").count());
  }

  private static String withField(String[] fields, int index, String value) {
    String[] copy = fields.clone();
    copy[index] = value;
    return String.join("\t", copy);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  /** Complete lines a reader gets from a truncated gzip file before the stream breaks. */
  private static long completeLinesOf(Path file) throws IOException {
    long lines = 0;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        lines += b == '\n' ? 1 : 0;
      }
    } catch (EOFException expected) {
      return lines;
    }
    throw new IllegalStateException("the gzip file is not truncated");
  }
}
