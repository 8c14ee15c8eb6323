package dev.ember.benchmarks;

import dev.ember.engine.backend.cpu.CpuEmbeddingCollection;
import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.format.ByteViews;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.kernel.BagBlock;
import dev.ember.engine.kernel.TableKernels;
import dev.ember.engine.storage.ChunkedRowStorage;
import dev.ember.engine.storage.EmbeddingTable;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Where an INT8 dim-64 lookup's time goes: the engine's pooling kernel and its parts timed apart, on the engine's
 * own table, in one JVM with rounds alternating (so a drift of the machine hits all variants alike). Each variant
 * pools a batch of 2048 one-id bags in blocks of 128, as the engine's tasks do, and prints ns per lookup (median
 * over rounds). Usage: {@code java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx10g -Xms10g
 * -XX:+AlwaysPreTouch -cp benchmarks.jar dev.ember.benchmarks.LookupAnatomy ROWS zipf|uniform [rounds]}.
 *
 * <p>Variants: {@code kernel} (the engine: touch pass, then decode); {@code kernel, rows in cache} (the same block
 * pooled twice, the second timed); {@code touch pass} (bytes 0 and 64 of each row, nothing else); {@code simple
 * decode, rows in cache} (the plainest Java decode of the same rows, run twice, the second timed); {@code touch
 * ahead} (the plain decode touching the row 16 lookups ahead); {@code touch next group} (touch the next 16 rows,
 * then decode these). A row is touched by loads, which hold their place in the reorder buffer until their lines
 * arrive: the last two show what mixing touches into the decode costs. Diagnostic only: the plain decode assumes
 * the layout (one chunk, FP32 qparams), which it checks.
 */
public final class LookupAnatomy {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> CODES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
    private static final int DIM = 64;
    private static final int BATCH = 2048;
    private static final int BLOCK = 128;
    private static final int AHEAD = 16;
    private static final String[] VARIANTS = {"kernel", "kernel, rows in cache", "touch pass",
        "simple decode, rows in cache", "touch ahead (16)", "touch next group (16)"};

    private static long sink;

