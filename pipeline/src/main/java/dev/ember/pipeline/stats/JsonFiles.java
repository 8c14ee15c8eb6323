package dev.ember.pipeline.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ember.pipeline.input.HadoopConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Writes JSON documents (maps and records) through Hadoop's FileSystem with Jackson. */
public final class JsonFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private JsonFiles() {}

  /** Writes {@code document} to {@code path}, replacing an existing file. */
  public static void write(Object document, String path, Configuration configuration) {
    Path target = new Path(path);
    try (OutputStream out = HadoopConfiguration.fileSystemOf(target, configuration)
        .create(target, true)) {
      MAPPER.writeValue(out, document);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + path, e);
    }
  }

  /** The shared mapper, for tests and readers. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
