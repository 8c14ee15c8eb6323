package dev.ember.benchmarks;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.data.Batch;
import dev.ember.engine.data.InMemoryBatchSource;
import dev.ember.engine.data.PlantedDataGenerator;
import dev.ember.engine.data.PlantedDataSpec;
import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingCollection;
import dev.ember.engine.embedding.EmbeddingCollections;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import dev.ember.engine.model.Mlp;
import dev.ember.engine.train.TrainConfig;
import dev.ember.engine.train.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * DLRM training throughput with the Kaggle architecture (dim 16, 26 tables, bottom 13-512-256-64-16, top
 * 512-256-1, SGD) on planted synthetic batches. JMH reports training steps per second (multiply by the batch
 * size for samples/s); {@link #main} runs a plain timed loop and prints samples/s directly:
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.ember.benchmarks.DlrmTrainingBenchmark [rowsPerTable] [seconds] [denseThreads] [FP32,INT8_CACHE5] [128,2048]
 * [embeddingThreads] [interleavedRounds]}. With {@code interleavedRounds > 0} the variants train side by side in
 * turns ({@link #interleaved}): the figure to compare variants with on a noisy machine.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class DlrmTrainingBenchmark {
    static final int TABLES = 26;
    static final int DIM = 16;
    /** Distinct samples cycled through: enough that a 5% cache sees realistic misses, not a replayed set. */
    static final int SAMPLES = 400_000;

    /**
     * FP32: FP32 tables, no cache. INT8_CACHE5: INT8 tables (FP16 qparams) with one LRU cache of 5% of all rows,
     * shared by the tables (the {@code ember train} default).
     */
    @Param({"FP32", "INT8_CACHE5"})
    public String variant;

    @Param({"128", "2048"})
    public int batchSize;

    @Param({"1000000"})
    public int rowsPerTable;

    /** Threads of the dense step. */
    @Param({"2"})
    public int threads;

    /** Threads of the embedding collection (its own pool; the dense step has {@link #threads}). */
    @Param({"1", "2"})
    public int embeddingThreads;

    private Trainer trainer;
    private List<Batch> batches;
    private int next;
    private double lastLoss;

    @Setup(Level.Trial)
    public void setUp() {
        trainer = newTrainer(variant, batchSize, rowsPerTable, threads, embeddingThreads);
        batches = syntheticBatches(batchSize, rowsPerTable);
    }

    static Trainer newTrainer(String variant, int batchSize, int rowsPerTable, int threads, int embeddingThreads) {
        long[] rows = new long[TABLES];
        Arrays.fill(rows, rowsPerTable);
        boolean fp32 = variant.equals("FP32");
        if (!fp32 && !variant.equals("INT8_CACHE5")) {
            throw new IllegalArgumentException("variant must be FP32 or INT8_CACHE5, got " + variant);
        }
        EmbeddingConfig embedding = new EmbeddingConfig(DIM, rows, fp32 ? Precision.FP32 : Precision.INT8,
                QParamsPrecision.FP16, Rounding.STOCHASTIC,
                fp32 ? CacheConfig.none() : CacheConfig.ofLoadFactor(0.05, CachePolicy.LRU)
                        .withShared(!Boolean.getBoolean("ember.bench.perTableCache")),
                EmbeddingOptimizer.SGD, 1, embeddingThreads);
        EmbeddingCollection collection = EmbeddingCollections.create(embedding);
        TrainConfig config = TrainConfig.builder().batchSize(batchSize).threads(threads).build();
        return new Trainer(config, collection);
    }

    /** Batches from the planted generator, Criteo-shaped, with skewed row popularity. */
    static List<Batch> syntheticBatches(int batchSize, int rowsPerTable) {
        PlantedDataSpec spec = PlantedDataSpec.criteoLike(TABLES, rowsPerTable, 11);
        InMemoryBatchSource source = new InMemoryBatchSource(new PlantedDataGenerator(spec).generate(SAMPLES, 1)
                .data(), 1, 1);
        source.startEpoch(0);
        List<Batch> result = new ArrayList<>();
        for (Batch batch = source.next(batchSize); batch != null; batch = source.next(batchSize)) {
            result.add(copy(batch));
        }
        return result;
    }

    private static Batch copy(Batch batch) {
        int tables = batch.sparse().numTables();
        int[][] offsets = new int[tables][];
        int[][] indices = new int[tables][];
        for (int t = 0; t < tables; t++) {
            offsets[t] = Arrays.copyOf(batch.sparse().offsets(t), batch.size() + 1);
            indices[t] = Arrays.copyOf(batch.sparse().indices(t), offsets[t][batch.size()]);
        }
        return new Batch(batch.size(), batch.numDense(), batch.labels().clone(), batch.dense().clone(),
                new dev.ember.engine.embedding.SparseBatch(batch.size(), offsets, indices));
    }

    @Benchmark
    public double trainStep() {
        lastLoss = trainer.trainStep(batches.get(next));
        next = (next + 1) % batches.size();
        return lastLoss;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (!Double.isFinite(lastLoss) || lastLoss <= 0 || lastLoss > 5) {
            throw new IllegalStateException("Training went wrong: last loss " + lastLoss);
        }
        trainer.close();
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String[] variants = (args.length > 3 ? args[3] : "FP32,INT8_CACHE5").split(",");
        int[] batchSizes = Arrays.stream((args.length > 4 ? args[4] : "128,2048").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int embeddingThreads = args.length > 5 ? Integer.parseInt(args[5]) : threads;
        int interleavedRounds = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        System.out.println("BLAS: " + Mlp.blasImplementation() + ", rows per table " + rows + ", dense threads "
                + threads + ", embedding threads " + embeddingThreads);
        if (interleavedRounds > 0) {
            for (int batchSize : batchSizes) {
                System.out.println(interleaved(variants, batchSize, rows, threads, embeddingThreads, seconds,
                        interleavedRounds));
            }
            return;
        }
        for (int batchSize : batchSizes) {
            List<Batch> batches = syntheticBatches(batchSize, rows);
            for (String variant : variants) {
                try (Trainer trainer = newTrainer(variant, batchSize, rows, threads, embeddingThreads)) {
                    System.out.println(measure(trainer, batches, variant, batchSize, seconds));
                }
            }
        }
    }

    private static String measure(Trainer trainer, List<Batch> batches, String variant, int batchSize,
                                  double seconds) {
        int index = 0;
        // As long as the measurement: on a loaded machine C2 needs several seconds to compile the hot loops.
        long warmupEnd = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            trainer.trainStep(batches.get(index++ % batches.size()));
        }
        CacheStatistics before = total(trainer.embeddings().statistics());
        long samples = 0;
        double loss = 0;
        long steps = 0;
        long startCpu = processCpuNanos();
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1e9) {
            Batch batch = batches.get(index++ % batches.size());
            loss += trainer.trainStep(batch);
            samples += batch.size();
            steps++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - startCpu) / 1e9;
        CacheStatistics after = total(trainer.embeddings().statistics());
        long unique = after.uniqueRows() - before.uniqueRows();
        double hitRate = unique == 0 ? Double.NaN : 1.0 - (double) (after.uniqueMisses() - before.uniqueMisses()) / unique;
        return String.format("%-12s batch %5d: %8.0f samples/s wall, %8.0f samples per CPU-second (%d steps, "
                + "mean loss %.4f, hit rate %.3f, embedding bytes %d)", variant, batchSize, samples / elapsed,
                samples / cpuSeconds, steps, loss / steps, hitRate, trainer.embeddings().memoryReport().totalBytes());
    }

    /**
     * All variants' trainers side by side in one JVM, trained in turn for {@code rounds} rounds of
     * {@code seconds / rounds} each (after a warm-up of {@code seconds} each), so that the machine's slow drifts
     * (this VM's memory moves a run by up to 2x within minutes) hit every variant alike. Prints each variant's
     * samples/s over all its rounds, and its ratio to the first variant: overall and the median, min and max of
     * the per-round ratios (round k of a variant against round k of the first).
     */
    private static String interleaved(String[] variants, int batchSize, int rows, int threads, int embeddingThreads,
                                      double seconds, int rounds) {
        List<Batch> batches = syntheticBatches(batchSize, rows);
        Trainer[] trainers = new Trainer[variants.length];
        int[] next = new int[variants.length];
        double[][] rate = new double[variants.length][rounds];
        try {
            for (int v = 0; v < variants.length; v++) {
                trainers[v] = newTrainer(variants[v], batchSize, rows, threads, embeddingThreads);
                trainFor(trainers[v], batches, next, v, seconds);
            }
            long[] samples = new long[variants.length];
            double[] elapsed = new double[variants.length];
            for (int round = 0; round < rounds; round++) {
                for (int v = 0; v < variants.length; v++) {
                    long start = System.nanoTime();
                    long done = trainFor(trainers[v], batches, next, v, seconds / rounds);
                    double took = (System.nanoTime() - start) / 1e9;
                    samples[v] += done;
                    elapsed[v] += took;
                    rate[v][round] = done / took;
                }
            }
            StringBuilder out = new StringBuilder(String.format("batch %d, %d interleaved rounds of %.1f s:%n",
                    batchSize, rounds, seconds / rounds));
            for (int v = 0; v < variants.length; v++) {
                double[] ratios = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    ratios[round] = rate[v][round] / rate[0][round];
                }
                Arrays.sort(ratios);
                out.append(String.format("%-12s %8.0f samples/s wall, %.3fx of %s (per round: median %.3f, min %.3f,"
                                + " max %.3f)%n", variants[v], samples[v] / elapsed[v],
                        (samples[v] / elapsed[v]) / (samples[0] / elapsed[0]), variants[0], ratios[rounds / 2],
                        ratios[0], ratios[rounds - 1]));
            }
            return out.toString();
        } finally {
            for (Trainer trainer : trainers) {
                if (trainer != null) {
                    trainer.close();
                }
            }
        }
    }

    /** Trains variant {@code v} for about {@code seconds}; returns the samples trained. */
    private static long trainFor(Trainer trainer, List<Batch> batches, int[] next, int v, double seconds) {
        long samples = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < seconds * 1e9) {
            Batch batch = batches.get(next[v]++ % batches.size());
            trainer.trainStep(batch);
            samples += batch.size();
        }
        return samples;
    }

    /** CPU time of the whole process (all threads), to compare runs on a machine shared with other work. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean bean = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return bean instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0L;
    }

    private static CacheStatistics total(List<CacheStatistics> statistics) {
        CacheStatistics total = new CacheStatistics("all", 0, 0, 0, 0, 0);
        for (CacheStatistics table : statistics) {
            total = total.plus(table);
        }
        return total;
    }
}
