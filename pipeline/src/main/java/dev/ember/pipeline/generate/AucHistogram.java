package dev.ember.pipeline.generate;

import java.io.Serializable;

/**
 * Binned AUC of the true click probability. Two figures: the expected AUC over the label draw
 * (each line counts p as positive mass and 1 - p as negative mass), which is the Bayes-optimal
 * AUC of the generating distribution, and the AUC of p against the labels actually drawn.
 * Probabilities are binned into 2^16 equal bins; ties within a bin count half.
 */
public final class AucHistogram implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int BINS = 1 << 16;

  private final double[] positiveMass = new double[BINS];
  private final double[] negativeMass = new double[BINS];
  private final long[] positives = new long[BINS];
  private final long[] negatives = new long[BINS];

  /** Adds one line. */
  public void add(double probability, int label) {
    int bin = (int) Math.min(BINS - 1, Math.max(0, probability * BINS));
    positiveMass[bin] += probability;
    negativeMass[bin] += 1 - probability;
    if (label == 1) {
      positives[bin]++;
    } else {
      negatives[bin]++;
    }
  }

  /** Adds another histogram into this one and returns this. */
  public AucHistogram merge(AucHistogram other) {
    for (int i = 0; i < BINS; i++) {
      positiveMass[i] += other.positiveMass[i];
      negativeMass[i] += other.negativeMass[i];
      positives[i] += other.positives[i];
      negatives[i] += other.negatives[i];
    }
    return this;
  }

  /** Expected AUC of the true probability (the Bayes-optimal AUC). */
  public double expectedAuc() {
    return auc(positiveMass, negativeMass);
  }

  /** AUC of the true probability against the drawn labels. */
  public double drawnAuc() {
    double[] positive = new double[BINS];
    double[] negative = new double[BINS];
    for (int i = 0; i < BINS; i++) {
      positive[i] = positives[i];
      negative[i] = negatives[i];
    }
    return auc(positive, negative);
  }

  private static double auc(double[] positive, double[] negative) {
    double negativeBelow = 0;
    double area = 0;
    double positiveTotal = 0;
    for (int i = 0; i < BINS; i++) {
      area += positive[i] * (negativeBelow + 0.5 * negative[i]);
      negativeBelow += negative[i];
      positiveTotal += positive[i];
    }
    return positiveTotal == 0 || negativeBelow == 0 ? 0.5 : area / (positiveTotal * negativeBelow);
  }
}
