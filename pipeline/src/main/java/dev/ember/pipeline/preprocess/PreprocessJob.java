package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.RejectReason;
import dev.ember.pipeline.input.FileChecksums;
import dev.ember.pipeline.input.HadoopConfiguration;
import dev.ember.pipeline.input.InputChunk;
import dev.ember.pipeline.input.InputFile;
import dev.ember.pipeline.input.InputResolver;
import dev.ember.pipeline.stats.ColumnStatistics;
import dev.ember.pipeline.stats.JsonFiles;
import dev.ember.pipeline.vocabulary.CategoricalMapper;
import dev.ember.pipeline.vocabulary.HashingMapper;
import dev.ember.pipeline.vocabulary.VocabularyStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The preprocess job: see the package documentation and docs/pipeline.md. */
public final class PreprocessJob {
  private static final Logger LOG = LoggerFactory.getLogger(PreprocessJob.class);
  /** Output entries; none may exist before the job starts. */
  static final List<String> OUTPUTS = List.of("train", "validation", "test", "vocabulary",
      "rejects", "metadata.json");

  private PreprocessJob() {}

  /** Runs the job on {@code spark}; throws {@link TooManyRejectsException} past the limit. */
  public static PreprocessReport run(SparkSession spark, PreprocessOptions options) {
    long startNanos = System.nanoTime();
    LOG.info("ember preprocess, effective options: {}", options.asMap());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    checkOutputFree(options.out(), hadoop);
    HadoopConfiguration shipped = new HadoopConfiguration(hadoop);
    List<InputFile> files = InputResolver.resolve(options.input(), hadoop);
    List<InputChunk> chunks = InputResolver.chunks(files, options.chunkBytes());
    LOG.info("{} input files, {} chunks", files.size(), chunks.size());
    CategoricalMapper givenMapper = givenMapper(spark, options);
    CountingPass.Result counted = CountingPass.run(spark, chunks, shipped, givenMapper);
    LOG.info("counting pass done after {} s", secondsSince(startNanos));
    try {
      return finish(spark, options, shipped, files, counted, givenMapper, startNanos);
    } finally {
      counted.counts().unpersist();
    }
  }

