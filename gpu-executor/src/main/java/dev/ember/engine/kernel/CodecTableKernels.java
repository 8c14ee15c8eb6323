package dev.ember.engine.kernel;

import static dev.ember.engine.cache.RowCache.SLOT_ORIGIN;

import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.format.RowCodec;
import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.storage.EmbeddingTable;

import java.util.Arrays;

/**
 * The loops over the row codec: any format, vectors or not. They define what the specialised kernels must
 * compute: a bag's sum adds its rows in lookup order, starting from -0.0, the identity of float addition (an
 * empty bag is +0.0, {@link TableKernels#bagStart}); a row's gradient starts at 0f and adds
 * its lookups' gradients in lookup order; SGD is {@code w -= learningRate * gradient} in FP32.
 */
final class CodecTableKernels extends TableKernels {
    /**
     * Lookups ahead whose row is touched to overlap cache misses (Java has no prefetch instruction): in these
     * longer loops (a codec call per row) 16 measured 1.5-2x faster than 6 on uniform ids.
     */
    private static final int TOUCH_AHEAD = Integer.getInteger("ember.touchAhead", 16);

    private final RowCodec codec;

    CodecTableKernels(EmbeddingTable table) {
        super(table);
        this.codec = table.codec();
    }

    @Override
    public void pool(BagBlock bags, CachedLookups cached) {
        int[] offsets = bags.offsets();
        int[] indices = bags.indices();
        float[] out = bags.out();
        int touched = 0;
        for (int bag = bags.firstBag(); bag < bags.endBag(); bag++) {
            int base = bags.outBase() + bag * bags.outStride();
            Arrays.fill(out, base, base + dim, bagStart(offsets, bag));
            for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                touched += touchAhead(bags, cached, i);
                int slot = cached == null ? -1 : cached.slotOf(i);
                if (slot >= 0) {
                    addRow(cached.slots(), SLOT_ORIGIN + slot * dim, out, base);
                } else {
                    int row = indices[i];
                    codec.accumulate(chunk(row), offset(row), out, base);
                }
            }
        }
        touchSink = touched;
    }

    /**
     * Reads the first element of lookup {@code i + TOUCH_AHEAD}, or of the last lookup before {@code touchEnd} near
     * the end (no branch): its cache slot if cached, else its stored row. Called a few lookups ahead, it starts
     * the cache miss early so that several overlap.
     */
    private int touchAhead(BagBlock bags, CachedLookups cached, int i) {
        if (TOUCH_AHEAD == 0) {
            return 0;
        }
        int ahead = Math.min(i + TOUCH_AHEAD, bags.touchEnd() - 1);
        int slot = cached == null ? -1 : cached.slotOf(ahead);
        if (slot >= 0) {
            return (int) cached.slots()[SLOT_ORIGIN + slot * dim];
        }
        int row = bags.indices()[ahead];
        return chunk(row)[offset(row)];
    }

    /** Keeps the touch-ahead reads alive. */
    @SuppressWarnings("unused")
    private volatile int touchSink;

    @Override
    public void update(RowUpdates updates) {
        float[] gradient = new float[dim];
        float[] values = new float[dim];
        float[] gradients = updates.gradients();
        touchUpdatedRows(updates);
        for (int u = updates.firstUnique(); u < updates.endUnique(); u++) {
            Arrays.fill(gradient, 0f);
            for (int k = updates.lookupStart()[u]; k < updates.lookupStart()[u + 1]; k++) {
                int bag = updates.bagOfLookup()[updates.lookupsByUnique()[k]];
                addRow(gradients, updates.gradientBase() + bag * updates.gradientStride(), gradient, 0);
            }
            float rate = rowRate(updates, u, gradient);
            int slot = updates.slotOfUnique()[u];
            if (slot >= 0) {
                applySgd(updates.slots(), SLOT_ORIGIN + slot * dim, gradient, rate);
            } else {
                int row = updates.uniqueRows()[u];
                codec.decode(chunk(row), offset(row), values, 0);
                applySgd(values, 0, gradient, rate);
                codec.encode(values, 0, chunk(row), offset(row), CounterRandom.rowKey(updates.tableKey(), row));
            }
        }
    }

    private void addRow(float[] row, int rowOffset, float[] sum, int sumOffset) {
        for (int d = 0; d < dim; d++) {
            sum[sumOffset + d] += row[rowOffset + d];
        }
    }

    /** Row-wise Adagrad's multiplier, written out as the reference for {@link SgdVectors#rowRate}. */
    private float rowRate(RowUpdates updates, int u, float[] gradient) {
        if (updates.accumulators() == null) {
            return updates.learningRate();
        }
        float sumOfSquares = 0f;
        for (int d = 0; d < dim; d++) {
            sumOfSquares += gradient[d] * gradient[d];
        }
        int row = updates.uniqueRows()[u];
        float accumulator = updates.accumulators()[row] + sumOfSquares / dim;
        updates.accumulators()[row] = accumulator;
        return updates.learningRate() / ((float) Math.sqrt(accumulator) + EmbeddingOptimizer.ADAGRAD_EPSILON);
    }

    private void applySgd(float[] weights, int offset, float[] gradient, float rate) {
        for (int d = 0; d < dim; d++) {
            weights[offset + d] -= rate * gradient[d];
        }
    }
}
