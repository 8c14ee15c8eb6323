package dev.ember.benchmarks;

import dev.ember.engine.backend.cpu.CpuEmbeddingCollection;
import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.Precision;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Single-thread throughput of the timed part of each batch, in the calling thread. Until session 7 it was timed
 * with the thread's CPU clock, for a machine shared with other work; on this VM that clock is a system call of
 * about 1.4 us, which also slowed the batch after it: lookups at 150-180 M/s measured 10-25% slower read per batch
 * than timed over a whole loop. Each batch is now timed with {@link System#nanoTime} (about 27 ns, no system call),
 * so run it on an otherwise idle machine. Usage:
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.ember.benchmarks.CpuTimeHarness
 * PRECISION ROWS DIM zipf|uniform CACHE_LOAD_FACTOR SGD|ROWWISE_ADAGRAD [seconds [tables [batch [threads]]]]}
 * (defaults 3 s, 1 table, batch 2048, 1 thread; DLRM's shape is 26 tables at batch 128).
 * Prints M lookups per second for lookup, for a training step (same setting as EmbeddingBenchmark) and for
 * the sparse update alone (backward, timed without its forward). {@code --interleaved} compares several formats
 * in one JVM, in turns ({@link #interleaved}).
 */
public final class CpuTimeHarness {
    /**
     * Batches of ids cycled through: {@code -Dember.bench.batches=N} (default {@link IdStreams#BATCHES}, 32). With a
     * row cache, use enough that the stream's distinct rows outnumber the slots, or every lookup hits
     * ({@link IdStreams#ids(long, boolean, int, int)}).
     */
    private static final int BATCHES = Integer.getInteger("ember.bench.batches", IdStreams.BATCHES);
    /** What {@link #trainStepTimer} times: train (forward + backward, the default), update (backward) or lookup. */
    private static final String MEASURE = System.getProperty("ember.bench.measure", "train");

    private CpuTimeHarness() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("--interleaved")) {
            interleaved(args);
            return;
        }
        Precision precision = Precision.parse(args[0], "argument 1");
        long rows = Long.parseLong(args[1]);
        int dim = Integer.parseInt(args[2]);
        double loadFactor = Double.parseDouble(args[4]);
        EmbeddingOptimizer optimizer = EmbeddingOptimizer.parse(args[5], "argument 6");
        Run run = Run.parse(args, 6, 3.0);
        SparseBatch[] batches = batches(rows, "zipf".equals(args[3]), run.numTables(), run.batchSize());
        try (Cell cell = new Cell(precision, loadFactor, CachePolicy.LRU, optimizer, rows, dim, run.numTables(),
                run.batchSize(), run.threads(), batches)) {
            measure(cell.train, run.seconds() / 2, cell.lookupsPerBatch);
            double trainRate = bestOf(cell.train, run.seconds(), cell.lookupsPerBatch);
            double updateRate = bestOf(cell.update, run.seconds(), cell.lookupsPerBatch);
            measure(cell.lookup, run.seconds() / 2, cell.lookupsPerBatch);
            double lookupRate = bestOf(cell.lookup, run.seconds(), cell.lookupsPerBatch);
            System.out.printf(Locale.ROOT, "%s rows=%d dim=%d ids=%s cache=%.2f %s tables=%d batch=%d: lookup %.1f M/s,"
                    + " train step %.1f M/s = %.2f us/sample, update alone %.1f M/s (best of 5 rounds, per second,"
                    + " %d thread(s))%n",
                    precision, rows, dim, args[3], loadFactor, optimizer, run.numTables(), run.batchSize(),
                    lookupRate / 1e6, trainRate / 1e6, 1e6 * run.numTables() / trainRate, updateRate / 1e6,
                    run.threads());
        }
    }

    /**
     * {@code --interleaved ROUNDS PRECISION:LOAD_FACTOR[:LRU|LFU],... ROWS DIM zipf|uniform SGD|ROWWISE_ADAGRAD
     * [seconds [tables [batch [threads]]]]} (the cache policy defaults to LRU): every variant's collection is built
     * in this JVM, on the same ids, and the variants take turns, a round of {@code seconds / ROUNDS} each (train
     * step, then lookup), so a drift of the machine hits all of them alike. Prints each variant's median rate and
     * its median ratio to the first variant over the rounds: the figure to compare formats with on a noisy machine.
     */
    private static void interleaved(String[] args) {
        int rounds = Integer.parseInt(args[1]);
        String[] variants = args[2].split(",");
        long rows = Long.parseLong(args[3]);
        int dim = Integer.parseInt(args[4]);
        EmbeddingOptimizer optimizer = EmbeddingOptimizer.parse(args[6], "argument 7");
        Run run = Run.parse(args, 7, 20.0);
        SparseBatch[] batches = batches(rows, "zipf".equals(args[5]), run.numTables(), run.batchSize());
        Cell[] cells = new Cell[variants.length];
        try {
            for (int v = 0; v < variants.length; v++) {
                String[] parts = variants[v].split(":");
                if (parts.length < 2 || parts.length > 3) {
                    throw new IllegalArgumentException("variant " + (v + 1) + " must be PRECISION:LOAD_FACTOR or"
                            + " PRECISION:LOAD_FACTOR:LRU|LFU (e.g. INT8:0.05, INT8:0.05:LFU), got " + variants[v]);
                }
                CachePolicy policy = parts.length == 3
                        ? CachePolicy.valueOf(parts[2].toUpperCase(Locale.ROOT)) : CachePolicy.LRU;
                cells[v] = new Cell(Precision.parse(parts[0], "variant " + (v + 1)), Double.parseDouble(parts[1]),
                        policy, optimizer, rows, dim, run.numTables(), run.batchSize(), run.threads(), batches);
                measure(cells[v].train, 1.0, cells[v].lookupsPerBatch);
                measure(cells[v].lookup, 0.5, cells[v].lookupsPerBatch);
            }
            double[][] train = new double[variants.length][rounds];
            double[][] lookup = new double[variants.length][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int v = 0; v < variants.length; v++) {
                    train[v][round] = measure(cells[v].train, run.seconds() / rounds / 2, cells[v].lookupsPerBatch);
                    lookup[v][round] = measure(cells[v].lookup, run.seconds() / rounds / 2, cells[v].lookupsPerBatch);
                }
            }
            System.out.printf(Locale.ROOT, "rows=%d dim=%d ids=%s %s tables=%d batch=%d, %d rounds (M lookups per"
                    + " second, median over rounds; ratio = median of the per-round ratios to %s):%n", rows, dim,
                    args[5], optimizer, run.numTables(), run.batchSize(), rounds, variants[0]);
            for (int v = 0; v < variants.length; v++) {
                System.out.printf(Locale.ROOT, "  %-12s train step %6.1f (%.3fx, rounds %.3f-%.3f)   lookup %6.1f"
                                + " (%.3fx)%n", variants[v], median(train[v]) / 1e6, medianRatio(train[v], train[0]),
                        minRatio(train[v], train[0]), maxRatio(train[v], train[0]), median(lookup[v]) / 1e6,
                        medianRatio(lookup[v], lookup[0]));
            }
        } finally {
            for (Cell cell : cells) {
                if (cell != null) {
                    cell.close();
                }
            }
        }
    }

    /**
     * A training step of a fresh collection (or its update or lookup, {@code -Dember.bench.measure}) as a
     * {@link LongSupplier} of the nanoseconds of each step's timed part, with only JDK types in its signature, so
     * that {@link BuildComparison} can call it in two builds loaded side by side. Arguments as the harness's
     * ({@code ids} is zipf or uniform).
     */
    public static LongSupplier trainStepTimer(String precision, double loadFactor, String optimizer, long rows,
                                              int dim, String ids, int numTables, int batchSize, int threads) {
        Cell cell = new Cell(Precision.parse(precision, "precision"), loadFactor, CachePolicy.LRU,
                EmbeddingOptimizer.parse(optimizer, "optimizer"), rows, dim, numTables, batchSize, threads,
                batches(rows, "zipf".equals(ids), numTables, batchSize));
        return switch (MEASURE) {
            case "train" -> cell.train;
            case "update" -> cell.update;
            case "lookup" -> cell.lookup;
            default -> throw new IllegalArgumentException("-Dember.bench.measure must be train, update or lookup, got "
                    + MEASURE);
        };
    }

    /** The optional trailing arguments, from {@code args[from]}: seconds, tables (1), batch (2048), threads (1). */
    private record Run(double seconds, int numTables, int batchSize, int threads) {
        static Run parse(String[] args, int from, double defaultSeconds) {
            return new Run(args.length > from ? Double.parseDouble(args[from]) : defaultSeconds,
                    args.length > from + 1 ? Integer.parseInt(args[from + 1]) : 1,
                    args.length > from + 2 ? Integer.parseInt(args[from + 2]) : 2048,
                    args.length > from + 3 ? Integer.parseInt(args[from + 3]) : 1);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** {@code values[i] / base[i]}, sorted. */
    static double[] ratios(double[] values, double[] base) {
        double[] ratios = new double[values.length];
        Arrays.setAll(ratios, i -> values[i] / base[i]);
        Arrays.sort(ratios);
        return ratios;
    }

    private static double medianRatio(double[] values, double[] base) {
        return median(ratios(values, base));
    }

    private static double minRatio(double[] values, double[] base) {
        return ratios(values, base)[0];
    }

    private static double maxRatio(double[] values, double[] base) {
        double[] ratios = ratios(values, base);
        return ratios[ratios.length - 1];
    }

    /** One configuration: its collection and the three timed batches (train step, update alone, lookup). */
    private static final class Cell implements AutoCloseable {
        final CpuEmbeddingCollection collection;
        final int lookupsPerBatch;
        final LongSupplier train;
        final LongSupplier update;
        final LongSupplier lookup;

        Cell(Precision precision, double loadFactor, CachePolicy policy, EmbeddingOptimizer optimizer, long rows,
             int dim, int numTables, int batchSize, int threads, SparseBatch[] batches) {
            long[] tableRows = new long[numTables];
            Arrays.fill(tableRows, rows);
            CacheConfig cache = loadFactor == 0 ? CacheConfig.none()
                    : CacheConfig.ofLoadFactor(loadFactor, policy);
            collection = new CpuEmbeddingCollection(EmbeddingConfig.of(dim, tableRows, precision, cache)
                    .withOptimizer(optimizer).withThreads(threads));
            lookupsPerBatch = batchSize * numTables;
            float[] pooled = new float[batchSize * numTables * dim];
            float[] gradient = new float[batchSize * numTables * dim];
            Arrays.fill(gradient, 1e-4f);
            long[] step = {0};
            train = () -> {
                long start = System.nanoTime();
                SparseBatch batch = batches[(int) (step[0] % batches.length)];
                collection.forward(step[0], batch, pooled);
                collection.backward(step[0], batch, gradient, 0.01f);
                step[0]++;
                return System.nanoTime() - start;
            };
            // The sparse update alone (FBGEMM's "fused update" figure): forward runs untimed before each backward.
            update = () -> {
                SparseBatch batch = batches[(int) (step[0] % batches.length)];
                collection.forward(step[0], batch, pooled);
                long start = System.nanoTime();
                collection.backward(step[0], batch, gradient, 0.01f);
                step[0]++;
                return System.nanoTime() - start;
            };
            lookup = () -> {
                long start = System.nanoTime();
                collection.lookup(batches[(int) (step[0]++ % batches.length)], pooled);
                return System.nanoTime() - start;
            };
        }

        @Override
        public void close() {
            collection.close();
        }
    }

    private static SparseBatch[] batches(long rows, boolean zipf, int numTables, int batchSize) {
        int[][] ids = IdStreams.ids(rows, zipf, batchSize * numTables, BATCHES);
        SparseBatch[] batches = new SparseBatch[ids.length];
        for (int b = 0; b < ids.length; b++) {
            batches[b] = SparseBatch.oneHot(batchSize, numTables, ids[b]);
        }
        return batches;
    }

    /** The best of five rounds of {@code seconds / 5}: on a shared machine the least disturbed round. */
    private static double bestOf(LongSupplier batch, double seconds, int lookupsPerBatch) {
        double best = 0;
        for (int round = 0; round < 5; round++) {
            best = Math.max(best, measure(batch, seconds / 5, lookupsPerBatch));
        }
        return best;
    }

    /**
     * Lookups per second over about {@code seconds} of timed time, {@code timedBatch} returning the
     * nanoseconds of one batch (also {@link BuildComparison}'s, whose batches come from another class loader).
     */
    static double measure(LongSupplier timedBatch, double seconds, int lookupsPerBatch) {
        long budget = (long) (seconds * 1e9);
        long timed = 0;
        long batchesRun = 0;
        do {
            timed += timedBatch.getAsLong();
            batchesRun++;
        } while (timed < budget);
        return batchesRun * lookupsPerBatch / (timed / 1e9);
    }
}
