package dev.ember.jobs.feed;

import dev.ember.engine.data.Batch;
import dev.ember.engine.data.BatchSource;
import dev.ember.engine.embedding.SparseBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;

/**
 * Training batches from the pipeline's Parquet split. Rows are read a shuffle buffer at a time (whole row
 * groups, at least {@code shuffleBufferRows} rows), permuted with a generator seeded by (seed, epoch, buffer),
 * and cut into batches; the next buffer is decoded on a background thread while the current one trains, so
 * reading overlaps compute. The order depends only on the files, the seed and the epoch.
 */
public final class ParquetBatchSource implements BatchSource {
    private final List<String> files;
    private final int numDense;
    private final int numTables;
    private final boolean shuffle;
    private final long seed;
    private final int shuffleBufferRows;
    private final long numSamples;
    private final ExecutorService prefetcher;

    private ParquetRowGroups rowGroups;
    private Future<ColumnarRows> pending;
    private ColumnarRows current;
    private int[] order;
    private int position;
    private int epoch = -1;
    private int bufferIndex;
    private float[] labels = new float[0];
    private float[] dense = new float[0];
    private int[][] indices;
    private int[] offsets = new int[0];

    public ParquetBatchSource(List<String> files, int numDense, int numTables, boolean shuffle, long seed,
                              int shuffleBufferRows) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No Parquet files given to read");
        }
        if (shuffleBufferRows < 1) {
            throw new IllegalArgumentException("shuffleBufferRows must be >= 1, got " + shuffleBufferRows);
        }
        this.files = List.copyOf(files);
        this.numDense = numDense;
        this.numTables = numTables;
        this.shuffle = shuffle;
        this.seed = seed;
        this.shuffleBufferRows = shuffleBufferRows;
        this.indices = new int[numTables][0];
        try {
            this.numSamples = ParquetRowGroups.countRows(this.files, new Configuration());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Parquet footers of " + this.files, e);
        }
        this.prefetcher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ember-parquet-prefetch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public int numDense() {
        return numDense;
    }

    @Override
    public int numTables() {
        return numTables;
    }

    @Override
    public long numSamples() {
        return numSamples;
    }

    @Override
    public void startEpoch(int epoch) {
        stopReading();
        this.epoch = epoch;
        this.bufferIndex = 0;
        this.current = null;
        this.rowGroups = new ParquetRowGroups(files, new Configuration(), numDense, numTables);
        this.pending = prefetcher.submit(this::loadBuffer);
    }

    @Override
    public Batch next(int maxBatchSize) {
        if (epoch < 0) {
            throw new IllegalStateException("startEpoch must be called before next");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if ((current == null || position == current.rows) && !advanceBuffer()) {
            return null;
        }
        int size = Math.min(maxBatchSize, current.rows - position);
        ensureBatchCapacity(size);
        for (int b = 0; b < size; b++) {
            int row = order[position + b];
            labels[b] = current.labels[row];
            System.arraycopy(current.dense, row * numDense, dense, b * numDense, numDense);
            int idBase = row * numTables;
            for (int t = 0; t < numTables; t++) {
                indices[t][b] = current.ids[idBase + t];
            }
        }
        position += size;
        int[][] offsetsPerTable = new int[numTables][];
        java.util.Arrays.fill(offsetsPerTable, offsets);
        return new Batch(size, numDense, labels, dense, new SparseBatch(size, offsetsPerTable, indices));
    }

    private boolean advanceBuffer() {
        ColumnarRows next;
        try {
            next = pending == null ? null : pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading Parquet", e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("Cannot read Parquet split " + files, asIo(e.getCause()));
        }
        pending = null;
        if (next == null) {
            current = null;
            return false;
        }
        current = next;
        position = 0;
        order = permutation(current.rows);
        bufferIndex++;
        pending = prefetcher.submit(this::loadBuffer);
        return true;
    }

    private ColumnarRows loadBuffer() throws IOException {
        ColumnarRows buffer = null;
        while (buffer == null || buffer.rows < shuffleBufferRows) {
            ColumnarRows group = rowGroups.next();
            if (group == null) {
                break;
            }
            if (buffer == null) {
                buffer = group;
            } else {
                buffer.append(group);
            }
        }
        return buffer == null || buffer.rows == 0 ? null : buffer;
    }

    private int[] permutation(int rows) {
        int[] permutation = new int[rows];
        for (int i = 0; i < rows; i++) {
            permutation[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + bufferIndex);
            for (int i = rows - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
        }
        return permutation;
    }

    private void ensureBatchCapacity(int size) {
        if (labels.length >= size) {
            return;
        }
        labels = new float[size];
        dense = new float[size * numDense];
        for (int t = 0; t < numTables; t++) {
            indices[t] = new int[size];
        }
        offsets = new int[size + 1];
        for (int i = 0; i <= size; i++) {
            offsets[i] = i;
        }
    }

    private static IOException asIo(Throwable cause) {
        return cause instanceof IOException io ? io : new IOException(cause);
    }

    private void stopReading() {
        if (pending != null) {
            try {
                pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // The epoch is being abandoned; its read error no longer matters.
            }
            pending = null;
        }
        if (rowGroups != null) {
            try {
                rowGroups.close();
            } catch (IOException ignored) {
                // Closing a read-only file: nothing to lose.
            }
            rowGroups = null;
        }
    }

    @Override
    public void close() {
        stopReading();
        prefetcher.shutdownNow();
    }
}
