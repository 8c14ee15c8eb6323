package dev.ember.engine.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TableKernels#isOneHot} (16 offsets per vector compare, then a scalar tail) on blocks that nearly are. */
class OneHotCheckTest {
    private static BagBlock block(int[] offsets, int firstBag, int endBag) {
        return new BagBlock(offsets, new int[offsets[offsets.length - 1]], firstBag, endBag, 0, new float[0], 0, 0);
    }

    /** Offsets {@code base, base + 1, ...} for {@code bags} bags. */
    private static int[] counting(int bags, int base) {
        int[] offsets = new int[bags + 1];
        for (int b = 0; b <= bags; b++) {
            offsets[b] = base + b;
        }
        return offsets;
    }

    @Test
    void countingOffsetsAreOneHotWhateverTheBlockAndBase() {
        for (int bags : new int[] {1, 15, 16, 17, 128, 130}) {
            int[] offsets = counting(bags, 0);
            assertTrue(TableKernels.isOneHot(block(offsets, 0, bags)), bags + " bags");
            assertTrue(TableKernels.isOneHot(block(offsets, 1, bags)), bags + " bags from bag 1");
        }
        int[] shifted = counting(40, 0);
        for (int b = 10; b <= 40; b++) {
            shifted[b] += 3; // bag 9 holds 4 lookups; bags 10.. are one-hot again
        }
        assertTrue(TableKernels.isOneHot(block(shifted, 10, 40)), "a block after a multi-hot bag");
        assertFalse(TableKernels.isOneHot(block(shifted, 0, 40)), "the block with it");
    }

    @Test
    void anEmptyBagBesideADoubleOneIsNotOneHotAnywhereInTheBlock() {
        for (int bags : new int[] {2, 16, 17, 40, 128}) {
            for (int empty = 0; empty + 1 < bags; empty++) {
                int[] offsets = counting(bags, 0);
                // Bag `empty` holds nothing and bag `empty + 1` two lookups: the totals still count up by one.
                offsets[empty + 1] = offsets[empty];
                assertFalse(TableKernels.isOneHot(block(offsets, 0, bags)), bags + " bags, empty bag " + empty);
            }
        }
    }
}
