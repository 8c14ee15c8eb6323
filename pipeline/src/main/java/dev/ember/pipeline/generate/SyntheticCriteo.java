package dev.ember.pipeline.generate;

import dev.ember.pipeline.criteo.CriteoFormat;
import dev.ember.pipeline.criteo.ParsedRow;
import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Kaggle-shaped synthetic lines. Categorical ranks follow a bounded Zipf law per column (rank 0
 * most frequent) and are written as 8 hex digits through a per-column bijection; dense values
 * are log-normal counts; missing rates and dense medians follow the real Kaggle rows.
 */
public final class SyntheticCriteo implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Columns with at most this many values keep their Kaggle cardinality when scaled. */
  public static final int SMALL_COLUMN = 100;
  private static final double[] DENSE_MISSING = {0.45, 0.0, 0.21, 0.22, 0.04, 0.24, 0.04, 0.001,
    0.04, 0.45, 0.04, 0.77, 0.22};
  private static final double[] DENSE_LOG_MEDIAN = {0.7, 1.1, 2.1, 1.6, 7.8, 3.7, 1.4, 2.2, 3.8,
    0.7, 0.7, 0.1, 1.8};
  private static final double[] DENSE_LOG_SPREAD = {1.2, 2.6, 1.5, 1.1, 2.0, 1.7, 1.6, 1.1, 1.5,
    0.5, 0.9, 0.9, 1.2};
  /** Share of negative I2 values (-1 or -2), as in the real rows. */
  private static final double I2_NEGATIVE = 0.11;
  private static final double[] CATEGORICAL_MISSING = {0, 0, 0.033, 0.033, 0, 0.13, 0, 0, 0, 0,
    0, 0.033, 0, 0, 0, 0.033, 0, 0, 0.45, 0.45, 0.033, 0.79, 0, 0.033, 0.45, 0.45};
  private static final int CALIBRATION_LINES = 20_000;

  private final long seed;
  private final int[] cardinalities;
  private final double[] zipfExponents = new double[CriteoFormat.NUM_CATEGORICAL];
  private final int[] hexSalts = new int[CriteoFormat.NUM_CATEGORICAL];
  private final HiddenLabelModel model;

  /** Builds the generator and calibrates the label model's bias to {@code positiveRate}. */
  public SyntheticCriteo(long seed, double scale, double positiveRate) {
    this.seed = seed;
    this.cardinalities = scaledCardinalities(scale);
    for (int c = 0; c < zipfExponents.length; c++) {
      zipfExponents[c] = 1.05 + 0.2 * CounterRandom.uniform(CounterRandom.hash(seed, 6, c, 0));
      hexSalts[c] = (int) CounterRandom.hash(seed, 7, c, 0);
    }
    this.model = new HiddenLabelModel(seed);
    double[] logits = new double[CALIBRATION_LINES];
    int[] ranks = new int[CriteoFormat.NUM_CATEGORICAL];
    ParsedRow row = new ParsedRow();
    double[] standardized = new double[CriteoFormat.NUM_DENSE];
    for (int i = 0; i < logits.length; i++) {
      SplittableRandom random = randomOf(Long.MAX_VALUE - i);
      sampleFeatures(random, ranks, row);
      logits[i] = model.logitWithoutBias(ranks, standardize(row, standardized));
    }
    model.calibrate(logits, positiveRate);
  }

  /** Kaggle cardinalities scaled: columns above 100 values get max(100, round(c x scale)). */
  public static int[] scaledCardinalities(double scale) {
    int[] sizes = CriteoFormat.kaggleCardinalities();
    for (int c = 0; c < sizes.length; c++) {
      if (sizes[c] > SMALL_COLUMN) {
        sizes[c] = (int) Math.max(SMALL_COLUMN, Math.round(sizes[c] * scale));
      }
    }
    return sizes;
  }

  /**
   * Generates line {@code index}: fills {@code row} (label, dense, hex categorical values) and
   * returns the true click probability the label was drawn from.
   */
  public double generate(long index, ParsedRow row, int[] ranks, double[] standardized) {
    SplittableRandom random = randomOf(index);
    sampleFeatures(random, ranks, row);
    double probability = model.probability(model.logitWithoutBias(ranks,
        standardize(row, standardized)));
    row.label = random.nextDouble() < probability ? 1 : 0;
    for (int c = 0; c < ranks.length; c++) {
      row.categoricalMissing[c] = ranks[c] < 0;
      row.categorical[c] = ranks[c] < 0 ? 0 : hexValue(c, ranks[c]);
    }
    return probability;
  }

  private SplittableRandom randomOf(long index) {
    return new SplittableRandom(CounterRandom.hash(seed, 8, index, 0));
  }

  private void sampleFeatures(SplittableRandom random, int[] ranks, ParsedRow row) {
    for (int j = 0; j < CriteoFormat.NUM_DENSE; j++) {
      row.denseMissing[j] = random.nextDouble() < DENSE_MISSING[j];
      double gaussian = gaussian(random);
      long value = (long) Math.floor(
          Math.exp(DENSE_LOG_MEDIAN[j] + DENSE_LOG_SPREAD[j] * gaussian));
      row.dense[j] = row.denseMissing[j] ? 0 : Math.max(0, value - 1);
      if (j == 1 && random.nextDouble() < I2_NEGATIVE) {
        row.dense[j] = -1 - random.nextInt(2);
      }
    }
    for (int c = 0; c < CriteoFormat.NUM_CATEGORICAL; c++) {
      boolean missing = random.nextDouble() < CATEGORICAL_MISSING[c];
      ranks[c] = missing ? -1 : zipfRank(random.nextDouble(), cardinalities[c], zipfExponents[c]);
    }
  }

  private static double[] standardize(ParsedRow row, double[] standardized) {
    for (int j = 0; j < standardized.length; j++) {
      standardized[j] = row.denseMissing[j] ? 0
          : (Math.log1p(Math.max(0, row.dense[j])) - DENSE_LOG_MEDIAN[j]) / DENSE_LOG_SPREAD[j];
    }
    return standardized;
  }

  /** Bounded Zipf: inverts the continuous power law on [1, n + 1); rank 0 is the most frequent. */
  static int zipfRank(double uniform, int size, double exponent) {
    double oneMinus = 1.0 - exponent;
    double x = Math.pow(1.0 + uniform * (Math.pow(size + 1.0, oneMinus) - 1.0), 1.0 / oneMinus);
    return (int) Math.min(size - 1, Math.max(0, (long) x - 1));
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** A bijection of 32-bit ranks, so distinct ranks of a column get distinct hex values. */
  int hexValue(int column, int rank) {
    int x = rank ^ hexSalts[column];
    x *= 0x7FEB352D;
    x ^= x >>> 15;
    x *= 0x846CA68B;
    x ^= x >>> 16;
    return x;
  }

  /** Cardinalities of the generated columns. */
  public int[] cardinalities() {
    return cardinalities.clone();
  }

  /** Zipf exponents of the categorical columns. */
  public double[] zipfExponents() {
    return zipfExponents.clone();
  }

  /** Missing rates of the dense columns. */
  public static double[] denseMissingRates() {
    return DENSE_MISSING.clone();
  }

  /** Missing rates of the categorical columns. */
  public static double[] categoricalMissingRates() {
    return CATEGORICAL_MISSING.clone();
  }

  /** Description of the hidden label model. */
  public java.util.Map<String, Object> labelModel() {
    return model.describe();
  }
}
