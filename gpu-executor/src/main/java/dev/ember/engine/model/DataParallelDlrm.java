package dev.ember.engine.model;

import dev.ember.engine.optim.DenseOptimizer;
import dev.ember.engine.parallel.WorkerPool;

/**
 * Runs {@link DlrmModel} over a batch on a {@link WorkerPool}. The batch is cut into lanes that depend only on
 * the batch size ({@link #numLanes}); each lane computes its own parameter gradients with fixed BLAS calls,
 * and lane gradients are summed in lane order (into lane 0's buffer, chunk by chunk, each chunk then updated
 * while it is in cache). The update is element-wise. So the model after a step is the
 * same, bit for bit, for any number of threads.
 */
public final class DataParallelDlrm {
    /** Samples per lane below which a batch is not split further. */
    static final int MIN_LANE_ROWS = 64;
    /** At most this many lanes (each holds one gradient copy of the dense parameters). */
    static final int MAX_LANES = 8;
    /** Parameters per task in the reduce-and-update phase. */
    static final int UPDATE_CHUNK = 16384;

    private final DlrmModel model;
    private final WorkerPool pool;
    private final DlrmWorkspace[] workspaces;
    private final double[] laneLosses;

    public DataParallelDlrm(DlrmModel model, WorkerPool pool, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        this.model = model;
        this.pool = pool;
        int lanes = numLanes(maxBatchSize);
        int capacity = Math.max(MIN_LANE_ROWS, (maxBatchSize + lanes - 1) / lanes);
        this.workspaces = new DlrmWorkspace[lanes];
        for (int l = 0; l < lanes; l++) {
            workspaces[l] = new DlrmWorkspace(model, capacity);
        }
        this.laneLosses = new double[lanes];
    }

    /** Lanes for a batch of {@code batchSize}: {@code min(8, ceil(batchSize / 64))}. */
    public static int numLanes(int batchSize) {
        return Math.max(1, Math.min(MAX_LANES, (batchSize + MIN_LANE_ROWS - 1) / MIN_LANE_ROWS));
    }

    private static int laneStart(int batchSize, int lanes, int lane) {
        return (int) ((long) batchSize * lane / lanes);
    }

    public DlrmModel model() {
        return model;
    }

    /**
     * One dense training step: forward, backward, gradient reduction and the optimizer update. Writes the
     * gradient of the mean loss with respect to each pooled vector to {@code pooledGrad}.
     *
     * @return the mean loss of the batch before the update
     */
    public double trainStep(int batchSize, float[] dense, float[] labels, float[] pooled, float[] pooledGrad,
                            DenseOptimizer optimizer, float learningRate) {
        checkBatch(batchSize, dense, pooled);
        if (pooledGrad.length < pooled.length) {
            throw new IllegalArgumentException("pooledGrad[" + pooledGrad.length + "] is shorter than pooled["
                    + pooled.length + "]");
        }
        int lanes = numLanes(batchSize);
        pool.run(lanes, lane -> {
            int start = laneStart(batchSize, lanes, lane);
            int rows = laneStart(batchSize, lanes, lane + 1) - start;
            laneLosses[lane] = model.forwardBackward(workspaces[lane], dense, labels, pooled, start, rows,
                    batchSize, pooledGrad);
        });
        optimizer.beginStep();
        float[] params = model.parameters();
        int numParams = params.length;
        int tasks = (numParams + UPDATE_CHUNK - 1) / UPDATE_CHUNK;
        pool.run(tasks, task -> {
            int from = task * UPDATE_CHUNK;
            int to = Math.min(numParams, from + UPDATE_CHUNK);
            float[] sum = workspaces[0].gradients();
            for (int lane = 1; lane < lanes; lane++) {
                float[] laneGradients = workspaces[lane].gradients();
                for (int i = from; i < to; i++) {
                    sum[i] += laneGradients[i];
                }
            }
            optimizer.update(params, sum, learningRate, from, to);
        });
        double loss = 0.0;
        for (int lane = 0; lane < lanes; lane++) {
            loss += laneLosses[lane];
        }
        return loss / batchSize;
    }

    /** Logits of a batch (no state changes), written to {@code logits[0, batchSize)}. */
    public void predict(int batchSize, float[] dense, float[] pooled, float[] logits) {
        checkBatch(batchSize, dense, pooled);
        if (logits.length < batchSize) {
            throw new IllegalArgumentException("logits[" + logits.length + "] is shorter than the batch "
                    + batchSize);
        }
        int lanes = numLanes(batchSize);
        pool.run(lanes, lane -> {
            int start = laneStart(batchSize, lanes, lane);
            int rows = laneStart(batchSize, lanes, lane + 1) - start;
            model.predict(workspaces[lane], dense, pooled, start, rows, logits);
        });
    }

    /** The summed gradient of the last {@link #trainStep} (lane 0's buffer, summed in place; for tests). */
    public float[] lastGradients() {
        return workspaces[0].gradients();
    }

    private void checkBatch(int batchSize, float[] dense, float[] pooled) {
        int capacity = workspaces[0].capacity() * workspaces.length;
        if (batchSize < 1 || batchSize > capacity) {
            throw new IllegalArgumentException("Batch of " + batchSize + " samples outside [1, " + capacity
                    + "] (the maxBatchSize this model was set up for)");
        }
        long denseNeeded = (long) batchSize * model.numDense();
        long pooledNeeded = (long) batchSize * model.numTables() * model.embeddingDim();
        if (dense.length < denseNeeded || pooled.length < pooledNeeded) {
            throw new IllegalArgumentException("Batch of " + batchSize + " needs dense[" + denseNeeded
                    + "] and pooled[" + pooledNeeded + "], got dense[" + dense.length + "] and pooled["
                    + pooled.length + "]");
        }
    }
}
