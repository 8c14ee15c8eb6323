package dev.ember.engine.kernel;

import static dev.ember.engine.cache.RowCache.SLOT_ORIGIN;

import dev.ember.engine.format.ByteViews;
import dev.ember.engine.storage.ChunkedRowStorage;
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
     * Bags of exactly one lookup (one id per bag, as in Criteo): each output is the row's value, a copy (see
     * {@link #bagStart}). The row is read in blocks of 64 elements (four vectors, a 256-byte run) and then of 16,
     * each block one flat loop over the lookups with no loop inside it ({@link #copyRows} without a cache). A loop
     * per row (over the row's blocks, even of one iteration) made C2 emit loop set-up and register spills per row,
     * so fewer rows' memory misses fitted in the CPU's out-of-order window: 10M x 64 Zipf in one JVM, one flat
     * loop 60 M rows/s against 20-27 for a loop per row, the same as a C loop on the same array through JNI
     * (56-61); uniform ids 30 against 8-10 (docs/engine.md section 6).
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
        for (int d = 0; d < wideEnd; d += 4 * LANES) {
            if (cached == null) {
                copyRows(onlyChunk, chunks, rowsPerChunkShift, rowMask, stride, indices, firstLookup, count, out,
                        firstOut + d, outStride, 4 * d);
                continue;
            }
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached.slotOf(i);
                int to = firstOut + k * outStride + d;
                FloatVector v0;
                FloatVector v1;
                FloatVector v2;
                FloatVector v3;
                if (slot >= 0) {
                    int at = SLOT_ORIGIN + slot * dim + d;
                    v0 = FloatVector.fromArray(FLOATS, slots, at);
                    v1 = FloatVector.fromArray(FLOATS, slots, at + LANES);
                    v2 = FloatVector.fromArray(FLOATS, slots, at + 2 * LANES);
                    v3 = FloatVector.fromArray(FLOATS, slots, at + 3 * LANES);
                } else {
                    byte[] chunk = chunk(indices[i]);
                    int at = offset(indices[i]) + 4 * d;
                    v0 = FloatVector.fromByteArray(FLOATS, chunk, at, LE);
                    v1 = FloatVector.fromByteArray(FLOATS, chunk, at + 4 * LANES, LE);
                    v2 = FloatVector.fromByteArray(FLOATS, chunk, at + 8 * LANES, LE);
                    v3 = FloatVector.fromByteArray(FLOATS, chunk, at + 12 * LANES, LE);
                }
                v0.intoArray(out, to);
                v1.intoArray(out, to + LANES);
                v2.intoArray(out, to + 2 * LANES);
                v3.intoArray(out, to + 3 * LANES);
            }
        }
        int d = wideEnd;
        for (; d + LANES <= dim; d += LANES) {
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached == null ? -1 : cached.slotOf(i);
                FloatVector row = slot >= 0 ? FloatVector.fromArray(FLOATS, slots, SLOT_ORIGIN + slot * dim + d)
                        : stored(indices[i], d);
                row.intoArray(out, firstOut + k * outStride + d);
            }
        }
        poolTail(bags, cached, d);
    }

    /**
     * Copies 64 elements, from byte {@code byteOffset} of the stored row of lookups {@code firstLookup + k}, to
     * {@code out[to + k * outStride ..]}, for {@code k < count}: the loop without a cache, in a static method whose
     * state is all in locals (no field read per row). 10M x 64 lookups 1.08x Zipf, 1.08-1.14x uniform against the
     * same loop inside {@link #poolOneHot} (BuildComparison, 6 rounds). The same for INT8's dim-64 decode measured
     * 0.97x / 1.00x, and for the 16-element blocks of FP32 and INT8 at 1M x 16 0.99x / 1.02x: not kept.
     */
    private static void copyRows(byte[] onlyChunk, byte[][] chunks, int shift, int mask, int stride, int[] indices,
            int firstLookup, int count, float[] out, int to, int outStride, int byteOffset) {
        for (int k = 0; k < count; k++) {
            int row = indices[firstLookup + k];
            // Loop-invariant: a table of one chunk (up to 2 GiB) never reads the chunk array.
            byte[] chunk = onlyChunk != null ? onlyChunk : chunks[row >>> shift];
            int at = ChunkedRowStorage.ROW_ORIGIN + (row & mask) * stride + byteOffset;
            int outAt = to + k * outStride;
            FloatVector v0 = FloatVector.fromByteArray(FLOATS, chunk, at, LE);
            FloatVector v1 = FloatVector.fromByteArray(FLOATS, chunk, at + 4 * LANES, LE);
            FloatVector v2 = FloatVector.fromByteArray(FLOATS, chunk, at + 8 * LANES, LE);
            FloatVector v3 = FloatVector.fromByteArray(FLOATS, chunk, at + 12 * LANES, LE);
            v0.intoArray(out, outAt);
            v1.intoArray(out, outAt + LANES);
            v2.intoArray(out, outAt + 2 * LANES);
            v3.intoArray(out, outAt + 3 * LANES);
        }
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
                FloatVector sum0 = bagStartVector(offsets, bag);
                FloatVector sum1 = sum0;
                FloatVector sum2 = sum0;
                FloatVector sum3 = sum0;
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
                FloatVector sum = bagStartVector(offsets, bag);
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
