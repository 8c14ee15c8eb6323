package dev.ember.pipeline.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.criteo.ParsedRow;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticCriteoTest {
  private static final int LINES = 100_000;

  @Test
  void bayesAucAndPositiveRateAreCriteoLike() {
    SyntheticCriteo data = new SyntheticCriteo(42, 0.001, 0.25);
    AucHistogram auc = new AucHistogram();
    ParsedRow row = new ParsedRow();
    int[] ranks = new int[CriteoFormat.NUM_CATEGORICAL];
    double[] standardized = new double[CriteoFormat.NUM_DENSE];
    long positives = 0;
    double probabilitySum = 0;
    for (long i = 0; i < LINES; i++) {
      double probability = data.generate(i, row, ranks, standardized);
      auc.add(probability, row.label);
      positives += row.label;
      probabilitySum += probability;
    }
    double positiveRate = (double) positives / LINES;
    System.out.printf("bayes %.4f drawn %.4f positive %.4f mean p %.4f%n", auc.expectedAuc(),
        auc.drawnAuc(), positiveRate, probabilitySum / LINES);
    assertTrue(auc.expectedAuc() > 0.75 && auc.expectedAuc() < 0.80,
        "Bayes AUC " + auc.expectedAuc() + " outside [0.75, 0.80]");
    assertEquals(0.25, probabilitySum / LINES, 0.01, "mean probability");
    assertEquals(0.25, positiveRate, 0.01, "drawn positive rate");
    assertEquals(auc.expectedAuc(), auc.drawnAuc(), 0.01, "drawn AUC close to expected");
  }

  @Test
  void linesArePureFunctionsOfSeedAndIndex() {
    SyntheticCriteo first = new SyntheticCriteo(7, 0.001, 0.25);
    SyntheticCriteo second = new SyntheticCriteo(7, 0.001, 0.25);
    ParsedRow a = new ParsedRow();
    ParsedRow b = new ParsedRow();
    int[] ranks = new int[CriteoFormat.NUM_CATEGORICAL];
    double[] standardized = new double[CriteoFormat.NUM_DENSE];
    for (long i : new long[] {0, 5, 123_456_789L}) {
      double p = first.generate(i, a, ranks, standardized);
      double q = second.generate(i, b, ranks, standardized);
      assertEquals(p, q);
      assertEquals(a.label, b.label);
      assertArrayEquals(a.categorical, b.categorical);
      assertArrayEquals(a.dense, b.dense);
    }
  }

  @Test
  void hexValuesAreDistinctPerRankAndCardinalitiesScale() {
    SyntheticCriteo data = new SyntheticCriteo(1, 0.001, 0.25);
    Set<Integer> values = new HashSet<>();
    for (int rank = 0; rank < 100_000; rank++) {
      values.add(data.hexValue(2, rank));
    }
    assertEquals(100_000, values.size());
    int[] sizes = SyntheticCriteo.scaledCardinalities(0.001);
    assertEquals(10131, sizes[2]);
    assertEquals(3, sizes[8]);
    assertEquals(100, sizes[0]);
    assertArrayEquals(CriteoFormat.kaggleCardinalities(), SyntheticCriteo.scaledCardinalities(1));
  }

  @Test
  void zipfRanksStayInRangeAndFavourLowRanks() {
    int low = 0;
    for (int i = 0; i < 10_000; i++) {
      int rank = SyntheticCriteo.zipfRank((i + 0.5) / 10_000, 1000, 1.1);
      assertTrue(rank >= 0 && rank < 1000, "rank " + rank);
      if (rank < 10) {
        low++;
      }
    }
    assertTrue(low > 3000, "ranks below 10 drawn " + low + " times of 10000");
  }
}
