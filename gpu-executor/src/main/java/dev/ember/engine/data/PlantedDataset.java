package dev.ember.engine.data;

/**
 * Generated samples with the true logit of each ({@code trueLogits[i]}, before the Bernoulli draw) and the
 * Bayes-optimal AUC on these samples: the AUC of the true probabilities, which no model can beat in expectation.
 */
public record PlantedDataset(ColumnarData data, float[] trueLogits, double bayesOptimalAuc) {
}
