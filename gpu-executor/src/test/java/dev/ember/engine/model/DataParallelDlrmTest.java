package dev.ember.engine.model;

import dev.ember.engine.optim.DenseOptimizerType;
import dev.ember.engine.parallel.WorkerPool;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DataParallelDlrmTest {
    private static final int TABLES = 3;
    private static final int DIM = 4;

    private static float[] random(Random random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Five Adam steps on batches of 300 (5 lanes); returns parameters followed by the last pooled gradient. */
    private static float[] train(int threads) {
        DlrmModel model = new DlrmModel(LayerSizes.parse("5-16-4", "bottom"), new int[] {8, 1}, TABLES, DIM, false);
        model.initialize(1);
        Random random = new Random(2);
        int batch = 300;
        float[] pooledGrad = new float[batch * TABLES * DIM];
        try (WorkerPool pool = new WorkerPool(threads, "test-dense")) {
            DataParallelDlrm parallel = new DataParallelDlrm(model, pool, batch);
            var optimizer = DenseOptimizerType.ADAM.create(model.numParameters());
            for (int step = 0; step < 5; step++) {
                float[] labels = new float[batch];
                for (int b = 0; b < batch; b++) {
                    labels[b] = random.nextBoolean() ? 1 : 0;
                }
                parallel.trainStep(batch, random(random, batch * 5), labels, random(random, pooledGrad.length),
                        pooledGrad, optimizer, 0.01f);
            }
        }
        float[] result = new float[model.numParameters() + pooledGrad.length];
        System.arraycopy(model.parameters(), 0, result, 0, model.numParameters());
        System.arraycopy(pooledGrad, 0, result, model.numParameters(), pooledGrad.length);
        return result;
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        float[] one = train(1);
        assertArrayEquals(one, train(2));
        assertArrayEquals(one, train(3));
    }

    @Test
    void lanesDependOnBatchSizeOnly() {
        assertEquals(1, DataParallelDlrm.numLanes(1));
        assertEquals(1, DataParallelDlrm.numLanes(64));
        assertEquals(2, DataParallelDlrm.numLanes(128));
        assertEquals(8, DataParallelDlrm.numLanes(2048));
    }

    @Test
    void laneGradientsSumToTheSingleLaneGradient() {
        DlrmModel model = new DlrmModel(LayerSizes.parse("5-16-4", "bottom"), new int[] {8, 1}, TABLES, DIM, true);
        model.initialize(4);
        Random random = new Random(6);
        int batch = 200;
        float[] dense = random(random, batch * 5);
        float[] pooled = random(random, batch * TABLES * DIM);
        float[] labels = new float[batch];
        for (int b = 0; b < batch; b++) {
            labels[b] = b % 3 == 0 ? 1 : 0;
        }
        DlrmWorkspace single = new DlrmWorkspace(model, batch);
        float[] pooledGradSingle = new float[pooled.length];
        double loss = model.forwardBackward(single, dense, labels, pooled, 0, batch, batch, pooledGradSingle) / batch;
        float[] before = model.parameters().clone();
        float[] pooledGrad = new float[pooled.length];
        try (WorkerPool pool = new WorkerPool(2, "test-dense")) {
            DataParallelDlrm parallel = new DataParallelDlrm(model, pool, batch);
            double parallelLoss = parallel.trainStep(batch, dense, labels, pooled, pooledGrad,
                    DenseOptimizerType.SGD.create(model.numParameters()), 1.0f);
            assertEquals(loss, parallelLoss, 1e-6);
            float[] gradients = parallel.lastGradients();
            for (int i = 0; i < gradients.length; i++) {
                assertEquals(single.gradients()[i], gradients[i], 1e-5 + 1e-4 * Math.abs(gradients[i]), "gradient " + i);
                assertEquals(before[i] - gradients[i], model.parameters()[i], 1e-6, "SGD update " + i);
            }
        }
        assertArrayEquals(pooledGradSingle, pooledGrad, 1e-6f);
    }
}
