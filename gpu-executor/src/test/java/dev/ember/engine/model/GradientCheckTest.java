package dev.ember.engine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Central finite differences against the analytic gradients of every layer and of the whole model. */
class GradientCheckTest {
    private static final double EPSILON = 1e-3;

    private static float[] randomArray(Random random, int length, double scale) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static void assertClose(double numeric, double analytic, String what) {
        double tolerance = 2e-3 + 2e-2 * Math.max(Math.abs(numeric), Math.abs(analytic));
        assertTrue(Math.abs(numeric - analytic) <= tolerance,
                what + ": finite difference " + numeric + " vs analytic " + analytic);
    }

    /** Weighted sum of outputs: a linear loss whose output gradient is {@code weights}. */
    private static double weightedSum(float[] output, float[] weights, int count) {
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            sum += (double) output[i] * weights[i];
        }
        return sum;
    }

    @ParameterizedTest
    @ValueSource(strings = {"5-4", "5-7-3", "3-6-6-2"})
    void mlpGradientsMatchFiniteDifferences(String sizesText) {
        LayerSizes sizes = LayerSizes.parse(sizesText, "test");
        Mlp mlp = new Mlp(sizes, 3, Activation.RELU);
        Random random = new Random(7);
        int rows = 4;
        float[] params = randomArray(random, mlp.endOffset(), 0.7);
        float[] input = randomArray(random, 2 + rows * sizes.inputSize(), 1.0);
        float[] lossWeights = randomArray(random, rows * sizes.outputSize(), 1.0);
        float[][] outputs = buffers(mlp, rows);
        float[][] grads = buffers(mlp, rows);
        mlp.forward(params, input, 2, rows, outputs);
        System.arraycopy(lossWeights, 0, grads[grads.length - 1], 0, lossWeights.length);
        float[] paramGrads = new float[params.length];
        float[] inputGrad = new float[rows * sizes.inputSize()];
        mlp.backward(params, input, 2, rows, outputs, grads, paramGrads, inputGrad);
        for (int p = 3; p < params.length; p++) {
            float saved = params[p];
            params[p] = (float) (saved + EPSILON);
            mlp.forward(params, input, 2, rows, outputs);
            double plus = weightedSum(outputs[outputs.length - 1], lossWeights, lossWeights.length);
            params[p] = (float) (saved - EPSILON);
            mlp.forward(params, input, 2, rows, outputs);
            double minus = weightedSum(outputs[outputs.length - 1], lossWeights, lossWeights.length);
            params[p] = saved;
            assertClose((plus - minus) / (2 * EPSILON), paramGrads[p], sizesText + " parameter " + p);
        }
        for (int i = 0; i < inputGrad.length; i++) {
            float saved = input[2 + i];
            input[2 + i] = (float) (saved + EPSILON);
            mlp.forward(params, input, 2, rows, outputs);
            double plus = weightedSum(outputs[outputs.length - 1], lossWeights, lossWeights.length);
            input[2 + i] = (float) (saved - EPSILON);
            mlp.forward(params, input, 2, rows, outputs);
            double minus = weightedSum(outputs[outputs.length - 1], lossWeights, lossWeights.length);
            input[2 + i] = saved;
            assertClose((plus - minus) / (2 * EPSILON), inputGrad[i], sizesText + " input " + i);
        }
    }

    private static float[][] buffers(Mlp mlp, int rows) {
        float[][] result = new float[mlp.layers().size()][];
        for (int l = 0; l < result.length; l++) {
            result[l] = new float[rows * mlp.layers().get(l).outputSize()];
        }
        return result;
    }

    @ParameterizedTest
    @CsvSource({"false, 4", "true, 4", "false, 16", "true, 16", "true, 32"})
    void interactionGradientsMatchFiniteDifferences(boolean self, int dim) {
        int numTables = 3;
        int rows = 2;
        DotInteraction interaction = new DotInteraction(numTables, dim, self);
        Random random = new Random(11);
        float[] bottom = randomArray(random, rows * dim, 1.0);
        float[] pooled = randomArray(random, rows * numTables * dim, 1.0);
        float[] lossWeights = randomArray(random, rows * interaction.outputSize(), 1.0);
        float[] output = new float[rows * interaction.outputSize()];
        float[] bottomGrad = new float[bottom.length];
        float[] pooledGrad = new float[pooled.length];
        interaction.forward(bottom, pooled, 0, rows, output);
        interaction.backward(bottom, pooled, 0, rows, lossWeights, bottomGrad, pooledGrad);
        for (float[][] pair : new float[][][] {{bottom, bottomGrad}, {pooled, pooledGrad}}) {
            float[] values = pair[0];
            for (int i = 0; i < values.length; i++) {
                float saved = values[i];
                values[i] = (float) (saved + EPSILON);
                interaction.forward(bottom, pooled, 0, rows, output);
                double plus = weightedSum(output, lossWeights, output.length);
                values[i] = (float) (saved - EPSILON);
                interaction.forward(bottom, pooled, 0, rows, output);
                double minus = weightedSum(output, lossWeights, output.length);
                values[i] = saved;
                assertClose((plus - minus) / (2 * EPSILON), pair[1][i], "interaction input " + i);
            }
        }
    }

    @Test
    void binaryCrossEntropyGradientIsSigmoidMinusLabel() {
        float[] logits = {-3.0f, -0.2f, 0.0f, 0.7f, 4.0f};
        float[] labels = {0, 1, 1, 0, 1};
        float[] grads = new float[logits.length];
        double sum = BinaryCrossEntropy.lossAndGradient(logits, labels, 0, logits.length, 1.0f, grads);
        double expectedSum = 0;
        for (int i = 0; i < logits.length; i++) {
            double plus = BinaryCrossEntropy.loss(logits[i] + EPSILON, labels[i]);
            double minus = BinaryCrossEntropy.loss(logits[i] - EPSILON, labels[i]);
            assertEquals((plus - minus) / (2 * EPSILON), grads[i], 1e-6, "logit " + i);
            double p = 1 / (1 + Math.exp(-logits[i]));
            expectedSum += -(labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p));
        }
        assertEquals(expectedSum, sum, 1e-9);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void wholeModelGradientsMatchFiniteDifferences(boolean self) {
        int numTables = 3;
        int dim = 4;
        int batch = 5;
        DlrmModel model = new DlrmModel(LayerSizes.parse("6-8-4", "bottom"), new int[] {8, 1}, numTables, dim, self);
        model.initialize(3);
        Random random = new Random(5);
        float[] dense = randomArray(random, batch * 6, 1.0);
        float[] pooled = randomArray(random, batch * numTables * dim, 0.5);
        float[] labels = {1, 0, 0, 1, 1};
        DlrmWorkspace workspace = new DlrmWorkspace(model, batch);
        float[] pooledGrad = new float[pooled.length];
        model.forwardBackward(workspace, dense, labels, pooled, 0, batch, batch, pooledGrad);
        float[] paramGrads = workspace.gradients().clone();
        float[] params = model.parameters();
        for (int p = 0; p < params.length; p++) {
            float saved = params[p];
            params[p] = (float) (saved + EPSILON);
            double plus = meanLoss(model, workspace, dense, labels, pooled, batch);
            params[p] = (float) (saved - EPSILON);
            double minus = meanLoss(model, workspace, dense, labels, pooled, batch);
            params[p] = saved;
            assertClose((plus - minus) / (2 * EPSILON), paramGrads[p], "dense parameter " + p);
        }
        for (int i = 0; i < pooled.length; i++) {
            float saved = pooled[i];
            pooled[i] = (float) (saved + EPSILON);
            double plus = meanLoss(model, workspace, dense, labels, pooled, batch);
            pooled[i] = (float) (saved - EPSILON);
            double minus = meanLoss(model, workspace, dense, labels, pooled, batch);
            pooled[i] = saved;
            assertClose((plus - minus) / (2 * EPSILON), pooledGrad[i], "pooled " + i);
        }
    }

    static double meanLoss(DlrmModel model, DlrmWorkspace workspace, float[] dense, float[] labels, float[] pooled,
                           int batch) {
        float[] logits = new float[batch];
        model.predict(workspace, dense, pooled, 0, batch, logits);
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            sum += BinaryCrossEntropy.loss(logits[b], labels[b]);
        }
        return sum / batch;
    }
}
