package dev.ember.pipeline.input;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

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
