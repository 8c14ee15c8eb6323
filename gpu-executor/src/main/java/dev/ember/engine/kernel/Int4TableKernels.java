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
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * INT4 rows in the planar layout ({@code [scale][bias][half code bytes]}, {@code half = ceil(dim / 2)}): byte
 * {@code i} holds element {@code i} in its low nibble and element {@code half + i} in its high nibble, so one run
 * of code bytes widened to ints gives two runs of consecutive elements without a shuffle. Pooling sums each bag in
 * registers and stores it once; SGD decodes, updates in FP32 and re-encodes through the codec. One-hot pooling
 * writes decoded rows and cache slots as they are ({@link #bagStart}).
 */
final class Int4TableKernels extends TableKernels {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> CODES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
    private static final VectorSpecies<Long> CODE_WORDS = LongVector.SPECIES_128;
    /** For dim 16: the 8 code bytes as one long in both lanes, shifted so lane 1 holds the high nibbles. */
    private static final LongVector NIBBLE_SHIFTS = LongVector.fromArray(CODE_WORDS, new long[] {0, 4}, 0);
    private static final long LOW_NIBBLES = 0x0f0f0f0f0f0f0f0fL;

    private final RowCodec codec;
    private final boolean halfQParams;
    private final int qparamBytes;
    /** Elements in low nibbles: {@code ceil(dim / 2)}. */
    private final int half;
    /** Elements in high nibbles: {@code dim - half}. */
    private final int highCount;
    /**
     * Dim 16 (DLRM's Kaggle shape): the 8 code bytes unpack to one 16-lane float vector ({@link #row16}); other
     * dims unpack 16 code bytes at a time into two 16-lane runs (dims under 32 had only the scalar tail).
     */
    private final boolean dim16;

    Int4TableKernels(EmbeddingTable table) {
        super(table);
        this.codec = table.codec();
        this.halfQParams = table.layout().qparamsPrecision() == QParamsPrecision.FP16;
        this.qparamBytes = table.layout().qparamBytes();
        this.half = (dim + 1) >>> 1;
        this.highCount = dim - half;
        this.dim16 = dim == LANES;
    }

    @Override
    public void pool(BagBlock bags, CachedLookups cached) {
        if (isOneHot(bags)) {
            poolOneHot(bags, cached);
        } else {
            poolBags(bags, cached);
        }
    }

    /** Bags of exactly one lookup: one flat loop over the lookups per block of 16 code bytes. */
    private void poolOneHot(BagBlock bags, CachedLookups cached) {
        int[] indices = bags.indices();
        float[] out = bags.out();
        float[] slots = cached == null ? null : cached.slots();
        int count = bags.endBag() - bags.firstBag();
        int firstLookup = bags.offsets()[bags.firstBag()];
        int outStride = bags.outStride();
        int firstOut = bags.outBase() + bags.firstBag() * outStride;
        if (dim16) {
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached == null ? -1 : cached.slotOf(i);
                FloatVector row = slot >= 0
                        ? FloatVector.fromArray(FLOATS, slots, SLOT_ORIGIN + slot * dim)
                        : row16(indices[i]);
                row.intoArray(out, firstOut + k * outStride);
            }
            return;
        }
        if (dim >= 4 * LANES) {
            // As INT8's (its poolOneHot): 10M x 64 lookups 1.31x (Zipf) and 1.66x (uniform).
            touchStoredRows(indices, firstLookup, firstLookup + count, cached);
        }
        if (dim == 4 * LANES && cached == null) {
            // Dim 64: a row's 32 code bytes in one visit; a pass per 16 code bytes read every row twice. 10M x 64
            // lookups 1.09x / 1.17x (Zipf, two JVMs), 1.07x (uniform), 1.26x on 10k rows (BuildComparison). Session
            // 7 had measured an unkept version of the idea at 0.96x / 0.88x, with the same touch pass; why the two
            // differ was not found.
            for (int k = 0; k < count; k++) {
                int row = indices[firstLookup + k];
                int at = firstOut + k * outStride;
                FloatVector low0 = storedLow(row, 0);
                FloatVector high0 = storedHigh(row, 0);
                FloatVector low1 = storedLow(row, LANES);
                FloatVector high1 = storedHigh(row, LANES);
                low0.intoArray(out, at);
                low1.intoArray(out, at + LANES);
                high0.intoArray(out, at + half);
                high1.intoArray(out, at + half + LANES);
            }
            return;
        }
        int e = 0;
        for (; e + LANES <= highCount; e += LANES) {
            for (int k = 0; k < count; k++) {
                int i = firstLookup + k;
                int slot = cached == null ? -1 : cached.slotOf(i);
                int at = firstOut + k * outStride;
                int slotAt = SLOT_ORIGIN + slot * dim + e;
                FloatVector low = slot >= 0 ? FloatVector.fromArray(FLOATS, slots, slotAt)
                        : storedLow(indices[i], e);
                FloatVector high = slot >= 0
                        ? FloatVector.fromArray(FLOATS, slots, slotAt + half)
                        : storedHigh(indices[i], e);
                low.intoArray(out, at + e);
                high.intoArray(out, at + half + e);
            }
        }
        poolTail(bags, cached, e);
    }

    /** Bags of any length: per block of 16 code bytes, each bag summed in registers and stored once. */
    private void poolBags(BagBlock bags, CachedLookups cached) {
        int[] offsets = bags.offsets();
        int[] indices = bags.indices();
        float[] out = bags.out();
        float[] slots = cached == null ? null : cached.slots();
        if (dim16) {
            for (int bag = bags.firstBag(); bag < bags.endBag(); bag++) {
                FloatVector sum = bagStartVector(offsets, bag);
                for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                    int slot = cached == null ? -1 : cached.slotOf(i);
                    sum = sum.add(slot >= 0 ? FloatVector.fromArray(FLOATS, slots, SLOT_ORIGIN + slot * dim)
                            : row16(indices[i]));
                }
                sum.intoArray(out, bags.outBase() + bag * bags.outStride());
            }
            return;
        }
        int e = 0;
        for (; e + LANES <= highCount; e += LANES) {
            for (int bag = bags.firstBag(); bag < bags.endBag(); bag++) {
                FloatVector low = bagStartVector(offsets, bag);
                FloatVector high = low;
                for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                    int slot = cached == null ? -1 : cached.slotOf(i);
                    low = low.add(slot >= 0 ? FloatVector.fromArray(FLOATS, slots, SLOT_ORIGIN + slot * dim + e)
                            : storedLow(indices[i], e));
                    high = high.add(slot >= 0 ? FloatVector.fromArray(FLOATS, slots, SLOT_ORIGIN + slot * dim + half + e)
                            : storedHigh(indices[i], e));
                }
                int at = bags.outBase() + bag * bags.outStride();
                low.intoArray(out, at + e);
                high.intoArray(out, at + half + e);
            }
        }
        poolTail(bags, cached, e);
    }

    /**
     * Code bytes {@code from .. half - 1} of every bag (elements {@code from .. half - 1} and
     * {@code half + from .. dim - 1}), scalar and row by row: each output starts at {@link #bagStart} and adds
     * the bag's rows in order, as the vector blocks do.
     */
    private void poolTail(BagBlock bags, CachedLookups cached, int from) {
        if (from == half) {
            return;
        }
        int[] offsets = bags.offsets();
        float[] out = bags.out();
        for (int bag = bags.firstBag(); bag < bags.endBag(); bag++) {
            int base = bags.outBase() + bag * bags.outStride();
            float start = bagStart(offsets, bag);
            Arrays.fill(out, base + from, base + half, start);
            Arrays.fill(out, base + half + from, base + dim, start);
            for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                int slot = cached == null ? -1 : cached.slotOf(i);
                if (slot >= 0) {
                    addSlotRuns(cached.slots(), SLOT_ORIGIN + slot * dim, from, out, base);
                } else {
                    addStored(bags.indices()[i], from, out, base);
                }
            }
        }
    }

    /** {@code out[base + ..] +=} elements {@code from .. half - 1} and {@code half + from .. dim - 1} of a slot. */
    private void addSlotRuns(float[] slots, int slotOffset, int from, float[] out, int base) {
        for (int e = from; e < half; e++) {
            out[base + e] += slots[slotOffset + e];
        }
        for (int e = half + from; e < dim; e++) {
            out[base + e] += slots[slotOffset + e];
        }
    }

    /** {@code out[base + ..] +=} elements {@code from .. half - 1} and {@code half + from .. dim - 1} of a stored row. */
    private void addStored(int row, int from, float[] out, int base) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        float scale = scale(chunk, at);
        float bias = bias(chunk, at);
        for (int e = from; e < half; e++) {
            int packed = chunk[at + qparamBytes + e];
            out[base + e] += (packed & 0xf) * scale + bias;
            if (e < highCount) {
                out[base + half + e] += ((packed >>> 4) & 0xf) * scale + bias;
            }
        }
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
        if (dim16) {
            row16(row).intoArray(values, 0);
            return;
        }
        int e = 0;
        for (; e + LANES <= highCount; e += LANES) {
            storedLow(row, e).intoArray(values, e);
            storedHigh(row, e).intoArray(values, half + e);
        }
        for (; e < half; e++) {
            values[e] = lowValue(row, e);
            if (e < highCount) {
                values[half + e] = highValue(row, e);
            }
        }
    }

    /** All 16 elements of a dim-16 row ({@link #dim16}): element e is nibble e / 8 of code byte e % 8. */
    private FloatVector row16(int row) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        // Byte lanes 0..7: low nibbles of code bytes 0..7 (elements 0..7); lanes 8..15: their high nibbles.
        ByteVector nibbles = (ByteVector) LongVector.broadcast(CODE_WORDS, ByteViews.getLong(chunk, at + qparamBytes))
                .lanewise(VectorOperators.LSHR, NIBBLE_SHIFTS).and(LOW_NIBBLES).reinterpretShape(CODES, 0);
        IntVector codes = (IntVector) nibbles.convertShape(VectorOperators.B2I, INTS, 0);
        return ((FloatVector) codes.convertShape(VectorOperators.I2F, FLOATS, 0)).mul(scale(chunk, at)).add(bias(chunk, at));
    }

    /** Elements {@code e .. e + 15}: low nibbles of code bytes {@code e .. e + 15}. */
    private FloatVector storedLow(int row, int e) {
        return stored(row, e, 0);
    }

    /** Elements {@code half + e .. half + e + 15}: high nibbles of code bytes {@code e .. e + 15}. */
    private FloatVector storedHigh(int row, int e) {
        return stored(row, e, 4);
    }

    /**
     * {@code ((byte >>> shift) & 0xf) * scale + bias} of code bytes {@code e .. e + 15}. It loads the bytes itself
     * and takes no vector argument, so it stays small enough to inline (see {@link TableKernels}).
     */
    private FloatVector stored(int row, int e, int shift) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        IntVector codes = (IntVector) ByteVector.fromArray(CODES, chunk, at + qparamBytes + e)
                .convertShape(VectorOperators.B2I, INTS, 0);
        FloatVector values = (FloatVector) codes.lanewise(VectorOperators.LSHR, shift).and(0xf)
                .convertShape(VectorOperators.I2F, FLOATS, 0);
        return values.mul(scale(chunk, at)).add(bias(chunk, at));
    }

    /** Element {@code e} (low nibble of code byte {@code e}). */
    private float lowValue(int row, int e) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        return (chunk[at + qparamBytes + e] & 0xf) * scale(chunk, at) + bias(chunk, at);
    }

    /** Element {@code half + e} (high nibble of code byte {@code e}); only for {@code e < highCount}. */
    private float highValue(int row, int e) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        return ((chunk[at + qparamBytes + e] >>> 4) & 0xf) * scale(chunk, at) + bias(chunk, at);
    }

    private float scale(byte[] chunk, int at) {
        return halfQParams ? Half.toFloat(ByteViews.getShort(chunk, at)) : ByteViews.getFloat(chunk, at);
    }

    private float bias(byte[] chunk, int at) {
        return halfQParams ? Half.toFloat(ByteViews.getShort(chunk, at + 2)) : ByteViews.getFloat(chunk, at + 4);
    }
}
