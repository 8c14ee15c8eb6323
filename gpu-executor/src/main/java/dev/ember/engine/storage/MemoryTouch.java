package dev.ember.engine.storage;

/**
 * Reads memory before it is used, one value per 64-byte line plus the range's last value (a range need not start
 * on a line: only rows whose stride divides 64 sit on lines, see {@link ChunkedRowStorage#ROW_ORIGIN}, so a range
 * may span one line more than its length suggests). Java has no prefetch
 * instruction: batch callers touch everything a pass will need in one loop of independent reads, whose memory
 * latencies the CPU overlaps, then do the dependent work on data now in cache. Each method returns a value the
 * caller hands to {@link #keep}, so the reads are not optimised away.
 */
public final class MemoryTouch {
    private static final int LINE_BYTES = 64;

    @SuppressWarnings("unused")
    private static volatile long sink;

    private MemoryTouch() {
    }

    /** Touches {@code array[from .. from + length)} ({@code length >= 1}). */
    public static long bytes(byte[] array, int from, int length) {
        long sum = array[from + length - 1];
        for (int i = from; i < from + length; i += LINE_BYTES) {
            sum += array[i];
        }
        return sum;
    }

    /** Touches {@code array[from .. from + length)} ({@code length >= 1}). */
    public static long floats(float[] array, int from, int length) {
        long sum = Float.floatToRawIntBits(array[from + length - 1]);
        for (int i = from; i < from + length; i += LINE_BYTES / Float.BYTES) {
            sum += Float.floatToRawIntBits(array[i]);
        }
        return sum;
    }

    /** Touches {@code array[from .. from + length)} ({@code length >= 1}). */
    public static long longs(long[] array, int from, int length) {
        long sum = array[from + length - 1];
        for (int i = from; i < from + length; i += LINE_BYTES / Long.BYTES) {
            sum += array[i];
        }
        return sum;
    }

    /** Keeps the reads that produced {@code touched} alive. */
    public static void keep(long touched) {
        sink = touched;
    }
}
