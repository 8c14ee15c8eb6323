package dev.ember.pipeline.flags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.pipeline.generate.GenerateOptions;
import dev.ember.pipeline.preprocess.CategoricalMode;
import dev.ember.pipeline.preprocess.PreprocessOptions;
import dev.ember.pipeline.preprocess.SplitMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlagReaderTest {
  @Test
  void unknownFlagIsNamedWithTheAllowedOnes() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> PreprocessOptions.fromFlags(Map.of("input", "a", "out", "b", "min-cout", "3")));
    assertTrue(error.getMessage().contains("--min-cout"), error.getMessage());
    assertTrue(error.getMessage().contains("--min-count"), error.getMessage());
  }

  @Test
  void badEnumListsTheAllowedValues() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> PreprocessOptions.fromFlags(Map.of("input", "a", "out", "b", "split", "daily")));
    assertTrue(error.getMessage().contains("'daily'"), error.getMessage());
    assertTrue(error.getMessage().contains("kaggle, terabyte, random"), error.getMessage());
  }

  @Test
  void badNumbersAndMissingRequiredFlagsAreNamed() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PreprocessOptions.fromFlags(
        Map.of("input", "a", "out", "b", "min-count", "0"))).getMessage().contains("--min-count"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PreprocessOptions.fromFlags(
        Map.of("out", "b"))).getMessage().contains("--input"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GenerateOptions.fromFlags(
        Map.of("out", "b", "rows", "ten"))).getMessage().contains("'ten'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PreprocessOptions.fromFlags(
        Map.of("input", "a", "out", "b", "mode", "hashing", "vocabulary", "v")))
        .getMessage().contains("--vocabulary"));
  }

  @Test
  void parsesEveryFlagOfPreprocess() {
    PreprocessOptions options = PreprocessOptions.fromFlags(Map.ofEntries(
        Map.entry("input", "in"), Map.entry("out", "out"), Map.entry("mode", "hashing"),
        Map.entry("max-ind-range", "1,000"), Map.entry("split", "random"),
        Map.entry("row-group-size", "32m"), Map.entry("dense-offset", "2"),
        Map.entry("checksums", "false"), Map.entry("seed", "9")));
    assertEquals(CategoricalMode.HASHING, options.mode());
    assertEquals(1000, options.maxIndRange());
    assertEquals(SplitMode.RANDOM, options.split());
    assertEquals(32L << 20, options.rowGroupBytes());
    assertEquals(2.0, options.denseOffset());
    assertEquals(false, options.checksums());
    assertEquals(9, options.seed());
    assertEquals(1, GenerateOptions.fromFlags(Map.of("out", "x")).effectiveFiles());
    assertEquals(10, GenerateOptions.fromFlags(Map.of("out", "x", "rows", "10000000"))
        .effectiveFiles());
  }
}
