package dev.ember.pipeline;

import java.io.File;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** One small local SparkSession per test class, and access to the shared data folder. */
public final class SparkTestSession {
  private SparkTestSession() {}

  /** local[2], no UI, 2 shuffle partitions. */
  public static SparkSession start(String name) {
    return SparkSession.builder()
        .appName(name)
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate();
  }

  /** The real Criteo sample, or null when ../shared is absent (the test then skips). */
  public static Path kaggleSample() {
    String shared = System.getProperty("ember.shared.dir", "../../shared");
    File sample = new File(shared, "data/criteo/kaggle-sample-train.tsv");
    return sample.isFile() ? sample.toPath() : null;
  }
}
