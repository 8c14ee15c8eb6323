package dev.ember.pipeline.input;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** A Hadoop {@link Configuration} that can be shipped to Spark tasks (its entries are copied). */
public final class HadoopConfiguration implements Serializable {
  private static final long serialVersionUID = 1L;
  private final HashMap<String, String> entries = new HashMap<>();
  private transient Configuration configuration;

  /** Copies every entry of {@code source}. */
  public HadoopConfiguration(Configuration source) {
    for (Map.Entry<String, String> entry : source) {
      entries.put(entry.getKey(), entry.getValue());
    }
    this.configuration = source;
  }

  /**
   * The file system of a path; for local paths the raw one, which neither writes nor verifies
   * Hadoop's .crc side files (they double the I/O of large text files and are not expected).
   */
  public static FileSystem fileSystemOf(Path path, Configuration configuration)
      throws IOException {
    FileSystem fileSystem = path.getFileSystem(configuration);
    return fileSystem instanceof LocalFileSystem local ? local.getRawFileSystem() : fileSystem;
  }

  /** Returns the configuration, rebuilt from the copied entries after deserialization. */
  public Configuration get() {
    if (configuration == null) {
      Configuration rebuilt = new Configuration(false);
      entries.forEach(rebuilt::set);
      configuration = rebuilt;
    }
    return configuration;
  }
}
