package dev.ember.engine.optim;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Two steps of each optimizer against the formulas of PyTorch's implementations, computed in double. */
class DenseOptimizerTest {
    private static final float[] GRAD1 = {0.5f, -2.0f, 0.0f};
    private static final float[] GRAD2 = {0.25f, 1.0f, -0.1f};

    private static float[] twoSteps(DenseOptimizer optimizer, float lr) {
        float[] params = {1.0f, -1.0f, 0.5f};
        optimizer.beginStep();
        optimizer.update(params, GRAD1, lr, 0, 3);
        optimizer.beginStep();
        optimizer.update(params, GRAD2, lr, 0, 2);
        optimizer.update(params, GRAD2, lr, 2, 3);
        return params;
    }

    @Test
    void sgd() {
        float[] params = twoSteps(new SgdOptimizer(), 0.1f);
        assertArrayEquals(new float[] {1.0f - 0.05f - 0.025f, -1.0f + 0.2f - 0.1f, 0.5f + 0.01f}, params, 1e-6f);
    }

    @Test
    void adagrad() {
        float[] params = twoSteps(new AdagradOptimizer(3), 0.1f);
        double[] expected = {1.0, -1.0, 0.5};
        double[] sums = new double[3];
        for (float[] grad : new float[][] {GRAD1, GRAD2}) {
            for (int i = 0; i < 3; i++) {
                sums[i] += grad[i] * grad[i];
                expected[i] -= 0.1 * grad[i] / (Math.sqrt(sums[i]) + 1e-10);
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], params[i], 1e-6, "parameter " + i);
        }
    }

    @Test
    void adam() {
        float[] params = twoSteps(new AdamOptimizer(3), 0.01f);
        double[] expected = {1.0, -1.0, 0.5};
        double[] m = new double[3];
        double[] v = new double[3];
        int t = 0;
        for (float[] grad : new float[][] {GRAD1, GRAD2}) {
            t++;
            for (int i = 0; i < 3; i++) {
                m[i] = 0.9 * m[i] + 0.1 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                expected[i] -= 0.01 / (1 - Math.pow(0.9, t)) * m[i] / denominator;
            }
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], params[i], 1e-6, "parameter " + i);
        }
    }

    @Test
    void stateRoundTripsAndContinuesIdentically() throws IOException {
        for (DenseOptimizerType type : DenseOptimizerType.values()) {
            DenseOptimizer original = type.create(3);
            float[] params = {1, 2, 3};
            original.beginStep();
            original.update(params, GRAD1, 0.1f, 0, 3);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            original.writeState(new DataOutputStream(bytes));
            DenseOptimizer restored = type.create(3);
            restored.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            float[] a = params.clone();
            float[] b = params.clone();
            original.beginStep();
            original.update(a, GRAD2, 0.1f, 0, 3);
            restored.beginStep();
            restored.update(b, GRAD2, 0.1f, 0, 3);
            assertArrayEquals(a, b, type + " after restore");
        }
    }

    @Test
    void rejectsStateOfAnotherOptimizer() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AdamOptimizer(3).writeState(new DataOutputStream(bytes));
        IOException e = assertThrows(IOException.class, () -> new AdagradOptimizer(3)
                .readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals("Optimizer state is for ADAM, but this run uses ADAGRAD", e.getMessage());
        IllegalArgumentException parse = assertThrows(IllegalArgumentException.class,
                () -> DenseOptimizerType.parse("lamb", "--dense-optimizer"));
        assertEquals("Invalid dense optimizer 'lamb' in --dense-optimizer: expected one of [sgd, adagrad, adam]",
                parse.getMessage());
    }
}
