package dev.ember.benchmarks;

import dev.ember.engine.backend.cpu.CpuEmbeddingCollection;
import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.Precision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Single-thread throughput measured in the calling thread's CPU time rather than wall time, for a machine
 * shared with other work (JMH's wall-clock scores then understate what one core does). Usage:
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.ember.benchmarks.CpuTimeHarness
 * PRECISION ROWS DIM zipf|uniform CACHE_LOAD_FACTOR SGD|ROWWISE_ADAGRAD [seconds [tables [batch [threads]]]]}
 * (defaults 3 s, 1 table, batch 2048, 1 thread; DLRM's shape is 26 tables at batch 128).
 * Prints M lookups per CPU-second for lookup, for a training step (same setting as EmbeddingBenchmark) and for
 * the sparse update alone (backward, timed without its forward).
 */
public final class CpuTimeHarness {
    private CpuTimeHarness() {
    }

    public static void main(String[] args) {
        Precision precision = Precision.parse(args[0], "argument 1");
        long rows = Long.parseLong(args[1]);
        int dim = Integer.parseInt(args[2]);
        boolean zipf = "zipf".equals(args[3]);
        double loadFactor = Double.parseDouble(args[4]);
        EmbeddingOptimizer optimizer = EmbeddingOptimizer.parse(args[5], "argument 6");
        double seconds = args.length > 6 ? Double.parseDouble(args[6]) : 3.0;
        int numTables = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        int batchSize = args.length > 8 ? Integer.parseInt(args[8]) : 2048;
        int threads = args.length > 9 ? Integer.parseInt(args[9]) : 1;
        long[] tableRows = new long[numTables];
        Arrays.fill(tableRows, rows);
        CacheConfig cache = loadFactor == 0 ? CacheConfig.none() : CacheConfig.ofLoadFactor(loadFactor, CachePolicy.LRU);
        EmbeddingConfig config = EmbeddingConfig.of(dim, tableRows, precision, cache)
                .withOptimizer(optimizer).withThreads(threads);
        SparseBatch[] batches = batches(rows, zipf, numTables, batchSize);
        float[] pooled = new float[batchSize * numTables * dim];
        float[] gradient = new float[batchSize * numTables * dim];
        Arrays.fill(gradient, 1e-4f);
        try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config)) {
            long[] step = {0};
            TimedBatch train = threadTimes -> {
                long start = threadTimes.getCurrentThreadCpuTime();
                SparseBatch batch = batches[(int) (step[0] % batches.length)];
                collection.forward(step[0], batch, pooled);
                collection.backward(step[0], batch, gradient, 0.01f);
                step[0]++;
                return threadTimes.getCurrentThreadCpuTime() - start;
            };
            // The sparse update alone (FBGEMM's "fused update" figure): forward runs untimed before each backward.
            TimedBatch update = threadTimes -> {
                SparseBatch batch = batches[(int) (step[0] % batches.length)];
                collection.forward(step[0], batch, pooled);
                long start = threadTimes.getCurrentThreadCpuTime();
                collection.backward(step[0], batch, gradient, 0.01f);
                step[0]++;
                return threadTimes.getCurrentThreadCpuTime() - start;
            };
            TimedBatch lookup = threadTimes -> {
                long start = threadTimes.getCurrentThreadCpuTime();
                collection.lookup(batches[(int) (step[0]++ % batches.length)], pooled);
                return threadTimes.getCurrentThreadCpuTime() - start;
            };
            int lookupsPerBatch = batchSize * numTables;
            measure(train, seconds / 2, lookupsPerBatch);
            double trainRate = bestOf(train, seconds, lookupsPerBatch);
            double updateRate = bestOf(update, seconds, lookupsPerBatch);
            measure(lookup, seconds / 2, lookupsPerBatch);
            double lookupRate = bestOf(lookup, seconds, lookupsPerBatch);
            System.out.printf(Locale.ROOT, "%s rows=%d dim=%d ids=%s cache=%.2f %s tables=%d batch=%d: lookup %.1f M/s,"
                    + " train step %.1f M/s = %.2f us/sample, update alone %.1f M/s (best of 5 rounds, per CPU-second,"
                    + " %d thread(s))%n",
                    precision, rows, dim, args[3], loadFactor, optimizer, numTables, batchSize, lookupRate / 1e6,
                    trainRate / 1e6, 1e6 * numTables / trainRate, updateRate / 1e6, threads);
        }
    }

    /** One batch; returns the calling thread's CPU nanoseconds spent in the part being measured. */
    private interface TimedBatch {
        long run(ThreadMXBean threadTimes);
    }

    private static SparseBatch[] batches(long rows, boolean zipf, int numTables, int batchSize) {
        int[][] ids = IdStreams.ids(rows, zipf, batchSize * numTables);
        SparseBatch[] batches = new SparseBatch[ids.length];
        for (int b = 0; b < ids.length; b++) {
            batches[b] = SparseBatch.oneHot(batchSize, numTables, ids[b]);
        }
        return batches;
    }

    /** The best of five rounds of {@code seconds / 5}: on a shared machine the least disturbed round. */
    private static double bestOf(TimedBatch batch, double seconds, int lookupsPerBatch) {
        double best = 0;
        for (int round = 0; round < 5; round++) {
            best = Math.max(best, measure(batch, seconds / 5, lookupsPerBatch));
        }
        return best;
    }

    /** Lookups per CPU-second of this thread, counting the timed part of each batch. */
    private static double measure(TimedBatch batch, double seconds, int lookupsPerBatch) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        long timed = 0;
        long batchesRun = 0;
        do {
            timed += batch.run(threads);
            batchesRun++;
        } while (timed < budget);
        return batchesRun * lookupsPerBatch / (timed / 1e9);
    }
}
