package dev.ember.benchmarks;

import dev.ember.engine.backend.cpu.CpuEmbeddingCollection;
import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.cache.FrequencyCounterKind;
import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.Precision;
import dev.ember.engine.random.ZipfSampler;
import dev.ember.engine.storage.ChunkedRowStorage;

import java.util.Arrays;
import java.util.Locale;

/**
 * What compact LFU counters cost in hit rate against FBGEMM's exact int64 counts. Runs the real cache
 * (training steps on a tiny dimension) over Zipf(1.05) traces, stationary and drifting (the hot set moves
 * every {@code driftEvery} steps), and prints the unique-row hit rate after a warm-up quarter.
 * Usage: {@code java -cp benchmarks.jar dev.ember.benchmarks.LfuCounterStudy [rows] [steps] [driftEvery]}.
 */
public final class LfuCounterStudy {
    private static final int BATCH = 2048;

    private LfuCounterStudy() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int driftEvery = args.length > 2 ? Integer.parseInt(args[2]) : 250;
        System.out.printf(Locale.ROOT, "rows %d, batch %d, %d steps, Zipf 1.05, hit rate of unique rows after step %d%n",
                rows, BATCH, steps, steps / 4);
        System.out.println("| trace | cache | LRU | LFU exact int64 (8 B/row) | LFU saturating 16-bit (2 B/row) | LFU log 8-bit (1 B/row) |");
        System.out.println("|---|---|---|---|---|---|");
        for (boolean drift : new boolean[] {false, true}) {
            for (double loadFactor : new double[] {0.01, 0.05}) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %.0f%% |",
                        drift ? "drifting every " + driftEvery + " steps" : "stationary", loadFactor * 100));
                line.append(String.format(Locale.ROOT, " %.4f |",
                        hitRate(rows, steps, drift ? driftEvery : 0, loadFactor, CachePolicy.LRU, FrequencyCounterKind.EXACT64)));
                for (FrequencyCounterKind kind : FrequencyCounterKind.values()) {
                    line.append(String.format(Locale.ROOT, " %.4f |",
                            hitRate(rows, steps, drift ? driftEvery : 0, loadFactor, CachePolicy.LFU, kind)));
                }
                System.out.println(line);
            }
        }
    }

    /** Unique-row hit rate over the last three quarters of the trace. */
    public static double hitRate(int rows, int steps, int driftEvery, double loadFactor, CachePolicy policy,
                                 FrequencyCounterKind kind) {
        EmbeddingConfig config = EmbeddingConfig.of(1, new long[] {rows}, Precision.FP32,
                CacheConfig.ofLoadFactor(loadFactor, policy)).withThreads(1);
        ZipfSampler sampler = new ZipfSampler(rows, 1.05, 99);
        int[] ids = new int[BATCH];
        float[] pooled = new float[BATCH];
        float[] gradient = new float[BATCH];
        Arrays.fill(gradient, 1e-3f);
        CacheStatistics atWarmUp = null;
        try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config, kind,
                ChunkedRowStorage.DEFAULT_MAX_CHUNK_BYTES)) {
            for (int step = 0; step < steps; step++) {
                long shift = driftEvery == 0 ? 0 : (long) (step / driftEvery) * 104_729L;
                for (int i = 0; i < BATCH; i++) {
                    ids[i] = (int) ((sampler.scatteredId((long) step * BATCH + i) + shift) % rows);
                }
                SparseBatch batch = SparseBatch.oneHot(BATCH, 1, ids);
                collection.forward(step, batch, pooled);
                collection.backward(step, batch, gradient, 0.01f);
                if (step == steps / 4 - 1) {
                    atWarmUp = collection.statistics().get(0);
                }
            }
            CacheStatistics end = collection.statistics().get(0);
            long unique = end.uniqueRows() - atWarmUp.uniqueRows();
            long misses = end.uniqueMisses() - atWarmUp.uniqueMisses();
            return (double) (unique - misses) / unique;
        }
    }
}
