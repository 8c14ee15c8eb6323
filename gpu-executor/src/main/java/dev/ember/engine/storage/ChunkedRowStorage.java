package dev.ember.engine.storage;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Fixed-stride rows in flat byte arrays ("chunks"), so one table may exceed a Java array's 2 GiB limit.
 * A chunk holds a power-of-two number of rows and a row never straddles two chunks; the last chunk is
 * sized to its rows exactly. Rows start {@link #ROW_ORIGIN} bytes into their chunk, so the allocated bytes are
 * {@code numRows * stride + ROW_ORIGIN * numChunks}. From the origin on, the chunks are the table's wire and
 * device format as is: a checkpoint writes them without conversion (and without the origin).
 */
public final class ChunkedRowStorage {
    /**
     * Bytes before a chunk's first row: a {@code byte[]}'s data start 16 bytes into the object, and G1 starts an
     * array of more than half a region on a region boundary, so 48 bytes put row 0, and every row whose stride
     * divides 64 or is a multiple of it (FP32 rows of dim 16, 32, 64, ...), on 64-byte lines. Unaligned, a
     * 64-byte row spans two lines. A separate loop over one array (one JVM, rounds alternating the origin)
     * read random 64-byte rows 1.06x faster aligned at 1M rows Zipf, 1.8-2.0x uniform, and 256-byte rows of
     * 8M 1.1-1.5x (Zipf).
     */
    public static final int ROW_ORIGIN = 48;
    /**
     * Chunk size limit used by default: the largest a {@code byte[]} allows (just under 2 GiB), so that most tables
     * are one chunk, which the kernels read without the chunk array (an INT8 table of 10M x 64 was two chunks
     * of 1 GiB and is now one; its lookups 1.2x). Rows per chunk stay a power of two, so an FP32 dim-64 chunk
     * still holds 1 GiB.
     */
    public static final long DEFAULT_MAX_CHUNK_BYTES = Integer.MAX_VALUE - 16 - ROW_ORIGIN;

    private final long numRows;
    private final int stride;
    private final long maxChunkBytes;
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
        if (maxChunkBytes < stride || maxChunkBytes > Integer.MAX_VALUE - 16 - ROW_ORIGIN) {
            throw new IllegalArgumentException("maxChunkBytes must be in [stride " + stride + ", 2^31 - 17 - "
                    + ROW_ORIGIN + "], got " + maxChunkBytes);
        }
        this.numRows = numRows;
        this.stride = stride;
        this.maxChunkBytes = maxChunkBytes;
        this.rowsPerChunkShift = rowsPerChunkShift(stride, maxChunkBytes);
        this.rowMask = (1L << rowsPerChunkShift) - 1;
        long rowsPerChunk = 1L << rowsPerChunkShift;
        int numChunks = (int) chunkCount(numRows, rowsPerChunk);
        this.chunks = new byte[numChunks][];
        for (int c = 0; c < numChunks; c++) {
            long rowsHere = Math.min(rowsPerChunk, numRows - c * rowsPerChunk);
            chunks[c] = new byte[ROW_ORIGIN + (int) (rowsHere * stride)];
        }
    }

    private static int rowsPerChunkShift(int stride, long maxChunkBytes) {
        return 63 - Long.numberOfLeadingZeros(maxChunkBytes / stride);
    }

    private static long chunkCount(long numRows, long rowsPerChunk) {
        return (numRows + rowsPerChunk - 1) / rowsPerChunk;
    }

    /** {@link #allocatedBytes} of a storage of these dimensions, without allocating it. */
    public static long allocatedBytes(long numRows, int stride, long maxChunkBytes) {
        return numRows * stride + ROW_ORIGIN * chunkCount(numRows, 1L << rowsPerChunkShift(stride, maxChunkBytes));
    }

    public long numRows() {
        return numRows;
    }

    /** The chunk size limit this storage was built with. */
    public long maxChunkBytes() {
        return maxChunkBytes;
    }

    public int stride() {
        return stride;
    }

    /** The chunk holding {@code row}. */
    public byte[] chunk(long row) {
        return chunks[(int) (row >>> rowsPerChunkShift)];
    }

    /** The byte offset of {@code row} inside its chunk ({@link #ROW_ORIGIN} for a chunk's first row). */
    public int offset(long row) {
        return ROW_ORIGIN + (int) (row & rowMask) * stride;
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

    /** Bytes actually allocated: the sum of the chunk lengths, {@link #ROW_ORIGIN} of each included. */
    public long allocatedBytes() {
        long total = 0;
        for (byte[] chunk : chunks) {
            total += chunk.length;
        }
        return total;
    }

    public void write(DataOutput out) throws IOException {
        for (byte[] chunk : chunks) {
            out.write(chunk, ROW_ORIGIN, chunk.length - ROW_ORIGIN);
        }
    }

    public void read(DataInput in) throws IOException {
        for (byte[] chunk : chunks) {
            in.readFully(chunk, ROW_ORIGIN, chunk.length - ROW_ORIGIN);
        }
    }
}
