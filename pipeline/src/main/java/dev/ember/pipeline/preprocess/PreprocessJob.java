package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.criteo.CriteoFormat;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
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
    CountingPass.Result counted = CountingPass.run(spark, chunks, shipped, givenMapper,
        options.minCount());
    LOG.info("counting pass done after {} s", secondsSince(startNanos));
    try {
      return finish(spark, options, shipped, files, counted, givenMapper, startNanos);
    } finally {
      counted.release();
    }
  }

  private static PreprocessReport finish(SparkSession spark, PreprocessOptions options,
      HadoopConfiguration shipped, List<InputFile> files, CountingPass.Result counted,
      CategoricalMapper givenMapper, long startNanos) {
    SplitWriter writer = new SplitWriter(spark, shipped, options.rowGroupBytes());
    List<ChunkStatistics> chunks = counted.chunks();
    Map<String, Long> rejected = rejectedByReason(chunks);
    long lines = chunks.stream().mapToLong(ChunkStatistics::lines).sum();
    if (tooManyRejects(options, lines, rejected)) {
      writer.writeRejects(chunks, child(options.out(), "rejects"));
      throw tooManyRejectsError(options, lines, rejected);
    }
    CategoricalMapper mapper = givenMapper != null ? givenMapper : builtMapper(counted);
    SplitAssigner splits = new SplitAssigner(options.split(), lines, files, options.seed(),
        options.testFraction(), options.validationFraction());
    Broadcast<TransformSettings> settings = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new TransformSettings(mapper, new DenseTransform(options.denseOffset()), splits));
    Outputs outputs = writeOutputs(spark, options, shipped, files, counted, givenMapper, writer,
        settings, startNanos);
    settings.destroy();
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> positives = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      rows.put(split.folder(), outputs.splits().get(split).rows());
      positives.put(split.folder(), outputs.splits().get(split).positives());
    }
    long rowsWritten = rows.values().stream().mapToLong(Long::longValue).sum();
    long positiveTotal = positives.values().stream().mapToLong(Long::longValue).sum();
    int[] cardinalities = mapper.cardinalities();
    List<ColumnStatistics> columns = ColumnStatisticsBuilder.build(counted.columns(), cardinalities,
        givenMapper == null ? options.minCount() : 0);
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    PreprocessReport report = new PreprocessReport(options.out(), lines, rowsWritten, rows,
        rejected, toList(cardinalities),
        rowsWritten == 0 ? 0 : (double) positiveTotal / rowsWritten, seconds);
    Map<String, Object> metadata = Metadata.of(options, report, positives, columns,
        inputs(files, chunks, outputs.checksums()));
    JsonFiles.write(metadata, child(options.out(), "metadata.json"), shipped.get());
    LOG.info("ember preprocess done: {} lines, {} rows written, {} rejected, {} s",
        lines, rowsWritten, lines - rowsWritten, String.format("%.1f", seconds));
    return report;
  }

  /** What the output jobs report: rows and positives per split, SHA-256 per input path. */
  private record Outputs(Map<Split, SplitWriter.Written> splits, Map<String, String> checksums) {}

  /** Writes the splits, the vocabulary, the rejects and the checksums as concurrent jobs. */
  private static Outputs writeOutputs(SparkSession spark, PreprocessOptions options,
      HadoopConfiguration shipped, List<InputFile> files, CountingPass.Result counted,
      CategoricalMapper givenMapper, SplitWriter writer, Broadcast<TransformSettings> settings,
      long startNanos) {
    List<ChunkStatistics> chunks = counted.chunks();
    Map<Split, SplitWriter.Written> written = new EnumMap<>(Split.class);
    Map<String, String> checksums = new HashMap<>();
    try (ConcurrentOutputs outputs = new ConcurrentOutputs(spark, Split.values().length + 3)) {
      for (Split split : Split.values()) {
        outputs.submit(() -> {
          SplitWriter.Written result = writer.writeSplit(split, chunks, settings,
              child(options.out(), split.folder()));
          synchronized (written) {
            written.put(split, result);
          }
          LOG.info("{} written ({} rows) after {} s", split.folder(), result.rows(),
              secondsSince(startNanos));
        });
      }
      outputs.submit(() -> {
        writeVocabulary(spark, options, counted, givenMapper, writer);
        LOG.info("vocabulary written after {} s", secondsSince(startNanos));
      });
      outputs.submit(() -> {
        writer.writeRejects(chunks, child(options.out(), "rejects"));
        LOG.info("rejects written after {} s", secondsSince(startNanos));
      });
      if (options.checksums()) {
        outputs.submit(() -> {
          Map<String, String> result = FileChecksums.sha256(spark, files, shipped);
          synchronized (checksums) {
            checksums.putAll(result);
          }
          LOG.info("checksums done after {} s", secondsSince(startNanos));
        });
      }
      outputs.awaitAll();
    }
    return new Outputs(written, checksums);
  }

  private static CategoricalMapper givenMapper(SparkSession spark, PreprocessOptions options) {
    if (options.mode() == CategoricalMode.HASHING) {
      return new HashingMapper(options.maxIndRange());
    }
    return options.vocabulary() == null ? null : VocabularyStore.load(spark, options.vocabulary());
  }

  /** The mapper of the vocabulary the counting pass ranked. */
  private static CategoricalMapper builtMapper(CountingPass.Result counted) {
    int[][] kept = new int[CriteoFormat.NUM_CATEGORICAL][];
    for (int column = 0; column < kept.length; column++) {
      kept[column] = counted.columns().get(column).keptKeys();
    }
    return VocabularyStore.mapperOf(kept);
  }

  /**
   * Writes {@code out/vocabulary}: the vocabulary built here, a copy of the reused one, or an
   * empty one (hashing).
   */
  private static void writeVocabulary(SparkSession spark, PreprocessOptions options,
      CountingPass.Result counted, CategoricalMapper givenMapper, SplitWriter writer) {
    String path = child(options.out(), "vocabulary");
    if (givenMapper == null) {
      writer.writeVocabulary(counted, options.minCount(), path);
    } else if (options.vocabulary() != null) {
      VocabularyStore.copy(spark, options.vocabulary(), path);
    } else {
      VocabularyStore.save(VocabularyStore.empty(spark), path);
    }
  }

  private static Map<String, Long> rejectedByReason(List<ChunkStatistics> chunks) {
    Map<String, Long> byReason = new LinkedHashMap<>();
    for (RejectReason reason : RejectReason.values()) {
      byReason.put(reason.label(), chunks.stream()
          .mapToLong(chunk -> chunk.rejectsByReason()[reason.ordinal()]).sum());
    }
    return byReason;
  }

  private static boolean tooManyRejects(PreprocessOptions options, long lines,
      Map<String, Long> rejected) {
    long total = rejected.values().stream().mapToLong(Long::longValue).sum();
    return lines > 0 && (double) total / lines > options.maxRejectFraction();
  }

  private static TooManyRejectsException tooManyRejectsError(PreprocessOptions options,
      long lines, Map<String, Long> rejected) {
    long total = rejected.values().stream().mapToLong(Long::longValue).sum();
    return new TooManyRejectsException(String.format(
        "Rejected %d of %d input lines (%.4f%%), more than --max-reject-fraction %s; by reason: "
            + "%s; each rejected line (file, line, reason, raw) is in %s",
        total, lines, 100.0 * total / lines, options.maxRejectFraction(), rejected,
        child(options.out(), "rejects")));
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
