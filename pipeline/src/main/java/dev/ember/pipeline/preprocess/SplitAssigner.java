package dev.ember.pipeline.preprocess;

import dev.ember.pipeline.input.InputFile;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the split of each input line from its position, so that the decision needs no
 * shuffle and does not depend on how the input was chunked. Positions count all lines, valid or
 * rejected, so a rejected line never moves another line to a different split.
 */
public final class SplitAssigner implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern DAY = Pattern.compile("day_(\\d+)");
  /** Day whose halves are test and validation in the 1TB convention. */
  public static final int TERABYTE_EVALUATION_DAY = 23;
  private static final int KAGGLE_DAYS = 7;

  private final SplitMode mode;
  private final long totalLines;
  private final long seed;
  private final double testFraction;
  private final double validationFraction;
  private final HashMap<Integer, Integer> dayOfFile = new HashMap<>();

  /**
   * @param mode the convention
   * @param totalLines lines over all input files (kaggle)
   * @param files input files; for terabyte each name must contain {@code day_N}
   * @param seed, testFraction, validationFraction parameters of the random split
   */
  public SplitAssigner(SplitMode mode, long totalLines, List<InputFile> files, long seed,
      double testFraction, double validationFraction) {
    this.mode = mode;
    this.totalLines = totalLines;
    this.seed = seed;
    this.testFraction = testFraction;
    this.validationFraction = validationFraction;
    if (mode == SplitMode.TERABYTE) {
      for (InputFile file : files) {
        Matcher matcher = DAY.matcher(file.name());
        if (!matcher.find()) {
          throw new IllegalArgumentException("--split terabyte needs files named day_N (day_0 .. "
              + "day_23, plain or .gz); got '" + file.path() + "'");
        }
        dayOfFile.put(file.index(), Integer.parseInt(matcher.group(1)));
      }
    }
  }

  /**
   * @param fileIndex index of the line's file
   * @param globalLine 0-based position among all lines
   * @param fileLine 0-based position in its file
   * @param fileLines lines in its file
   */
  public Split assign(int fileIndex, long globalLine, long fileLine, long fileLines) {
    switch (mode) {
      case KAGGLE:
        return kaggle(globalLine);
      case TERABYTE:
        if (dayOfFile.get(fileIndex) != TERABYTE_EVALUATION_DAY) {
          return Split.TRAIN;
        }
        return fileLine < (fileLines + 1) / 2 ? Split.TEST : Split.VALIDATION;
      default:
        return random(globalLine);
    }
  }

  /** Whether a run of lines [globalStart, globalStart + lines) may hold lines of the split. */
  public boolean mayContain(Split split, ChunkStatistics chunk) {
    if (chunk.lines() == 0) {
      return false;
    }
    switch (mode) {
      case KAGGLE:
        long first = chunk.globalLineStart();
        long last = first + chunk.lines() - 1;
        return kaggleOrder(kaggle(first)) <= kaggleOrder(split)
            && kaggleOrder(split) <= kaggleOrder(kaggle(last));
      case TERABYTE:
        boolean evaluationDay =
            dayOfFile.get(chunk.chunk().file().index()) == TERABYTE_EVALUATION_DAY;
        return split == Split.TRAIN ? !evaluationDay : evaluationDay;
      default:
        return true;
    }
  }

  /** Days as numpy's array_split(lines, 7): the first (lines mod 7) days hold one line more. */
  long kaggleDayStart(int day) {
    long base = totalLines / KAGGLE_DAYS;
    long extra = totalLines % KAGGLE_DAYS;
    return day * base + Math.min(day, extra);
  }

  private Split kaggle(long globalLine) {
    long evaluationStart = kaggleDayStart(KAGGLE_DAYS - 1);
    if (globalLine < evaluationStart) {
      return Split.TRAIN;
    }
    long evaluationLines = totalLines - evaluationStart;
    return globalLine - evaluationStart < (evaluationLines + 1) / 2 ? Split.TEST : Split.VALIDATION;
  }

  /** Order of the splits along the lines in the Kaggle convention: train, test, validation. */
  private static int kaggleOrder(Split split) {
    return split == Split.TRAIN ? 0 : split == Split.TEST ? 1 : 2;
  }

  private Split random(long globalLine) {
    long bits = mix(seed ^ mix(globalLine + 0x9E3779B97F4A7C15L));
    double uniform = (bits >>> 11) * 0x1.0p-53;
    if (uniform < testFraction) {
      return Split.TEST;
    }
    return uniform < testFraction + validationFraction ? Split.VALIDATION : Split.TRAIN;
  }

  /** The day of each file in the terabyte convention (empty otherwise). */
  public Map<Integer, Integer> daysOfFiles() {
    return new HashMap<>(dayOfFile);
  }

  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
