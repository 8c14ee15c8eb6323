package dev.ember.engine.kernel;

import static dev.ember.engine.cache.RowCache.SLOT_ORIGIN;

import dev.ember.engine.format.ByteViews;
import dev.ember.engine.storage.EmbeddingTable;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteOrder;

/**
 * FP32 rows ({@code dim} little-endian floats): pooling sums each bag in a register, 16 lanes at a time, and stores
 * it once; SGD updates the stored floats in place (decoding and encoding FP32 is a copy). Elements past the last
 * multiple of 16 take the scalar loop (see {@link TableKernels} on why there is one vector shape only).
 */
final class Fp32TableKernels extends ContiguousTableKernels {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_512;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    Fp32TableKernels(EmbeddingTable table) {
        super(table);
    }

    @Override
    public void pool(BagBlock bags, CachedLookups cached) {
        if (isOneHot(bags)) {
            poolOneHot(bags, cached);
        } else {
            poolBags(bags, cached);
        }
    }

    /**
     * Bags of exactly one lookup (one id per bag, as in Criteo): each output is {@code 0f + value}, as a bag's sum.
     * Rows of 64 elements or more are copied row by row, 64 at a time, so the four lines of a wide row are
     * requested together (10M x 64 Zipf, one JVM, rounds alternating the two orders: 1.03-1.5x, about 1.2x); the
     * remaining 16-element blocks (all of a dim-16 row) take one flat loop over the lookups per block, which is
     * faster for narrow rows (dim 16 copied row by row measured 0.6-0.85x). INT8 and INT4 rows span one or two
     * lines and measured no gain from the row order, so they keep the block order (docs/engine.md section 6).
     */
    private void poolOneHot(BagBlock bags, CachedLookups cached) {
        int[] indices = bags.indices();
        float[] out = bags.out();
        float[] slots = cached == null ? null : cached.slots();
        int count = bags.endBag() - bags.firstBag();
        int firstLookup = bags.offsets()[bags.firstBag()];
        int outStride = bags.outStride();
        int firstOut = bags.outBase() + bags.firstBag() * outStride;
        int wideEnd = dim - dim % (4 * LANES);
        if (wideEnd > 0) {
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached == null ? -1 : cached.slotOf(i);
                int to = firstOut + k * outStride;
                if (slot >= 0) {
                    for (int d = 0; d < wideEnd; d += LANES) {
                        FloatVector.zero(FLOATS).add(FloatVector.fromArray(FLOATS, slots, SLOT_ORIGIN + slot * dim + d))
                                .intoArray(out, to + d);
                    }
                    continue;
                }
                byte[] chunk = chunk(indices[i]);
                int at = offset(indices[i]);
                for (int d = 0; d < wideEnd; d += 4 * LANES) {
                    FloatVector v0 = FloatVector.fromByteArray(FLOATS, chunk, at + 4 * d, LE);
                    FloatVector v1 = FloatVector.fromByteArray(FLOATS, chunk, at + 4 * (d + LANES), LE);
                    FloatVector v2 = FloatVector.fromByteArray(FLOATS, chunk, at + 4 * (d + 2 * LANES), LE);
                    FloatVector v3 = FloatVector.fromByteArray(FLOATS, chunk, at + 4 * (d + 3 * LANES), LE);
                    FloatVector.zero(FLOATS).add(v0).intoArray(out, to + d);
                    FloatVector.zero(FLOATS).add(v1).intoArray(out, to + d + LANES);
                    FloatVector.zero(FLOATS).add(v2).intoArray(out, to + d + 2 * LANES);
                    FloatVector.zero(FLOATS).add(v3).intoArray(out, to + d + 3 * LANES);
                }
            }
        }
        int d = wideEnd;
        for (; d + LANES <= dim; d += LANES) {
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached == null ? -1 : cached.slotOf(i);
                FloatVector row = slot >= 0 ? FloatVector.fromArray(FLOATS, slots, SLOT_ORIGIN + slot * dim + d)
                        : stored(indices[i], d);
                FloatVector.zero(FLOATS).add(row).intoArray(out, firstOut + k * outStride + d);
            }
        }
        poolTail(bags, cached, d);
    }

    /**
     * Bags of any length: each bag summed in registers and stored once, four blocks of 16 elements at a time (a
     * row's 256 bytes read together, see {@link #poolOneHot}), then one block at a time.
     */
    private void poolBags(BagBlock bags, CachedLookups cached) {
        int[] offsets = bags.offsets();
        int[] indices = bags.indices();
        float[] out = bags.out();
        float[] slots = cached == null ? null : cached.slots();
        int d = 0;
        for (; d + 4 * LANES <= dim; d += 4 * LANES) {
            for (int bag = bags.firstBag(); bag < bags.endBag(); bag++) {
                FloatVector sum0 = FloatVector.zero(FLOATS);
                FloatVector sum1 = FloatVector.zero(FLOATS);
                FloatVector sum2 = FloatVector.zero(FLOATS);
                FloatVector sum3 = FloatVector.zero(FLOATS);
                for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                    int slot = cached == null ? -1 : cached.slotOf(i);
                    if (slot >= 0) {
                        int at = SLOT_ORIGIN + slot * dim + d;
                        sum0 = sum0.add(FloatVector.fromArray(FLOATS, slots, at));
                        sum1 = sum1.add(FloatVector.fromArray(FLOATS, slots, at + LANES));
                        sum2 = sum2.add(FloatVector.fromArray(FLOATS, slots, at + 2 * LANES));
                        sum3 = sum3.add(FloatVector.fromArray(FLOATS, slots, at + 3 * LANES));
                    } else {
                        byte[] chunk = chunk(indices[i]);
                        int at = offset(indices[i]) + 4 * d;
                        sum0 = sum0.add(FloatVector.fromByteArray(FLOATS, chunk, at, LE));
                        sum1 = sum1.add(FloatVector.fromByteArray(FLOATS, chunk, at + 4 * LANES, LE));
                        sum2 = sum2.add(FloatVector.fromByteArray(FLOATS, chunk, at + 8 * LANES, LE));
                        sum3 = sum3.add(FloatVector.fromByteArray(FLOATS, chunk, at + 12 * LANES, LE));
                    }
                }
                int to = bags.outBase() + bag * bags.outStride() + d;
                sum0.intoArray(out, to);
                sum1.intoArray(out, to + LANES);
                sum2.intoArray(out, to + 2 * LANES);
                sum3.intoArray(out, to + 3 * LANES);
            }
        }
        for (; d + LANES <= dim; d += LANES) {
            for (int bag = bags.firstBag(); bag < bags.endBag(); bag++) {
                FloatVector sum = FloatVector.zero(FLOATS);
                for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                    int slot = cached == null ? -1 : cached.slotOf(i);
                    sum = sum.add(slot >= 0 ? FloatVector.fromArray(FLOATS, slots, SLOT_ORIGIN + slot * dim + d)
                            : stored(indices[i], d));
                }
                sum.intoArray(out, bags.outBase() + bag * bags.outStride() + d);
            }
        }
        poolTail(bags, cached, d);
    }


    @Override
    public void update(RowUpdates updates) {
        float[] gradient = new float[dim];
        float[] state = SgdVectors.gatherState(updates);
        touchUpdatedRows(updates);
        for (int u = updates.firstUnique(); u < updates.endUnique(); u++) {
            SgdVectors.gradient(updates, u, gradient, dim);
            float rate = SgdVectors.rowRate(updates, u, gradient, dim, state);
            int slot = updates.slotOfUnique()[u];
            if (slot >= 0) {
                SgdVectors.step(updates.slots(), SLOT_ORIGIN + slot * dim, gradient, rate, dim);
            } else {
                stepStored(updates.uniqueRows()[u], gradient, rate);
            }
        }
    }

    /** {@code row[d] -= rate * gradient[d]} on the stored floats. */
    private void stepStored(int row, float[] gradient, float rate) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            FloatVector step = FloatVector.fromArray(FLOATS, gradient, d).mul(rate);
            FloatVector.fromByteArray(FLOATS, chunk, at + 4 * d, LE).sub(step).intoByteArray(chunk, at + 4 * d, LE);
        }
        for (; d < dim; d++) {
            ByteViews.putFloat(chunk, at + 4 * d, ByteViews.getFloat(chunk, at + 4 * d) - rate * gradient[d]);
        }
    }

    /** Elements {@code d .. d + 15} of a stored row. */
    private FloatVector stored(int row, int d) {
        return FloatVector.fromByteArray(FLOATS, chunk(row), offset(row) + 4 * d, LE);
    }

    @Override
    void addStored(int row, int from, float[] out, int base) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        for (int d = from; d < dim; d++) {
            out[base + d] += ByteViews.getFloat(chunk, at + 4 * d);
        }
    }
}
