package dev.ember.benchmarks;

import dev.ember.engine.backend.cpu.CpuEmbeddingCollection;
import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One table, batch 2048, one id per bag (the peers' setting). Scores are lookups per second
 * ({@code OperationsPerInvocation = 2048}): {@code lookup} is the pooled forward of evaluation (cached rows
 * from their FP32 slot, the rest dequantized), {@code trainStep} is a training forward (dedup, cache populate,
 * pooling) plus backward (gradient sum per row, optimizer, requantization with stochastic rounding).
 * The setup checks the engine's pooled output against a scalar decode of the same rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// G1 (the default) and a pre-touched heap: with -XX:+UseParallelGC and no pre-touch, INT8 1M x 16 lookups fell
// from ~190 to ~95 M/s a few seconds into the fork (docs/engine.md section 6, "JMH wall clock").
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g", "-Xms6g", "-XX:+AlwaysPreTouch",
        "-XX:+UseTransparentHugePages"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class EmbeddingBenchmark {
    private static final int BATCH = 2048;

    @Param({"FP32", "INT8", "INT4"})
    public Precision precision;

    /** rows x dim. */
    @Param({"1000000x16", "10000000x64"})
    public String shape;

    @Param({"zipf", "uniform"})
    public String ids;

    @Param({"0", "0.01", "0.05"})
    public double cacheLoadFactor;

    @Param({"1", "2"})
    public int threads;

    @Param({"SGD"})
    public EmbeddingOptimizer optimizer;

    /**
     * Batches of ids cycled through. With 32, a 1M-row table's Zipf ids touch about 21,600 rows, which a 5% cache
     * holds entirely (every lookup hits after warm-up); 1024 gives a stream that misses, as training does
     * ({@link IdStreams#ids(long, boolean, int, int)}).
     */
    @Param({"32"})
    public int idBatches;

    private CpuEmbeddingCollection collection;
    private SparseBatch[] batches;
    private float[] pooled;
    private float[] gradient;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = shape.split("x");
        long rows = Long.parseLong(parts[0]);
        int dim = Integer.parseInt(parts[1]);
        CacheConfig cache = cacheLoadFactor == 0 ? CacheConfig.none()
                : CacheConfig.ofLoadFactor(cacheLoadFactor, CachePolicy.LRU);
        EmbeddingConfig config = EmbeddingConfig.of(dim, new long[] {rows}, precision, cache)
                .withOptimizer(optimizer).withThreads(threads);
        collection = new CpuEmbeddingCollection(config);
        int[][] streams = IdStreams.ids(rows, "zipf".equals(ids), BATCH, idBatches);
        batches = new SparseBatch[streams.length];
        for (int b = 0; b < streams.length; b++) {
            batches[b] = SparseBatch.oneHot(BATCH, 1, streams[b]);
        }
        pooled = new float[BATCH * dim];
        gradient = new float[BATCH * dim];
        Arrays.fill(gradient, 1e-4f);
        for (int warm = 0; warm < 2 * idBatches; warm++) {
            runTrainStep();
        }
        checkAgainstScalarDecode(dim);
    }

    private void checkAgainstScalarDecode(int dim) {
        SparseBatch batch = batches[0];
        collection.lookup(batch, pooled);
        float[] row = new float[dim];
        for (int b = 0; b < 64; b++) {
            collection.readRow(0, batch.indices(0)[b], row, 0);
            for (int d = 0; d < dim; d++) {
                if (Float.floatToIntBits(row[d] + 0f) != Float.floatToIntBits(pooled[b * dim + d])) {
                    throw new IllegalStateException("pooled output of bag " + b + " element " + d + " is "
                            + pooled[b * dim + d] + ", scalar decode gives " + row[d]);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.println();
        System.out.println("statistics: " + collection.statistics() + ", memory " + collection.memoryReport().totalBytes()
                + " B, ratio vs FP32 " + String.format("%.2f", collection.memoryReport().ratioVsFp32()));
        collection.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void lookup(Blackhole blackhole) {
        collection.lookup(batches[(int) (step++ % idBatches)], pooled);
        blackhole.consume(pooled);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void trainStep(Blackhole blackhole) {
        runTrainStep();
        blackhole.consume(pooled);
    }

    private void runTrainStep() {
        SparseBatch batch = batches[(int) (step % idBatches)];
        collection.forward(step, batch, pooled);
        collection.backward(step, batch, gradient, 0.01f);
        step++;
    }
}
