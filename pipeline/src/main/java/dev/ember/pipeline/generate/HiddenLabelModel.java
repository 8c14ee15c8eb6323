package dev.ember.pipeline.generate;

import dev.ember.pipeline.criteo.CriteoFormat;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hidden model that labels synthetic lines: a logistic model with
 * <ul>
 *   <li>a per-value effect for every categorical value (missing is a value of its own):
 *       {@code columnWeight[c] * N(0,1)} drawn from (seed, column, rank);</li>
 *   <li>a linear effect of every standardized dense feature {@code (log1p(max(x,0)) - mu) / sigma};</li>
 *   <li>pairwise interactions between a few column pairs as dot products of per-value factor
 *       vectors, the structure DLRM's dot interaction can represent.</li>
 * </ul>
 * The bias is calibrated so the mean click probability matches the target positive rate.
 */
final class HiddenLabelModel implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Scale of per-value effects; with the two below it sets the Bayes AUC near 0.78. */
  static final double VALUE_EFFECT = 0.26;
  static final double DENSE_EFFECT = 0.14;
  static final double INTERACTION_EFFECT = 0.34;
  static final int FACTORS = 3;
  static final int[][] PAIRS = {{0, 1}, {2, 12}, {4, 9}, {5, 14}, {7, 17}, {10, 23}};

  private final long seed;
  private final double[] columnWeights = new double[CriteoFormat.NUM_CATEGORICAL];
  private final double[] denseWeights = new double[CriteoFormat.NUM_DENSE];
  private double bias;

  HiddenLabelModel(long seed) {
    this.seed = seed;
    for (int c = 0; c < columnWeights.length; c++) {
      columnWeights[c] = VALUE_EFFECT
          * (0.3 + 0.7 * CounterRandom.uniform(CounterRandom.hash(seed, 4, c, 0)));
    }
    for (int j = 0; j < denseWeights.length; j++) {
      denseWeights[j] = DENSE_EFFECT * CounterRandom.gaussian(seed, 5, j, 0);
    }
  }

  /** Logit without the bias; ranks are -1 for missing, dense values standardized by the caller. */
  double logitWithoutBias(int[] ranks, double[] standardizedDense) {
    double logit = 0;
    for (int c = 0; c < ranks.length; c++) {
      logit += columnWeights[c] * CounterRandom.gaussian(seed, 1, c, ranks[c]);
    }
    for (int j = 0; j < standardizedDense.length; j++) {
      logit += denseWeights[j] * standardizedDense[j];
    }
    double scale = INTERACTION_EFFECT / Math.sqrt(FACTORS);
    for (int p = 0; p < PAIRS.length; p++) {
      int left = PAIRS[p][0];
      int right = PAIRS[p][1];
      double dot = 0;
      for (int k = 0; k < FACTORS; k++) {
        dot += CounterRandom.gaussian(seed, 2, left * 16 + k, ranks[left])
            * CounterRandom.gaussian(seed, 3, right * 16 + k, ranks[right]);
      }
      logit += scale * dot;
    }
    return logit;
  }

  /** Click probability of a line. */
  double probability(double logitWithoutBias) {
    return 1.0 / (1.0 + Math.exp(-(bias + logitWithoutBias)));
  }

  /** Sets the bias so the mean probability over {@code sampleLogits} equals {@code target}. */
  void calibrate(double[] sampleLogits, double target) {
    double low = -20;
    double high = 20;
    for (int iteration = 0; iteration < 60; iteration++) {
      bias = (low + high) / 2;
      double mean = 0;
      for (double logit : sampleLogits) {
        mean += probability(logit);
      }
      if (mean / sampleLogits.length > target) {
        high = bias;
      } else {
        low = bias;
      }
    }
  }

  /** A description for generator.json. */
  Map<String, Object> describe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("form", "logit = bias + sum_c w_c*N(0,1)[c,value] + sum_j b_j*standardized "
        + "log1p(I_j) + sum_pairs (" + INTERACTION_EFFECT + "/sqrt(" + FACTORS + ")) * "
        + "<u[a,value_a], v[b,value_b]>");
    description.put("bias", bias);
    description.put("columnWeights", columnWeights.clone());
    description.put("denseWeights", denseWeights.clone());
    List<String> pairs = new ArrayList<>();
    for (int[] pair : PAIRS) {
      pairs.add(CriteoFormat.categoricalName(pair[0]) + "x"
          + CriteoFormat.categoricalName(pair[1]));
    }
    description.put("interactionPairs", pairs);
    description.put("interactionFactors", FACTORS);
    return description;
  }
}
