package dev.ember.benchmarks;

import dev.ember.engine.random.ZipfSampler;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The id streams the benchmarks feed the engine, so that a peer (benchmarks/peers/pytorch_embedding.py) can be
 * measured on exactly the same ids. {@code java -cp benchmarks.jar dev.ember.benchmarks.IdStreams ROWS
 * zipf|uniform LOOKUPS_PER_BATCH OUT_FILE} writes {@link #BATCHES} batches of ids as little-endian int32.
 */
public final class IdStreams {
    /** Batches cycled through by the harnesses: enough that a batch is not in the CPU's caches when it recurs. */
    public static final int BATCHES = 32;

    private IdStreams() {
    }

    /** Ids of every batch, Zipf(1.05) spread over the table or uniform, seed 7; {@code ids[b]} is batch b. */
    public static int[][] ids(long rows, boolean zipf, int lookupsPerBatch) {
        return ids(rows, zipf, lookupsPerBatch, BATCHES);
    }

    /**
     * {@link #ids} with {@code batches} batches instead of {@link #BATCHES} (the first 32 are the same ids). A row
     * cache needs a longer stream to see misses: the 32 Zipf batches of a 1M-row table touch about 21,600
     * distinct rows, which a 5% cache (50,016 slots) holds entirely, so after warm-up every lookup hits.
     */
    public static int[][] ids(long rows, boolean zipf, int lookupsPerBatch, int batches) {
        ZipfSampler sampler = new ZipfSampler(rows, 1.05, 7);
        SplittableRandom uniform = new SplittableRandom(7);
        int[][] ids = new int[batches][lookupsPerBatch];
        for (int b = 0; b < batches; b++) {
            for (int i = 0; i < lookupsPerBatch; i++) {
                ids[b][i] = zipf ? (int) sampler.scatteredId((long) b * lookupsPerBatch + i)
                        : uniform.nextInt((int) rows);
            }
        }
        return ids;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 || !(args[1].equals("zipf") || args[1].equals("uniform"))) {
            throw new IllegalArgumentException("usage: IdStreams ROWS zipf|uniform LOOKUPS_PER_BATCH OUT_FILE, got "
                    + String.join(" ", args));
        }
        int[][] ids = ids(Long.parseLong(args[0]), args[1].equals("zipf"), Integer.parseInt(args[2]));
        try (OutputStream file = Files.newOutputStream(Path.of(args[3]));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
            for (int[] batch : ids) {
                for (int id : batch) {
                    out.writeInt(Integer.reverseBytes(id));
                }
            }
        }
    }
}
