package dev.ember.engine.kernel;

import static dev.ember.engine.cache.RowCache.SLOT_ORIGIN;

import dev.ember.engine.storage.EmbeddingTable;

import java.util.Arrays;

/**
 * Kernels of formats whose row stores element {@code d} at one place per row, in order (FP32, INT8): their scalar
 * tail (elements past the last multiple of 16) is the same loop over a format-specific {@link #addStored}. INT4's
 * planar layout has its own tail. The hook is called only in the tail, never in the vector loops.
 */
abstract class ContiguousTableKernels extends TableKernels {
    ContiguousTableKernels(EmbeddingTable table) {
        super(table);
    }

    /**
     * Elements {@code from .. dim - 1} of every bag, scalar and row by row (each output starts at
     * {@link #bagStart} and adds the bag's rows in order, as the vector blocks do).
     */
    final void poolTail(BagBlock bags, CachedLookups cached, int from) {
        if (from == dim) {
            return;
        }
        int[] offsets = bags.offsets();
        float[] out = bags.out();
        for (int bag = bags.firstBag(); bag < bags.endBag(); bag++) {
            int base = bags.outBase() + bag * bags.outStride();
            Arrays.fill(out, base + from, base + dim, bagStart(offsets, bag));
            for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                int slot = cached == null ? -1 : cached.slotOf(i);
                if (slot >= 0) {
                    addSlot(cached.slots(), SLOT_ORIGIN + slot * dim, from, out, base);
                } else {
                    addStored(bags.indices()[i], from, out, base);
                }
            }
        }
    }

    /** {@code out[base + d] += } element {@code d} of a stored row, for {@code from <= d < dim}. */
    abstract void addStored(int row, int from, float[] out, int base);
}
