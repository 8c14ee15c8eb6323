package dev.ember.engine.backend.cpu;

import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.random.ZipfSampler;

/** Seeded skewed access traces for tests: multi-hot bags of Zipf ids, and pooled gradients. */
final class Traces {
    private Traces() {
    }

    /** A batch whose bags hold 1..maxBagSize Zipf(exponent) ids per table; reproducible from (seed, step). */
    static SparseBatch zipfBatch(long[] rowsPerTable, int batchSize, int maxBagSize, double exponent, long seed,
                                 long step) {
        int numTables = rowsPerTable.length;
        int[][] offsets = new int[numTables][batchSize + 1];
        int[][] indices = new int[numTables][batchSize * maxBagSize];
        for (int t = 0; t < numTables; t++) {
            ZipfSampler sampler = new ZipfSampler(rowsPerTable[t], exponent, seed + 31L * t);
            long key = CounterRandom.rowKey(seed, 9, step, t, 0);
            long counter = step * batchSize * maxBagSize;
            int position = 0;
            for (int b = 0; b < batchSize; b++) {
                int bagSize = 1 + (int) (CounterRandom.uniform(key, b) * maxBagSize);
                for (int k = 0; k < bagSize; k++) {
                    indices[t][position++] = (int) sampler.scatteredId(counter++);
                }
                offsets[t][b + 1] = position;
            }
        }
        return new SparseBatch(batchSize, offsets, indices);
    }

    /** Pooled gradients in [-1, 1), reproducible from (seed, step). */
    static float[] gradient(int length, long seed, long step) {
        float[] gradient = new float[length];
        long key = CounterRandom.rowKey(seed, 10, step, 0, 0);
        for (int i = 0; i < length; i++) {
            gradient[i] = 2f * CounterRandom.uniform(key, i) - 1f;
        }
        return gradient;
    }
}
