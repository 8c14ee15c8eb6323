package dev.ember.engine.data;

import dev.ember.engine.embedding.SparseBatch;

import java.util.SplittableRandom;

/**
 * Batches from a {@link ColumnarData} held in memory. Each epoch visits the samples in an order shuffled within
 * consecutive buffers of {@code shuffleBufferSize} samples (1 = file order; {@code numSamples} = a full
 * shuffle), seeded by {@code (seed, epoch, buffer)}, so the order is reproducible and a resumed run can skip
 * batches. Batches are assembled into arrays reused between calls.
 */
public final class InMemoryBatchSource implements BatchSource {
    private final ColumnarData data;
    private final long seed;
    private final int shuffleBufferSize;
    private final int[] order;
    private int position;
    private boolean started;
    private float[] labels = new float[0];
    private float[] dense = new float[0];
    private int[][] offsets;
    private int[][] indices;

    public InMemoryBatchSource(ColumnarData data, long seed, int shuffleBufferSize) {
        if (shuffleBufferSize < 1) {
            throw new IllegalArgumentException("shuffleBufferSize must be >= 1, got " + shuffleBufferSize);
        }
        this.data = data;
        this.seed = seed;
        this.shuffleBufferSize = shuffleBufferSize;
        this.order = new int[data.numSamples()];
        this.offsets = new int[data.numTables()][1];
        this.indices = new int[data.numTables()][0];
    }

    @Override
    public int numDense() {
        return data.numDense();
    }

    @Override
    public int numTables() {
        return data.numTables();
    }

    @Override
    public long numSamples() {
        return data.numSamples();
    }

    @Override
    public void startEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int start = 0, buffer = 0; start < order.length; start += shuffleBufferSize, buffer++) {
            int end = Math.min(order.length, start + shuffleBufferSize);
            SplittableRandom random = new SplittableRandom(mix(seed, epoch, buffer));
            for (int i = end - 1; i > start; i--) {
                int j = start + random.nextInt(i - start + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        position = 0;
        started = true;
    }

    private static long mix(long seed, long epoch, long buffer) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + buffer;
        return h ^ (h >>> 29);
    }

    @Override
    public Batch next(int maxBatchSize) {
        if (!started) {
            throw new IllegalStateException("Call startEpoch before next");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if (position >= order.length) {
            return null;
        }
        int size = Math.min(maxBatchSize, order.length - position);
        int numDense = data.numDense();
        if (labels.length < size) {
            labels = new float[size];
            dense = new float[size * numDense];
        }
        for (int b = 0; b < size; b++) {
            int sample = order[position + b];
            labels[b] = data.labels()[sample];
            System.arraycopy(data.dense(), sample * numDense, dense, b * numDense, numDense);
        }
        for (int t = 0; t < data.numTables(); t++) {
            gatherTable(t, position, size);
        }
        position += size;
        return new Batch(size, numDense, labels, dense, new SparseBatch(size, offsets, indices));
    }

    private void gatherTable(int table, int from, int size) {
        int[] sourceOffsets = data.offsets()[table];
        int[] sourceIndices = data.indices()[table];
        if (offsets[table].length < size + 1) {
            offsets[table] = new int[size + 1];
        }
        int[] targetOffsets = offsets[table];
        int total = 0;
        for (int b = 0; b < size; b++) {
            int sample = order[from + b];
            targetOffsets[b] = total;
            total += sourceOffsets[sample + 1] - sourceOffsets[sample];
        }
        targetOffsets[size] = total;
        if (indices[table].length < total) {
            indices[table] = new int[Math.max(total, 2 * indices[table].length)];
        }
        int[] targetIndices = indices[table];
        for (int b = 0; b < size; b++) {
            int sample = order[from + b];
            int begin = sourceOffsets[sample];
            System.arraycopy(sourceIndices, begin, targetIndices, targetOffsets[b], sourceOffsets[sample + 1] - begin);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
