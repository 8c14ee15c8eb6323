package dev.ember.engine.metrics;

import dev.ember.engine.model.BinaryCrossEntropy;

import java.util.Arrays;

/**
 * Streams predictions batch by batch and computes {@link EvaluationMetrics}. Logits are kept (4 bytes per
 * sample, plus the label) so the AUC is exact; the AUC ranks by logit, which orders samples exactly as the
 * exact probabilities do (float probabilities would tie near 0 and 1).
 */
public final class MetricsAccumulator {
    private float[] logits = new float[1024];
    private float[] labels = new float[1024];
    private int count;
    private double lossSum;
    private double predictedSum;
    private double labelSum;
    private long correct;

    /** Adds {@code count} samples: {@code logits[offset + i]} and {@code labels[labelOffset + i]}. */
    public void add(float[] batchLogits, int offset, float[] batchLabels, int labelOffset, int batchCount) {
        if (batchCount < 0 || offset + batchCount > batchLogits.length || labelOffset + batchCount > batchLabels.length) {
            throw new IllegalArgumentException("Cannot add " + batchCount + " samples from logits[" + batchLogits.length
                    + "] at " + offset + " and labels[" + batchLabels.length + "] at " + labelOffset);
        }
        ensureCapacity(count + batchCount);
        for (int i = 0; i < batchCount; i++) {
            float logit = batchLogits[offset + i];
            float label = batchLabels[labelOffset + i];
            if (Float.isNaN(logit)) {
                throw new IllegalArgumentException("Logit of sample " + (count + i) + " is NaN");
            }
            double probability = BinaryCrossEntropy.sigmoid(logit);
            lossSum += BinaryCrossEntropy.loss(logit, label);
            predictedSum += probability;
            labelSum += label;
            if ((logit > 0.0f ? 1.0f : 0.0f) == label) {
                correct++;
            }
            logits[count + i] = logit;
            labels[count + i] = label;
        }
        count += batchCount;
    }

    private void ensureCapacity(long needed) {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("MetricsAccumulator holds at most " + (Integer.MAX_VALUE - 8)
                    + " samples, asked for " + needed);
        }
        if (needed > logits.length) {
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * logits.length));
            logits = Arrays.copyOf(logits, capacity);
            labels = Arrays.copyOf(labels, capacity);
        }
    }

    public long count() {
        return count;
    }

    public EvaluationMetrics result() {
        if (count == 0) {
            return new EvaluationMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double auc = ExactAuc.compute(logits, labels, count);
        return new EvaluationMetrics(count, auc, lossSum / count, (double) correct / count,
                predictedSum / count, labelSum / count);
    }
}