  private static PreprocessReport finish(SparkSession spark, PreprocessOptions options,
      HadoopConfiguration shipped, List<InputFile> files, CountingPass.Result counted,
      CategoricalMapper givenMapper, long startNanos) {
    SplitWriter writer = new SplitWriter(spark, shipped, options.rowGroupBytes());
    List<ChunkStatistics> chunks = counted.chunks();
    writer.writeRejects(chunks, child(options.out(), "rejects"));
    LOG.info("rejects written after {} s", secondsSince(startNanos));
    Map<String, Long> rejected = rejectedByReason(chunks);
    long lines = chunks.stream().mapToLong(ChunkStatistics::lines).sum();
    checkRejectFraction(options, lines, rejected);
    CategoricalMapper mapper = givenMapper != null
        ? copyVocabulary(spark, options, givenMapper) : buildVocabulary(spark, options, counted);
    LOG.info("rejects and vocabulary done after {} s", secondsSince(startNanos));
    SplitAssigner splits = new SplitAssigner(options.split(), lines, files, options.seed(),
        options.testFraction(), options.validationFraction());
    Broadcast<TransformSettings> settings = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new TransformSettings(mapper, new DenseTransform(options.denseOffset()), splits));
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> positives = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      String path = child(options.out(), split.folder());
      SplitWriter.Written written = writer.writeSplit(split, chunks, settings, path);
      rows.put(split.folder(), written.rows());
      positives.put(split.folder(), written.positives());
      LOG.info("{} written ({} rows) after {} s", split.folder(), written.rows(),
          secondsSince(startNanos));
    }
    settings.destroy();
    long written = rows.values().stream().mapToLong(Long::longValue).sum();
    long positiveTotal = positives.values().stream().mapToLong(Long::longValue).sum();
    int[] cardinalities = mapper.cardinalities();
    List<ColumnStatistics> columns = ColumnStatisticsBuilder.build(counted, cardinalities,
        givenMapper == null ? options.minCount() : 0);
    Map<String, String> checksums = options.checksums()
        ? FileChecksums.sha256(spark, files, shipped) : Map.of();
    LOG.info("statistics and checksums done after {} s", secondsSince(startNanos));
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    PreprocessReport report = new PreprocessReport(options.out(), lines, written, rows, rejected,
        toList(cardinalities), written == 0 ? 0 : (double) positiveTotal / written, seconds);
    Map<String, Object> metadata = Metadata.of(options, report, positives, columns,
        inputs(files, chunks, checksums));
    JsonFiles.write(metadata, child(options.out(), "metadata.json"), shipped.get());
    LOG.info("ember preprocess done: {} lines, {} rows written, {} rejected, {} s",
        lines, written, lines - written, String.format("%.1f", seconds));
    return report;
  }

  private static CategoricalMapper givenMapper(SparkSession spark, PreprocessOptions options) {
    if (options.mode() == CategoricalMode.HASHING) {
      return new HashingMapper(options.maxIndRange());
    }
    return options.vocabulary() == null ? null : VocabularyStore.load(spark, options.vocabulary());
  }

  private static CategoricalMapper buildVocabulary(SparkSession spark, PreprocessOptions options,
      CountingPass.Result counted) {
    Dataset<Row> values = counted.categoricalCounts()
        .where(functions.not(functions.col("missing"))).select("column", "value", "count");
    String path = child(options.out(), "vocabulary");
    long startNanos = System.nanoTime();
    VocabularyStore.save(VocabularyStore.build(values, options.minCount()), path);
    LOG.info("vocabulary built and saved in {} s", secondsSince(startNanos));
    return VocabularyStore.load(spark, path);
  }

  /** Hashing: an empty vocabulary folder; reuse: a copy of the reused vocabulary. */
  private static CategoricalMapper copyVocabulary(SparkSession spark, PreprocessOptions options,
      CategoricalMapper mapper) {
    String path = child(options.out(), "vocabulary");
    Dataset<Row> vocabulary = options.vocabulary() != null
        ? spark.read().parquet(VocabularyStore.folderOf(spark, options.vocabulary()))
        : VocabularyStore.empty(spark);
    VocabularyStore.save(vocabulary, path);
    return mapper;
  }

  private static Map<String, Long> rejectedByReason(List<ChunkStatistics> chunks) {
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (RejectReason reason : RejectReason.values()) {
      byReason.put(reason.label(), chunks.stream()
          .mapToLong(chunk -> chunk.rejectsByReason()[reason.ordinal()]).sum());
    }
    return byReason;
  }

  private static void checkRejectFraction(PreprocessOptions options, long lines,
      Map<String, Long> rejected) {
    long total = rejected.values().stream().mapToLong(Long::longValue).sum();
    if (lines > 0 && (double) total / lines > options.maxRejectFraction()) {
      throw new TooManyRejectsException(String.format(
          "Rejected %d of %d input lines (%.4f%%), more than --max-reject-fraction %s; by reason: "
              + "%s; each rejected line (file, line, reason, raw) is in %s",
          total, lines, 100.0 * total / lines, options.maxRejectFraction(), rejected,
          child(options.out(), "rejects")));
    }
  }

  private static List<Map<String, Object>> inputs(List<InputFile> files,
      List<ChunkStatistics> chunks, Map<String, String> checksums) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (InputFile file : files) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("path", file.path());
      input.put("bytes", file.bytes());
      input.put("gzip", file.gzip());
      input.put("lines", chunks.stream().filter(c -> c.chunk().file().index() == file.index())
          .mapToLong(ChunkStatistics::lines).sum());
      input.put("sha256", checksums.get(file.path()));
      inputs.add(input);
    }
    return inputs;
  }

  private static void checkOutputFree(String out, Configuration hadoop) {
    try {
      for (String entry : OUTPUTS) {
        Path path = new Path(out, entry);
        if (path.getFileSystem(hadoop).exists(path)) {
          throw new IllegalArgumentException("Output " + path + " already exists; choose another "
              + "--out or delete the earlier result");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot check output folder " + out, e);
    }
  }

  private static String secondsSince(long startNanos) {
    return String.format("%.1f", (System.nanoTime() - startNanos) / 1e9);
  }

  static String child(String parent, String name) {
    return new Path(parent, name).toString();
  }

  private static List<Integer> toList(int[] values) {
    List<Integer> list = new ArrayList<>(values.length);
    for (int value : values) {
      list.add(value);
    }
    return list;
  }
}
