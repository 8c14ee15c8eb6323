package dev.ember.engine.model;

/**
 * Sigmoid followed by binary cross-entropy, computed from the logit in the numerically stable form
 * {@code max(z, 0) - y z + log(1 + exp(-|z|))}; equal to the reference's {@code BCELoss(sigmoid(z), y)}.
 */
public final class BinaryCrossEntropy {
    private BinaryCrossEntropy() {
    }

    /** Loss of one sample (natural log). */
    public static double loss(double logit, double label) {
        return Math.max(logit, 0.0) - label * logit + Math.log1p(Math.exp(-Math.abs(logit)));
    }

    public static double sigmoid(double logit) {
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    /**
     * Sums the loss of {@code rows} samples and writes {@code (sigmoid(z) - y) * gradientScale} to
     * {@code logitGrad[r]} (the scale is {@code 1 / batchSize} for the reference's mean reduction).
     */
    public static double lossAndGradient(float[] logits, float[] labels, int labelOffset, int rows,
                                         float gradientScale, float[] logitGrad) {
        double sum = 0.0;
        for (int r = 0; r < rows; r++) {
            double z = logits[r];
            double y = labels[labelOffset + r];
            sum += loss(z, y);
            logitGrad[r] = (float) ((sigmoid(z) - y) * gradientScale);
        }
        return sum;
    }
}
