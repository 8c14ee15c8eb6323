package dev.ember.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactAucTest {

    /** O(n^2) definition: pairs (positive, negative) won, ties counting one half. */
    private static double bruteForce(float[] scores, float[] labels) {
        double won = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] == 1 && labels[j] == 0) {
                    pairs++;
                    won += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return won / pairs;
    }

    @Test
    void matchesPairCountingWithManyTies() {
        Random random = new Random(3);
        float[] scores = new float[500];
        float[] labels = new float[500];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextInt(20) - 10; // heavy ties, negative and positive values
            labels[i] = random.nextDouble() < 0.3 + 0.02 * scores[i] ? 1 : 0;
        }
        scores[0] = -0.0f;
        scores[1] = 0.0f;
        assertEquals(bruteForce(scores, labels), ExactAuc.compute(scores, labels, scores.length), 1e-12);
    }

    @Test
    void handExamples() {
        assertEquals(1.0, ExactAuc.compute(new float[] {0.1f, 0.9f}, new float[] {0, 1}, 2));
        assertEquals(0.0, ExactAuc.compute(new float[] {0.9f, 0.1f}, new float[] {0, 1}, 2));
        assertEquals(0.5, ExactAuc.compute(new float[] {0.5f, 0.5f}, new float[] {0, 1}, 2));
        // positives at 0.8, 0.4; negatives at 0.6, 0.4: wins 1 + 1 + 0 + 0.5 = 2.5 of 4
        assertEquals(0.625, ExactAuc.compute(new float[] {0.8f, 0.6f, 0.4f, 0.4f}, new float[] {1, 0, 1, 0}, 4));
        assertTrue(Double.isNaN(ExactAuc.compute(new float[] {0.2f, 0.3f}, new float[] {1, 1}, 2)));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> ExactAuc.compute(new float[] {Float.NaN}, new float[] {1}, 1));
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
                () -> ExactAuc.compute(new float[] {0.5f}, new float[] {0.5f}, 1));
        assertEquals("Label 0 is 0.5, expected 0 or 1", label.getMessage());
    }

    @Test
    void accumulatorComputesAllMetrics() {
        MetricsAccumulator accumulator = new MetricsAccumulator();
        float[] logits = {2.0f, -1.0f, 0.5f, -3.0f};
        float[] labels = {1, 0, 0, 1};
        accumulator.add(logits, 0, labels, 0, 2);
        accumulator.add(logits, 2, labels, 2, 2);
        EvaluationMetrics metrics = accumulator.result();
        assertEquals(4, metrics.count());
        assertEquals(0.5, metrics.auc(), 1e-12); // positives 2.0 (beats both), -3.0 (beats none)
        double expectedLoss = 0;
        double predicted = 0;
        for (int i = 0; i < 4; i++) {
            double p = 1 / (1 + Math.exp(-logits[i]));
            predicted += p;
            expectedLoss -= labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p);
        }
        assertEquals(expectedLoss / 4, metrics.logLoss(), 1e-12);
        assertEquals(0.5, metrics.accuracy()); // 2.0 -> 1 right, -1 -> 0 right, 0.5 -> 1 wrong, -3 -> 0 wrong
        assertEquals(predicted / 4, metrics.meanPredicted(), 1e-12);
        assertEquals(0.5, metrics.observedCtr());
    }
}
