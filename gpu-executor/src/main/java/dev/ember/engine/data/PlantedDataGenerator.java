package dev.ember.engine.data;

import dev.ember.engine.metrics.ExactAuc;
import dev.ember.engine.random.ZipfSampler;

import java.util.SplittableRandom;

/**
 * Draws samples from a {@link PlantedDataSpec}. Deterministic: the same spec and {@code splitSeed} give the
 * same samples; different split seeds give independent samples from the same model (train / test splits).
 */
public final class PlantedDataGenerator {
    private final PlantedDataSpec spec;
    private final double[] denseWeights;
    private final ZipfSampler[] samplers;

    public PlantedDataGenerator(PlantedDataSpec spec) {
        this.spec = spec;
        this.denseWeights = new double[spec.numDense()];
        SplittableRandom random = new SplittableRandom(spec.seed());
        for (int j = 0; j < denseWeights.length; j++) {
            denseWeights[j] = gaussian(random) * spec.denseScale();
        }
        int[] rows = spec.rowsPerTable();
        this.samplers = new ZipfSampler[rows.length];
        for (int t = 0; t < rows.length && spec.zipfExponent() > 0; t++) {
            samplers[t] = new ZipfSampler(rows[t], spec.zipfExponent(), hash(spec.seed(), t, 0x2545F491));
        }
    }

    public PlantedDataSpec spec() {
        return spec;
    }

    /** The planted weight of row {@code row} of table {@code table}. */
    public double rowWeight(int table, int row) {
        long h = hash(spec.seed() ^ 0x5DEECE66DL, table, row);
        double u1 = ((h >>> 11) + 1.0) / 0x1.0p53;
        double u2 = (hash(h, table, row) >>> 11) / 0x1.0p53;
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2) * spec.embeddingScale();
    }

    /** {@code numSamples} samples drawn with {@code splitSeed}. */
    public PlantedDataset generate(int numSamples, long splitSeed) {
        if (numSamples < 0) {
            throw new IllegalArgumentException("numSamples must be >= 0, got " + numSamples);
        }
        int numDense = spec.numDense();
        int numTables = spec.numTables();
        int bag = spec.idsPerBag();
        int[] rows = spec.rowsPerTable();
        SplittableRandom random = new SplittableRandom(hash(spec.seed(), splitSeed, 0x1234));
        float[] labels = new float[numSamples];
        float[] dense = new float[numSamples * numDense];
        float[] trueLogits = new float[numSamples];
        int[][] offsets = new int[numTables][numSamples + 1];
        int[][] indices = new int[numTables][numSamples * bag];
        for (int i = 0; i < numSamples; i++) {
            double logit = spec.bias();
            for (int j = 0; j < numDense; j++) {
                float x = (float) gaussian(random);
                dense[i * numDense + j] = x;
                logit += denseWeights[j] * x;
            }
            if (spec.pairWeight() != 0.0) {
                logit += spec.pairWeight() * dense[i * numDense] * dense[i * numDense + 1];
            }
            for (int t = 0; t < numTables; t++) {
                offsets[t][i + 1] = (i + 1) * bag;
                for (int k = 0; k < bag; k++) {
                    long draw = (splitSeed << 40) + (long) i * bag + k;
                    int row = samplers[t] == null ? random.nextInt(rows[t]) : (int) samplers[t].scatteredId(draw);
                    indices[t][i * bag + k] = row;
                    logit += rowWeight(t, row);
                }
            }
            trueLogits[i] = (float) logit;
            labels[i] = random.nextDouble() < 1.0 / (1.0 + Math.exp(-logit)) ? 1.0f : 0.0f;
        }
        ColumnarData data = new ColumnarData(numSamples, numDense, labels, dense, offsets, indices);
        return new PlantedDataset(data, trueLogits, ExactAuc.compute(trueLogits, labels, numSamples));
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static long hash(long seed, long a, long b) {
        long h = seed + 0x9E3779B97F4A7C15L * (a + 1);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h += 0x94D049BB133111EBL * (b + 1);
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
