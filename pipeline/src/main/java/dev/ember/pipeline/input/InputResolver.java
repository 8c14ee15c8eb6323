package dev.ember.pipeline.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Turns an input specification (a file, a directory, a glob, or several of them separated by
 * commas) into files in input order and then into chunks. Files are ordered by path with numbers
 * compared by value, so {@code day_2} comes before {@code day_10}. Inside a directory, files
 * whose names start with '.' or '_' or end with '.json' or '.crc' are skipped, as are
 * subdirectories (a generated data set's probabilities/ folder and generator.json).
 */
public final class InputResolver {
  private InputResolver() {}

  /** Resolves the specification; fails naming the pattern when nothing matches. */
  public static List<InputFile> resolve(String specification, Configuration configuration) {
    List<FileStatus> statuses = new ArrayList<>();
    try {
      for (String pattern : specification.split(",")) {
        if (!pattern.isBlank()) {
          statuses.addAll(expand(pattern.trim(), configuration));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list input '" + specification + "'", e);
    }
    statuses.sort(Comparator.comparing(status -> status.getPath().toString(),
        NaturalOrder.INSTANCE));
    List<InputFile> files = new ArrayList<>(statuses.size());
    for (FileStatus status : statuses) {
      Path path = status.getPath();
      files.add(new InputFile(files.size(), path.toString(), status.getLen(),
          startsWithGzipMagic(path, configuration)));
    }
    return files;
  }

  /** Cuts plain files into chunks of about {@code chunkBytes}; each gzip file is one chunk. */
  public static List<InputChunk> chunks(List<InputFile> files, long chunkBytes) {
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be positive, got " + chunkBytes);
    }
    List<InputChunk> chunks = new ArrayList<>();
    for (InputFile file : files) {
      if (file.gzip() || file.bytes() <= chunkBytes) {
        chunks.add(new InputChunk(chunks.size(), file, 0, file.bytes()));
        continue;
      }
      for (long start = 0; start < file.bytes(); start += chunkBytes) {
        chunks.add(new InputChunk(chunks.size(), file, start,
            Math.min(file.bytes(), start + chunkBytes)));
      }
    }
    return chunks;
  }

  private static List<FileStatus> expand(String pattern, Configuration configuration)
      throws IOException {
    Path path = new Path(pattern);
    FileSystem fileSystem = path.getFileSystem(configuration);
    FileStatus[] matches = fileSystem.globStatus(path);
    if (matches == null || matches.length == 0) {
      throw new IllegalArgumentException("Input '" + pattern + "' matches no file");
    }
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus match : matches) {
      if (match.isDirectory()) {
        for (FileStatus child : fileSystem.listStatus(match.getPath())) {
          String name = child.getPath().getName();
          if (child.isFile() && !name.startsWith(".") && !name.startsWith("_")
              && !name.endsWith(".json") && !name.endsWith(".crc")) {
            files.add(child);
          }
        }
      } else {
        files.add(match);
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("Input '" + pattern + "' holds no data file");
    }
    return files;
  }

  private static boolean startsWithGzipMagic(Path path, Configuration configuration) {
    try (InputStream in = path.getFileSystem(configuration).open(path)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read input file " + path, e);
    }
  }

  /** Compares strings with embedded digit runs by numeric value. */
  static final class NaturalOrder implements Comparator<String> {
    static final NaturalOrder INSTANCE = new NaturalOrder();

    @Override
    public int compare(String left, String right) {
      int i = 0;
      int j = 0;
      while (i < left.length() && j < right.length()) {
        char a = left.charAt(i);
        char b = right.charAt(j);
        if (Character.isDigit(a) && Character.isDigit(b)) {
          int endA = digitsEnd(left, i);
          int endB = digitsEnd(right, j);
          int byValue = compareDigits(left.substring(i, endA), right.substring(j, endB));
          if (byValue != 0) {
            return byValue;
          }
          i = endA;
          j = endB;
        } else {
          if (a != b) {
            return Character.compare(a, b);
          }
          i++;
          j++;
        }
      }
      return Integer.compare(left.length() - i, right.length() - j);
    }

    private static int digitsEnd(String text, int start) {
      int end = start;
      while (end < text.length() && Character.isDigit(text.charAt(end))) {
        end++;
      }
      return end;
    }

    private static int compareDigits(String a, String b) {
      String strippedA = a.replaceFirst("^0+(?=.)", "");
      String strippedB = b.replaceFirst("^0+(?=.)", "");
      if (strippedA.length() != strippedB.length()) {
        return Integer.compare(strippedA.length(), strippedB.length());
      }
      int byDigits = strippedA.compareTo(strippedB);
      return byDigits != 0 ? byDigits : Integer.compare(a.length(), b.length());
    }
  }
}
