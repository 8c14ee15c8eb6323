package dev.ember.pipeline.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkLineReaderTest {
  @TempDir Path folder;

  @Test
  void everyLineIsReadOnceWhateverTheChunkSize() throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String line = i % 37 == 0 ? "" : "line-" + i + "-" + "x".repeat(i % 13);
      expected.add(line);
      text.append(line).append('\n');
    }
    text.append("last-without-newline");
    expected.add("last-without-newline");
    Path file = folder.resolve("lines.txt");
    Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    Configuration configuration = new Configuration();
    List<InputFile> files = InputResolver.resolve(file.toString(), configuration);
    for (long chunkBytes : new long[] {16, 100, 1000, 1 << 20}) {
      List<String> lines = new ArrayList<>();
      for (InputChunk chunk : InputResolver.chunks(files, chunkBytes)) {
        try (ChunkLineReader reader = new ChunkLineReader(chunk, configuration)) {
          while (reader.next()) {
            lines.add(new String(reader.buffer(), reader.lineOffset(), reader.lineLength(),
                StandardCharsets.UTF_8));
          }
        }
      }
      assertEquals(expected, lines, "chunk size " + chunkBytes);
    }
  }

  @Test
  void filesAreOrderedWithNumbersByValue() {
    List<String> names = new ArrayList<>(List.of("day_10.gz", "day_2.gz", "day_1", "day_0"));
    names.sort(InputResolver.NaturalOrder.INSTANCE);
    assertEquals(List.of("day_0", "day_1", "day_2.gz", "day_10.gz"), names);
  }
}
