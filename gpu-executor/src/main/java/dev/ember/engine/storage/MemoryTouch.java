package dev.ember.engine.storage;

/**
 * Reads memory before it is used, one value per 64-byte line plus the range's last value (a range need not start
 * on a line: only rows whose stride divides 64 sit on lines, see {@link ChunkedRowStorage#ROW_ORIGIN}, so a range
 * may span one line more than its length suggests). Java has no prefetch
 * instruction: batch callers touch everything a pass will need in one loop of independent reads, whose memory
 * latencies the CPU overlaps, then do the dependent work on data now in cache. Each method returns a value the
 * caller hands to {@link #keep}, so the reads are not optimised away.
 *
 * <p>Ranges of up to four lines and a byte (an FP32 row of dim 64, a slot, an INT8 row) are touched with a fixed
 * run of reads and no loop: a loop per range, even of one or two iterations, costs loop set-up per row, and with
 * it fewer rows' misses fit in the CPU's out-of-order window (a touch pass over 10M x 64 rows in one JVM: 110 M
 * rows/s straight-line against 15-20 with a loop per row; docs/engine.md section 1). {@link #longs} does the same
 * for up to twelve lines, a cache set's metadata. Every read counts: a touch loop overlaps as many rows' misses as
 * the out-of-order window holds its iterations. Ranges of two lines and a byte (an INT8 row of 64 codes and FP32
 * qparams, 72 bytes) take three reads instead of the four-line case's five, which made the INT8 10M x 64 lookup,
 * whose touch pass this was, 1.32x (Zipf) and 1.63x (uniform) faster (one JVM, session 9); the kernels now touch
 * such rows at bytes 0 and 64 where the layout allows ({@code TableKernels}: fewer instructions still).
 */
public final class MemoryTouch {
    private static final int LINE_BYTES = 64;
    private static final int LINE_FLOATS = LINE_BYTES / Float.BYTES;
    private static final int LINE_LONGS = LINE_BYTES / Long.BYTES;

    @SuppressWarnings("unused")
    private static volatile long sink;

    private MemoryTouch() {
    }

    /** Touches {@code array[from .. from + length)} ({@code length >= 1}). */
    public static long bytes(byte[] array, int from, int length) {
        int last = from + length - 1;
        if (length <= LINE_BYTES + 1) {
            return array[from] + array[last];
        }
        if (length <= 2 * LINE_BYTES + 1) {
            return array[from] + array[from + LINE_BYTES] + array[last];
        }
        if (length <= 4 * LINE_BYTES + 1) {
            return array[from] + array[Math.min(from + LINE_BYTES, last)] + array[Math.min(from + 2 * LINE_BYTES, last)]
                    + array[Math.min(from + 3 * LINE_BYTES, last)] + array[last];
        }
        long sum = array[last];
        for (int i = from; i < last; i += LINE_BYTES) {
            sum += array[i];
        }
        return sum;
    }

    /** Touches {@code array[from .. from + length)} ({@code length >= 1}). */
    public static long floats(float[] array, int from, int length) {
        int last = from + length - 1;
        if (length <= LINE_FLOATS + 1) {
            return Float.floatToRawIntBits(array[from]) + Float.floatToRawIntBits(array[last]);
        }
        if (length <= 4 * LINE_FLOATS + 1) {
            return Float.floatToRawIntBits(array[from])
                    + Float.floatToRawIntBits(array[Math.min(from + LINE_FLOATS, last)])
                    + Float.floatToRawIntBits(array[Math.min(from + 2 * LINE_FLOATS, last)])
                    + Float.floatToRawIntBits(array[Math.min(from + 3 * LINE_FLOATS, last)])
                    + Float.floatToRawIntBits(array[last]);
        }
        long sum = Float.floatToRawIntBits(array[last]);
        for (int i = from; i < last; i += LINE_FLOATS) {
            sum += Float.floatToRawIntBits(array[i]);
        }
        return sum;
    }

    /**
     * Touches {@code array[from .. from + length)} ({@code length >= 1}); up to twelve lines and a value (a cache
     * set's fingerprints, tags and last-use steps at 32 ways: 68 longs) without a loop.
     */
    public static long longs(long[] array, int from, int length) {
        int last = from + length - 1;
        if (length <= LINE_LONGS + 1) {
            return array[from] + array[last];
        }
        if (length <= 12 * LINE_LONGS + 1) {
            long sum = array[from] + array[Math.min(from + LINE_LONGS, last)]
                    + array[Math.min(from + 2 * LINE_LONGS, last)] + array[Math.min(from + 3 * LINE_LONGS, last)];
            sum += array[Math.min(from + 4 * LINE_LONGS, last)] + array[Math.min(from + 5 * LINE_LONGS, last)]
                    + array[Math.min(from + 6 * LINE_LONGS, last)] + array[Math.min(from + 7 * LINE_LONGS, last)];
            sum += array[Math.min(from + 8 * LINE_LONGS, last)] + array[Math.min(from + 9 * LINE_LONGS, last)]
                    + array[Math.min(from + 10 * LINE_LONGS, last)] + array[Math.min(from + 11 * LINE_LONGS, last)];
            return sum + array[last];
        }
        long sum = array[last];
        for (int i = from; i < last; i += LINE_LONGS) {
            sum += array[i];
        }
        return sum;
    }

    /** Keeps the reads that produced {@code touched} alive. */
    public static void keep(long touched) {
        sink = touched;
    }
}
