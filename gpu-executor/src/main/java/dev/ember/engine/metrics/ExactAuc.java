package dev.ember.engine.metrics;

import java.util.Arrays;

/**
 * Exact area under the ROC curve: the probability that a random positive scores above a random negative,
 * ties counting one half (the Mann-Whitney statistic with averaged ranks, as Spark MLlib's
 * {@code BinaryClassificationMetrics.areaUnderROC} computes it without binning).
 */
public final class ExactAuc {
    private ExactAuc() {
    }

    /**
     * @param scores any monotone score (logits or probabilities); NaN is rejected
     * @param labels 0 or 1
     * @return the AUC, or NaN when there are no positives or no negatives
     */
    public static double compute(float[] scores, float[] labels, int count) {
        if (count < 0 || count > scores.length || count > labels.length) {
            throw new IllegalArgumentException("count " + count + " outside scores[" + scores.length
                    + "] / labels[" + labels.length + "]");
        }
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            float score = scores[i];
            if (Float.isNaN(score)) {
                throw new IllegalArgumentException("Score " + i + " is NaN");
            }
            float label = labels[i];
            if (label != 0.0f && label != 1.0f) {
                throw new IllegalArgumentException("Label " + i + " is " + label + ", expected 0 or 1");
            }
            keys[i] = ((long) sortableBits(score) << 1) | (label == 1.0f ? 1L : 0L);
        }
        Arrays.sort(keys);
        return fromSortedKeys(keys);
    }

    /** Maps a float to an int whose signed order is the float order, with -0 and +0 equal. */
    static int sortableBits(float value) {
        int bits = Float.floatToIntBits(value + 0.0f);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }

    private static double fromSortedKeys(long[] keys) {
        double pairsWon = 0.0;
        long negativesBelow = 0;
        long positives = 0;
        int i = 0;
        while (i < keys.length) {
            long score = keys[i] >> 1;
            long groupPositives = 0;
            long groupNegatives = 0;
            while (i < keys.length && keys[i] >> 1 == score) {
                if ((keys[i] & 1L) == 1L) {
                    groupPositives++;
                } else {
                    groupNegatives++;
                }
                i++;
            }
            pairsWon += groupPositives * (negativesBelow + 0.5 * groupNegatives);
            negativesBelow += groupNegatives;
            positives += groupPositives;
        }
        if (positives == 0 || negativesBelow == 0) {
            return Double.NaN;
        }
        return pairsWon / ((double) positives * negativesBelow);
    }
}
