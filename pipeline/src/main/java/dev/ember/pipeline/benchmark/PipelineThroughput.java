package dev.ember.pipeline.benchmark;

import dev.ember.pipeline.generate.GenerateJob;
import dev.ember.pipeline.generate.GenerateOptions;
import dev.ember.pipeline.preprocess.PreprocessJob;
import dev.ember.pipeline.preprocess.PreprocessOptions;
import dev.ember.pipeline.preprocess.PreprocessReport;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Measures preprocess throughput: {@code PipelineThroughput WORKDIR ROWS CORES [flag=value ...]}.
 * Generates ROWS lines into WORKDIR/raw unless present, then runs preprocess end to end
 * (parse, vocabulary, transform, write) and again with the vocabulary of the first run
 * (transform alone), printing rows per second and CPU seconds for each. Extra flag=value pairs
 * go to preprocess (e.g. checksums=false); a bare {@code warmup} first preprocesses the first
 * part file once, so the figures are for a warm JVM.
 */
public final class PipelineThroughput {
  private PipelineThroughput() {}

  /** Entry point; see the class documentation. */
  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: PipelineThroughput WORKDIR ROWS CORES "
          + "[flag=value ...]");
    }
    String work = args[0];
    long rows = Long.parseLong(args[1]);
    int cores = Integer.parseInt(args[2]);
    Map<String, String> extra = new HashMap<>();
    for (int i = 3; i < args.length; i++) {
      String[] pair = args[i].split("=", 2);
      extra.put(pair[0], pair.length > 1 ? pair[1] : "");
    }
    SparkSession spark = SparkSession.builder().appName("ember pipeline throughput")
        .master("local[" + cores + "]").config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", Integer.toString(cores * 2)).getOrCreate();
    try {
      String raw = work + "/raw";
      if (!new File(raw, "generator.json").isFile()) {
        long start = System.nanoTime();
        GenerateJob.run(spark, GenerateOptions.fromFlags(Map.of("out", raw,
            "rows", Long.toString(rows))));
        report("generate", rows, (System.nanoTime() - start) / 1e9);
      }
      long stamp = System.currentTimeMillis();
      if (extra.remove("warmup") != null) {
        Map<String, String> warmup = new HashMap<>(extra);
        warmup.put("checksums", "false");
        run(spark, raw + "/part-00000.tsv", work + "/warmup-" + stamp, warmup);
      }
      long cpuBefore = processCpuNanos();
      PreprocessReport full = run(spark, raw, work + "/full-" + stamp, extra);
      report("preprocess end to end", full.linesRead(), full.seconds(),
          (processCpuNanos() - cpuBefore) / 1e9);
      Map<String, String> reuse = new HashMap<>(extra);
      reuse.put("vocabulary", full.out());
      cpuBefore = processCpuNanos();
      PreprocessReport transform = run(spark, raw, work + "/reuse-" + stamp, reuse);
      report("preprocess, existing vocabulary", transform.linesRead(), transform.seconds(),
          (processCpuNanos() - cpuBefore) / 1e9);
    } finally {
      spark.stop();
    }
  }

  private static PreprocessReport run(SparkSession spark, String input, String out,
      Map<String, String> extra) {
    Map<String, String> flags = new HashMap<>(extra);
    flags.put("input", input);
    flags.put("out", out);
    return PreprocessJob.run(spark, PreprocessOptions.fromFlags(flags));
  }

  private static void report(String what, long rows, double seconds) {
    System.out.printf("%-34s %,d rows in %.1f s = %,.0f rows/s%n", what, rows, seconds,
        rows / seconds);
  }

  /**
   * Prints wall-clock throughput and CPU time. On a shared machine the wall clock measures the
   * neighbours too; rows per CPU-second times the core count bounds what dedicated cores give.
   */
  private static void report(String what, long rows, double seconds, double cpuSeconds) {
    System.out.printf("%-34s %,d rows in %.1f s wall = %,.0f rows/s; %.1f CPU-s = %,.0f rows "
        + "per CPU-s%n", what, rows, seconds, rows / seconds, cpuSeconds, rows / cpuSeconds);
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean bean =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return bean instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }
}
