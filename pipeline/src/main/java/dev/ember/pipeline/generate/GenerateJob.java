package dev.ember.pipeline.generate;

import dev.ember.pipeline.input.HadoopConfiguration;
import dev.ember.pipeline.stats.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The generate job: one Spark task per part file; see the package documentation. */
public final class GenerateJob {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  private GenerateJob() {}

  /** Generates the data set described by {@code options} and writes generator.json. */
  public static GenerateReport run(SparkSession spark, GenerateOptions options) {
    long startNanos = System.nanoTime();
    LOG.info("ember generate, effective options: {}", options.asMap());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    checkOutputEmpty(options.out(), hadoop);
    SyntheticCriteo data = new SyntheticCriteo(options.seed(), options.scale(),
        options.positiveRate());
    int files = options.effectiveFiles();
    List<Integer> parts = new ArrayList<>(files);
    for (int part = 0; part < files; part++) {
      parts.add(part);
    }
    HadoopConfiguration shipped = new HadoopConfiguration(hadoop);
    long rows = options.rows();
    String out = options.out();
    boolean gzip = options.compression() == GenerateOptions.Compression.GZIP;
    PartWriter.Summary summary = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(parts, files)
        .map(part -> PartWriter.write(part, partStart(part, rows, files),
            partStart(part + 1, rows, files), data, out, gzip, shipped))
        .reduce(PartWriter.Summary::merge);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    GenerateReport report = new GenerateReport(out, summary.rows(), files,
        toList(data.cardinalities()), (double) summary.positives() / summary.rows(),
        summary.auc().expectedAuc(), summary.auc().drawnAuc(), seconds);
    JsonFiles.write(describe(options, data, report), new Path(out, "generator.json").toString(),
        hadoop);
    LOG.info("ember generate done: {} rows in {} files, Bayes AUC {}, {} s", report.rows(), files,
        String.format("%.4f", report.bayesAuc()), String.format("%.1f", seconds));
    return report;
  }

  /** First line of a part: parts differ in size by at most one line. */
  static long partStart(int part, long rows, int files) {
    return part * (rows / files) + Math.min(part, rows % files);
  }

  private static Map<String, Object> describe(GenerateOptions options, SyntheticCriteo data,
      GenerateReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", "criteo-kaggle-tsv");
    json.put("files", report.files());
    json.put("tsv", "part-NNNNN.tsv" + (options.compression() == GenerateOptions.Compression.GZIP
        ? ".gz" : "") + ": 40 tab-separated fields, label I1..I13 C1..C26, empty = missing");
    json.put("probabilities", "probabilities/part-NNNNN.txt: line k is the true P(label = 1) of "
        + "line k of part-NNNNN.tsv");
    json.put("rows", report.rows());
    json.put("positiveRate", report.positiveRate());
    json.put("bayesAuc", report.bayesAuc());
    json.put("drawnAuc", report.drawnAuc());
    json.put("cardinalities", report.cardinalities());
    json.put("zipfExponents", data.zipfExponents());
    json.put("denseMissingRates", SyntheticCriteo.denseMissingRates());
    json.put("categoricalMissingRates", SyntheticCriteo.categoricalMissingRates());
    json.put("labelModel", data.labelModel());
    json.put("options", options.asMap());
    json.put("seconds", report.seconds());
    return json;
  }

  private static void checkOutputEmpty(String out, Configuration hadoop) {
    Path path = new Path(out);
    try {
      FileSystem fileSystem = path.getFileSystem(hadoop);
      if (fileSystem.exists(path)) {
        FileStatus[] children = fileSystem.listStatus(path);
        if (children.length > 0) {
          throw new IllegalArgumentException("Output " + path + " exists and is not empty; "
              + "choose another --out or delete it");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check output folder " + out, e);
    }
  }

  private static List<Integer> toList(int[] values) {
    List<Integer> list = new ArrayList<>(values.length);
    for (int value : values) {
      list.add(value);
    }
    return list;
  }
}
