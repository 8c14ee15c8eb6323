package dev.ember.engine.storage;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A touch must read some value in every 64-byte window of its range (wherever the hardware's lines fall, each
 * holds such a window's start or end), and nothing outside the range: for every range length and several origins,
 * the array ends exactly at the range's end and only one window holds non-zero values.
 */
class MemoryTouchTest {
    private static final int[] ORIGINS = {0, 5, 48};

    /** Touches {@code [from, from + length)} of an array whose only non-zero values are {@code [start, end)}. */
    private interface WindowTouch {
        long touch(int from, int length, int start, int end);
    }

    @Test
    void bytesReadEveryWindowOfTheRangeAndNothingPastIt() {
        checkEveryWindow("bytes", 300, 64, (from, length, start, end) -> {
            byte[] array = new byte[from + length];
            Arrays.fill(array, start, end, (byte) 1);
            return MemoryTouch.bytes(array, from, length);
        });
    }

    @Test
    void floatsReadEveryWindowOfTheRangeAndNothingPastIt() {
        checkEveryWindow("floats", 80, 16, (from, length, start, end) -> {
            float[] array = new float[from + length];
            // Float.MIN_VALUE's bits are 1: the touch adds raw bits, which must not overflow here.
            Arrays.fill(array, start, end, Float.MIN_VALUE);
            return MemoryTouch.floats(array, from, length);
        });
    }

    @Test
    void longsReadEveryWindowOfTheRangeAndNothingPastIt() {
        checkEveryWindow("longs", 120, 8, (from, length, start, end) -> {
            long[] array = new long[from + length];
            Arrays.fill(array, start, end, 1L);
            return MemoryTouch.longs(array, from, length);
        });
    }

    private static void checkEveryWindow(String kind, int maxLength, int window, WindowTouch touch) {
        for (int from : ORIGINS) {
            for (int length = 1; length <= maxLength; length++) {
                for (int start = from; start < from + length; start++) {
                    int end = Math.min(start + window, from + length);
                    assertTrue(touch.touch(from, length, start, end) > 0, kind + ": no read in [" + start + ", " + end
                            + ") of a range at " + from + " of length " + length);
                }
            }
        }
    }
}
