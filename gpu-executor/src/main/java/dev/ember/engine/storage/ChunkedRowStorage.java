package dev.ember.engine.storage;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Fixed-stride rows in flat byte arrays ("chunks"), so one table may exceed a Java array's 2 GiB limit.
 * A chunk holds a power-of-two number of rows and a row never straddles two chunks; the last chunk is
 * sized to its rows exactly, so the allocated bytes are {@code numRows * stride}. The chunks are the
 * table's wire and device format as is: a CUDA backend copies them without conversion.
 */
public final class ChunkedRowStorage {
    /** Chunk size limit used by default: 1 GiB. */
    public static final long DEFAULT_MAX_CHUNK_BYTES = 1L << 30;

    private final long numRows;
    private final int stride;
    private final int rowsPerChunkShift;
    private final long rowMask;
    private final byte[][] chunks;

    public ChunkedRowStorage(long numRows, int stride, long maxChunkBytes) {
        if (numRows < 0) {
            throw new IllegalArgumentException("numRows must be >= 0, got " + numRows);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("row stride must be >= 1 byte, got " + stride);
        }
        if (maxChunkBytes < stride || maxChunkBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxChunkBytes must be in [stride " + stride + ", 2^31 - 17], got "
                    + maxChunkBytes);
        }
        this.numRows = numRows;
        this.stride = stride;
        this.rowsPerChunkShift = 63 - Long.numberOfLeadingZeros(maxChunkBytes / stride);
        this.rowMask = (1L << rowsPerChunkShift) - 1;
        long rowsPerChunk = 1L << rowsPerChunkShift;
        int numChunks = (int) ((numRows + rowsPerChunk - 1) / rowsPerChunk);
        this.chunks = new byte[numChunks][];
        for (int c = 0; c < numChunks; c++) {
            long rowsHere = Math.min(rowsPerChunk, numRows - c * rowsPerChunk);
            chunks[c] = new byte[(int) (rowsHere * stride)];
        }
    }

    public long numRows() {
        return numRows;
    }

    public int stride() {
        return stride;
    }

    /** The chunk holding {@code row}. */
    public byte[] chunk(long row) {
        return chunks[(int) (row >>> rowsPerChunkShift)];
    }

    /** The byte offset of {@code row} inside its chunk. */
    public int offset(long row) {
        return (int) (row & rowMask) * stride;
    }

    /** Rows per chunk as a power of two: row {@code r} is row {@code r & (2^shift - 1)} of chunk {@code r >>> shift}. */
    public int rowsPerChunkShift() {
        return rowsPerChunkShift;
    }

    public int numChunks() {
        return chunks.length;
    }

    /** Chunk {@code index} itself (for copying to a device or a file). */
    public byte[] chunkAt(int index) {
        return chunks[index];
    }

    /** Bytes actually allocated: the sum of the chunk lengths. */
    public long allocatedBytes() {
        long total = 0;
        for (byte[] chunk : chunks) {
            total += chunk.length;
        }
        return total;
    }

    public void write(DataOutput out) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk);
        }
    }

    public void read(DataInput in) throws IOException {
        for (byte[] chunk : chunks) {
            in.readFully(chunk);
        }
    }
}
