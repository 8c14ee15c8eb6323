package dev.ember.pipeline.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * SHA-256 of whole input files as stored (the compressed bytes for gzip), one task per file.
 */
public final class FileChecksums {
  private FileChecksums() {}

  /** Returns path to lower-case hex SHA-256. */
  public static Map<String, String> sha256(SparkSession spark, List<InputFile> files,
      HadoopConfiguration configuration) {
    if (files.isEmpty()) {
      return Map.of();
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Tuple2<String, String>> digests = context.parallelize(files, files.size())
        .map(file -> new Tuple2<>(file.path(), sha256(file.path(), configuration)))
        .collect();
    Map<String, String> byPath = new HashMap<>();
    digests.forEach(pair -> byPath.put(pair._1(), pair._2()));
    return byPath;
  }

  /** SHA-256 of one file through Hadoop's FileSystem. */
  public static String sha256(String file, HadoopConfiguration configuration) {
    Path path = new Path(file);
    try (InputStream in = HadoopConfiguration.fileSystemOf(path, configuration.get())
        .open(path, 1 << 16)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot checksum " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
