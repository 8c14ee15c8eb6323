package dev.ember.pipeline.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ember.pipeline.input.InputFile;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {
  private static Map<Split, Long> sizes(SplitAssigner splits, long lines, long fileLines) {
    Map<Split, Long> sizes = new EnumMap<>(Split.class);
    for (long line = 0; line < lines; line++) {
      sizes.merge(splits.assign(0, line, line % fileLines, fileLines), 1L, Long::sum);
    }
    return sizes;
  }

  @Test
  void kaggleDaysFollowNumpyArraySplit() {
    SplitAssigner splits = new SplitAssigner(SplitMode.KAGGLE, 4671, List.of(), 0, 0, 0);
    assertEquals(Map.of(Split.TRAIN, 4004L, Split.TEST, 334L, Split.VALIDATION, 333L),
        sizes(splits, 4671, 4671));
    assertEquals(668, splits.kaggleDayStart(1));
  }

  @Test
  void terabyteHalvesDay23AndNeedsDayNames() {
    List<InputFile> files = List.of(new InputFile(0, "/d/day_23.gz", 1, true));
    SplitAssigner splits = new SplitAssigner(SplitMode.TERABYTE, 11, files, 0, 0, 0);
    assertEquals(Map.of(Split.TEST, 6L, Split.VALIDATION, 5L), sizes(splits, 11, 11));
    assertThrows(IllegalArgumentException.class, () -> new SplitAssigner(SplitMode.TERABYTE, 1,
        List.of(new InputFile(0, "/d/train.txt", 1, false)), 0, 0, 0));
  }

  @Test
  void randomSplitIsSeededAndNearItsFractions() {
    SplitAssigner splits = new SplitAssigner(SplitMode.RANDOM, 0, List.of(), 7, 0.1, 0.2);
    Map<Split, Long> sizes = sizes(splits, 100_000, 100_000);
    assertEquals(10_000, sizes.get(Split.TEST), 500);
    assertEquals(20_000, sizes.get(Split.VALIDATION), 600);
    assertEquals(sizes, sizes(new SplitAssigner(SplitMode.RANDOM, 0, List.of(), 7, 0.1, 0.2),
        100_000, 100_000));
  }
}
