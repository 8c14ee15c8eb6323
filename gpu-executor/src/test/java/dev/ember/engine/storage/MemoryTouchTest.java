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

    @Test
    void bytesReadEveryWindowOfTheRangeAndNothingPastIt() {
        for (int from : ORIGINS) {
            for (int length = 1; length <= 300; length++) {
                byte[] array = new byte[from + length];
                for (int start = from; start < from + length; start++) {
                    Arrays.fill(array, (byte) 0);
                    Arrays.fill(array, start, Math.min(start + 64, from + length), (byte) 1);
                    assertTrue(MemoryTouch.bytes(array, from, length) > 0,
                            "bytes: no read in [" + start + ", " + (start + 64) + ") of a range at " + from + " of length " + length);
                }
            }
        }
    }

    @Test
    void floatsReadEveryWindowOfTheRangeAndNothingPastIt() {
        for (int from : ORIGINS) {
            for (int length = 1; length <= 80; length++) {
                float[] array = new float[from + length];
                for (int start = from; start < from + length; start++) {
                    Arrays.fill(array, 0f);
                    // Float.MIN_VALUE's bits are 1: the touch adds raw bits, which must not overflow here.
                    Arrays.fill(array, start, Math.min(start + 16, from + length), Float.MIN_VALUE);
                    assertTrue(MemoryTouch.floats(array, from, length) > 0,
                            "floats: no read in [" + start + ", " + (start + 16) + ") of a range at " + from + " of length " + length);
                }
            }
        }
    }

    @Test
    void longsReadEveryWindowOfTheRangeAndNothingPastIt() {
        for (int from : ORIGINS) {
            for (int length = 1; length <= 120; length++) {
                long[] array = new long[from + length];
                for (int start = from; start < from + length; start++) {
                    Arrays.fill(array, 0L);
                    Arrays.fill(array, start, Math.min(start + 8, from + length), 1L);
                    assertTrue(MemoryTouch.longs(array, from, length) > 0,
                            "longs: no read in [" + start + ", " + (start + 8) + ") of a range at " + from + " of length " + length);
                }
            }
        }
    }
}