    private LookupAnatomy() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: LookupAnatomy ROWS zipf|uniform [rounds], got "
                    + String.join(" ", args));
        }
        long rows = Long.parseLong(args[0]);
        boolean zipf = "zipf".equals(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        EmbeddingConfig config = EmbeddingConfig.of(DIM, new long[] {rows}, Precision.INT8, CacheConfig.none())
                .withThreads(1);
        try (CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config)) {
            EmbeddingTable table = collection.table(0);
            if (table.storage().numChunks() != 1 || table.layout().qparamsPrecision() != QParamsPrecision.FP32) {
                throw new IllegalStateException("the plain decode assumes one chunk and FP32 qparams, got "
                        + table.storage().numChunks() + " chunks, " + table.layout().qparamsPrecision());
            }
            run(TableKernels.of(table), table.storage().chunkAt(0), table.storage().stride(),
                    IdStreams.ids(rows, zipf, BATCH, IdStreams.BATCHES), rounds, args[1]);
        }
    }

    private static void run(TableKernels kernels, byte[] chunk, int stride, int[][] batches, int rounds, String ids) {
        int[] offsets = new int[BATCH + 1];
        for (int bag = 0; bag <= BATCH; bag++) {
            offsets[bag] = bag;
        }
        float[] out = new float[BATCH * DIM];
        List<List<Double>> nanosPerLookup = new ArrayList<>();
        for (int v = 0; v < VARIANTS.length; v++) {
            nanosPerLookup.add(new ArrayList<>());
        }
        int warmUp = 2;
        for (int round = 0; round < (rounds + warmUp) * VARIANTS.length; round++) {
            int variant = round % VARIANTS.length;
            long elapsed = 0;
            long lookups = 0;
            for (int b = 0; elapsed < 300_000_000L; b = (b + 1) % batches.length) {
                int[] indices = batches[b];
                for (int first = 0; first < BATCH; first += BLOCK) {
                    BagBlock block = new BagBlock(offsets, indices, first, first + BLOCK, first + BLOCK, out, 0, DIM);
                    if (variant == 1) {
                        kernels.pool(block, null);
                    } else if (variant == 3) {
                        decode(chunk, stride, indices, first, out);
                    }
                    long start = System.nanoTime();
                    switch (variant) {
                        case 0, 1 -> kernels.pool(block, null);
                        case 2 -> touch(chunk, stride, indices, first, first + BLOCK);
                        case 3 -> decode(chunk, stride, indices, first, out);
                        case 4 -> decodeTouchingAhead(chunk, stride, indices, first, out);
                        default -> {
                            for (int group = first; group < first + BLOCK; group += AHEAD) {
                                int next = Math.min(first + BLOCK, group + 2 * AHEAD);
                                touch(chunk, stride, indices, group + AHEAD, next);
                                decodeRange(chunk, stride, indices, group, group + AHEAD, out);
                            }
                        }
                    }
                    elapsed += System.nanoTime() - start;
                    lookups += BLOCK;
                }
            }
            if (round >= warmUp * VARIANTS.length) {
                nanosPerLookup.get(variant).add((double) elapsed / lookups);
            }
        }
        System.out.printf(Locale.ROOT, "INT8 %d x %d, %s ids, blocks of %d, %d rounds (ns per lookup, median; M/s):%n",
                chunk.length / stride, DIM, ids, BLOCK, rounds);
        for (int v = 0; v < VARIANTS.length; v++) {
            List<Double> values = nanosPerLookup.get(v);
            Collections.sort(values);
            double median = values.get(values.size() / 2);
            System.out.printf(Locale.ROOT, "  %-30s %6.1f ns  %6.1f M/s%n", VARIANTS[v], median, 1e3 / median);
        }
    }

    private static int rowAt(int row, int stride) {
        return ChunkedRowStorage.ROW_ORIGIN + row * stride;
    }

    /** Bytes 0 and 64 of rows {@code [from, to)}: both lines of a 72-byte row. */
    private static void touch(byte[] chunk, int stride, int[] indices, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            int at = rowAt(indices[i], stride);
            sum += chunk[at] + chunk[at + 64];
        }
        sink += sum;
    }

    private static void decode(byte[] chunk, int stride, int[] indices, int first, float[] out) {
        decodeRange(chunk, stride, indices, first, first + BLOCK, out);
    }

    private static void decodeRange(byte[] chunk, int stride, int[] indices, int from, int to, float[] out) {
        for (int i = from; i < to; i++) {
            decodeRow(chunk, rowAt(indices[i], stride), out, i * DIM);
        }
    }

    /** {@code (code & 0xff) * scale + bias}, 16 codes at a time (a loop of constant trip count, unrolled). */
    private static void decodeRow(byte[] chunk, int at, float[] out, int outAt) {
        float scale = ByteViews.getFloat(chunk, at);
        float bias = ByteViews.getFloat(chunk, at + 4);
        for (int j = 0; j < DIM; j += 16) {
            IntVector codes = (IntVector) ByteVector.fromArray(CODES, chunk, at + 8 + j)
                    .convertShape(VectorOperators.B2I, INTS, 0);
            FloatVector values = (FloatVector) codes.and(0xff).convertShape(VectorOperators.I2F, FLOATS, 0);
            values.mul(scale).add(bias).intoArray(out, outAt + j);
        }
    }

    private static void decodeTouchingAhead(byte[] chunk, int stride, int[] indices, int first, float[] out) {
        int end = first + BLOCK;
        touch(chunk, stride, indices, first, first + AHEAD);
        long sum = 0;
        for (int i = first; i < end; i++) {
            decodeRow(chunk, rowAt(indices[i], stride), out, i * DIM);
            if (i + AHEAD < end) {
                int at = rowAt(indices[i + AHEAD], stride);
                sum += chunk[at] + chunk[at + 64];
            }
        }
        sink += sum;
    }
}
