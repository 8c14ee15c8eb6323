package dev.ember.engine.kernel;

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
     * Bags of exactly one lookup (one id per bag, as in Criteo): one flat loop over the lookups per block of 16
     * elements, so an iteration is a load, an add to zero and a store, with no inner loop to enter.
     */
    private void poolOneHot(BagBlock bags, CachedLookups cached) {
        int[] indices = bags.indices();
        float[] out = bags.out();
        float[] slots = cached == null ? null : cached.slots();
        int count = bags.endBag() - bags.firstBag();
        int firstLookup = bags.offsets()[bags.firstBag()];
        int outStride = bags.outStride();
        int firstOut = bags.outBase() + bags.firstBag() * outStride;
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached == null ? -1 : cached.slotOf(i);
                FloatVector row = slot >= 0 ? FloatVector.fromArray(FLOATS, slots, slot * dim + d) : stored(indices[i], d);
                FloatVector.zero(FLOATS).add(row).intoArray(out, firstOut + k * outStride + d);
            }
        }
        poolTail(bags, cached, d);
    }

    /** Bags of any length: per block of 16 elements, each bag summed in a register and stored once. */
    private void poolBags(BagBlock bags, CachedLookups cached) {
        int[] offsets = bags.offsets();
        int[] indices = bags.indices();
        float[] out = bags.out();
        float[] slots = cached == null ? null : cached.slots();
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            for (int bag = bags.firstBag(); bag < bags.endBag(); bag++) {
                FloatVector sum = FloatVector.zero(FLOATS);
                for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                    int slot = cached == null ? -1 : cached.slotOf(i);
                    sum = sum.add(slot >= 0 ? FloatVector.fromArray(FLOATS, slots, slot * dim + d) : stored(indices[i], d));
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
                SgdVectors.step(updates.slots(), slot * dim, gradient, rate, dim);
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
