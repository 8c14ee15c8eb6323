package dev.ember.engine.kernel;

import static dev.ember.engine.cache.RowCache.SLOT_ORIGIN;

import dev.ember.engine.format.ByteViews;
import dev.ember.engine.format.Half;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.RowCodec;
import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.storage.EmbeddingTable;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;


/**
 * INT8 rows ({@code [scale][bias][dim codes]}): a value is {@code (code & 0xff) * scale + bias}, 16 codes widened to
 * ints and converted to floats per vector. Pooling sums each bag in a register and stores it once; SGD decodes,
 * updates in FP32 and re-encodes through the codec (stochastic rounding is the codec's).
 * One-hot pooling writes a decoded row or a cache slot as it is ({@link #bagStart}).
 */
final class Int8TableKernels extends ContiguousTableKernels {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> CODES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;

    private final RowCodec codec;
    private final boolean halfQParams;
    private final int qparamBytes;

    Int8TableKernels(EmbeddingTable table) {
        super(table);
        this.codec = table.codec();
        this.halfQParams = table.layout().qparamsPrecision() == QParamsPrecision.FP16;
        this.qparamBytes = table.layout().qparamBytes();
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
     * Bags of exactly one lookup: one flat loop over the lookups per block of 64 elements (a row's codes read
     * together, no loop per row: see {@link Fp32TableKernels}), then per block of 16; rows of 64 elements or
     * more are touched first ({@link #touchStoredRows}).
     */
    private void poolOneHot(BagBlock bags, CachedLookups cached) {
        int[] indices = bags.indices();
        float[] out = bags.out();
        float[] slots = cached == null ? null : cached.slots();
        int count = bags.endBag() - bags.firstBag();
        int firstLookup = bags.offsets()[bags.firstBag()];
        int outStride = bags.outStride();
        int firstOut = bags.outBase() + bags.firstBag() * outStride;
        if (dim >= 4 * LANES) {
            // Decoding 64 elements per row is long enough that few rows' misses overlapped; reading the rows
            // first in a loop of nothing else measured 1.15x (Zipf) and 1.48x (uniform) at 10M x 64. Narrower
            // rows' loop is short, and the extra pass measured 0.83-0.91x at 1M x 16.
            touchStoredRows(indices, firstLookup, firstLookup + count, cached);
        }
        int d = 0;
        for (; d + 4 * LANES <= dim; d += 4 * LANES) {
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached == null ? -1 : cached.slotOf(i);
                int row = indices[i];
                int at = SLOT_ORIGIN + slot * dim + d;
                int to = firstOut + k * outStride + d;
                for (int j = 0; j < 4 * LANES; j += LANES) {
                    // A loop of constant trip count: C2 unrolls it fully, so the row is read in one straight run.
                    FloatVector value = slot >= 0
                            ? FloatVector.fromArray(FLOATS, slots, at + j)
                            : stored(row, d + j);
                    value.intoArray(out, to + j);
                }
            }
        }
        for (; d + LANES <= dim; d += LANES) {
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached == null ? -1 : cached.slotOf(i);
                int slotAt = SLOT_ORIGIN + slot * dim + d;
                FloatVector row = slot >= 0 ? FloatVector.fromArray(FLOATS, slots, slotAt)
                        : stored(indices[i], d);
                row.intoArray(out, firstOut + k * outStride + d);
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
        float[] values = new float[dim];
        float[] state = SgdVectors.gatherState(updates);
        touchUpdatedRows(updates);
        for (int u = updates.firstUnique(); u < updates.endUnique(); u++) {
            SgdVectors.gradient(updates, u, gradient, dim);
            float rate = SgdVectors.rowRate(updates, u, gradient, dim, state);
            int slot = updates.slotOfUnique()[u];
            if (slot >= 0) {
                SgdVectors.step(updates.slots(), SLOT_ORIGIN + slot * dim, gradient, rate, dim);
                continue;
            }
            int row = updates.uniqueRows()[u];
            decode(row, values);
            SgdVectors.step(values, 0, gradient, rate, dim);
            codec.encode(values, 0, chunk(row), offset(row), CounterRandom.rowKey(updates.tableKey(), row));
        }
    }

    /** Decodes a stored row into {@code values[0 .. dim)}. */
    private void decode(int row, float[] values) {
        if (dim == LANES) {
            stored(row, 0).intoArray(values, 0);
            return;
        }
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            stored(row, d).intoArray(values, d);
        }
        if (d < dim) {
            byte[] chunk = chunk(row);
            int at = offset(row);
            float scale = scale(chunk, at);
            float bias = bias(chunk, at);
            for (; d < dim; d++) {
                values[d] = (chunk[at + qparamBytes + d] & 0xff) * scale + bias;
            }
        }
    }

    /** Elements {@code d .. d + 15} of a stored row. */
    private FloatVector stored(int row, int d) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        IntVector codes = (IntVector) ByteVector.fromArray(CODES, chunk, at + qparamBytes + d)
                .convertShape(VectorOperators.B2I, INTS, 0);
        FloatVector values = (FloatVector) codes.and(0xff).convertShape(VectorOperators.I2F, FLOATS, 0);
        return values.mul(scale(chunk, at)).add(bias(chunk, at));
    }

    @Override
    void addStored(int row, int from, float[] out, int base) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        float scale = scale(chunk, at);
        float bias = bias(chunk, at);
        for (int d = from; d < dim; d++) {
            out[base + d] += (chunk[at + qparamBytes + d] & 0xff) * scale + bias;
        }
    }

    private float scale(byte[] chunk, int at) {
        return halfQParams ? Half.toFloat(ByteViews.getShort(chunk, at)) : ByteViews.getFloat(chunk, at);
    }

    private float bias(byte[] chunk, int at) {
        return halfQParams ? Half.toFloat(ByteViews.getShort(chunk, at + 2)) : ByteViews.getFloat(chunk, at + 4);
    }
}
