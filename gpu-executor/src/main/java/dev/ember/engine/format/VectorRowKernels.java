package dev.ember.engine.format;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteOrder;

/**
 * Vector API versions of the hot row loops (sum pooling and decode of FP32, INT8 and INT4 rows). Each computes, per
 * element, exactly what the scalar loop computes ({@code code * scale + bias}, then one add), so results are
 * bit-identical; tails shorter than a vector run the scalar loop. Only touched when {@link VectorSupport} says so.
 */
final class VectorRowKernels {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
    private static final int LANES = FLOATS.length();

    private VectorRowKernels() {
    }

    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** {@code sum[sumOffset + d] += float32 at data[offset + 4d]}. */
    static void accumulateFp32(byte[] data, int offset, float[] sum, int sumOffset, int dim) {
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            FloatVector row = FloatVector.fromByteArray(FLOATS, data, offset + 4 * d, ByteOrder.LITTLE_ENDIAN);
            FloatVector.fromArray(FLOATS, sum, sumOffset + d).add(row).intoArray(sum, sumOffset + d);
        }
        for (; d < dim; d++) {
            sum[sumOffset + d] += ByteViews.getFloat(data, offset + 4 * d);
        }
    }

    /** {@code sum[sumOffset + d] += (data[codes + d] & 0xff) * scale + bias}. */
    static void accumulateInt8(byte[] data, int codes, float scale, float bias, float[] sum, int sumOffset, int dim) {
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            FloatVector values = toFloats(unsignedBytes(data, codes + d).and(0xff)).mul(scale).add(bias);
            FloatVector.fromArray(FLOATS, sum, sumOffset + d).add(values).intoArray(sum, sumOffset + d);
        }
        for (; d < dim; d++) {
            sum[sumOffset + d] += (data[codes + d] & 0xff) * scale + bias;
        }
    }

    /**
     * INT4 in the planar layout ({@link RowLayout}): byte {@code i} holds element {@code i} in its low nibble
     * and element {@code half + i} in its high nibble, {@code half = ceil(dim / 2)}.
     */
    static void accumulateInt4(byte[] data, int codes, float scale, float bias, float[] sum, int sumOffset, int dim) {
        int half = (dim + 1) >>> 1;
        int highCount = dim - half;
        int i = 0;
        for (; i + LANES <= highCount; i += LANES) {
            IntVector packed = unsignedBytes(data, codes + i);
            FloatVector low = toFloats(packed.and(0xf)).mul(scale).add(bias);
            FloatVector high = toFloats(packed.lanewise(VectorOperators.LSHR, 4).and(0xf)).mul(scale).add(bias);
            FloatVector.fromArray(FLOATS, sum, sumOffset + i).add(low).intoArray(sum, sumOffset + i);
            FloatVector.fromArray(FLOATS, sum, sumOffset + half + i).add(high).intoArray(sum, sumOffset + half + i);
        }
        for (; i < half; i++) {
            int packed = data[codes + i];
            sum[sumOffset + i] += (packed & 0xf) * scale + bias;
            if (i < highCount) {
                sum[sumOffset + half + i] += ((packed >>> 4) & 0xf) * scale + bias;
            }
        }
    }

    /** {@code out[outOffset + d] = float32 at data[offset + 4d]} (a row copy; decode of FP32 rows). */
    static void decodeFp32(byte[] data, int offset, float[] out, int outOffset, int dim) {
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            FloatVector.fromByteArray(FLOATS, data, offset + 4 * d, ByteOrder.LITTLE_ENDIAN).intoArray(out, outOffset + d);
        }
        for (; d < dim; d++) {
            out[outOffset + d] = ByteViews.getFloat(data, offset + 4 * d);
        }
    }

    /** Stores {@code values[valuesOffset + d]} as float32 at {@code data[offset + 4d]} (encode of FP32 rows). */
    static void encodeFp32(float[] values, int valuesOffset, byte[] data, int offset, int dim) {
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            FloatVector.fromArray(FLOATS, values, valuesOffset + d).intoByteArray(data, offset + 4 * d, ByteOrder.LITTLE_ENDIAN);
        }
        for (; d < dim; d++) {
            ByteViews.putFloat(data, offset + 4 * d, values[valuesOffset + d]);
        }
    }

    /** {@code out[outOffset + d] = (data[codes + d] & 0xff) * scale + bias}. */
    static void decodeInt8(byte[] data, int codes, float scale, float bias, float[] out, int outOffset, int dim) {
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            toFloats(unsignedBytes(data, codes + d).and(0xff)).mul(scale).add(bias).intoArray(out, outOffset + d);
        }
        for (; d < dim; d++) {
            out[outOffset + d] = (data[codes + d] & 0xff) * scale + bias;
        }
    }

    /** INT4 decode in the planar layout (see {@link #accumulateInt4}). */
    static void decodeInt4(byte[] data, int codes, float scale, float bias, float[] out, int outOffset, int dim) {
        int half = (dim + 1) >>> 1;
        int highCount = dim - half;
        int i = 0;
        for (; i + LANES <= highCount; i += LANES) {
            IntVector packed = unsignedBytes(data, codes + i);
            toFloats(packed.and(0xf)).mul(scale).add(bias).intoArray(out, outOffset + i);
            toFloats(packed.lanewise(VectorOperators.LSHR, 4).and(0xf)).mul(scale).add(bias)
                    .intoArray(out, outOffset + half + i);
        }
        for (; i < half; i++) {
            int packed = data[codes + i];
            out[outOffset + i] = (packed & 0xf) * scale + bias;
            if (i < highCount) {
                out[outOffset + half + i] = ((packed >>> 4) & 0xf) * scale + bias;
            }
        }
    }

    private static FloatVector toFloats(IntVector ints) {
        return (FloatVector) ints.convert(VectorOperators.I2F, 0);
    }

    /** Eight bytes widened to eight ints (sign-extended; callers mask). */
    private static IntVector unsignedBytes(byte[] data, int offset) {
        return (IntVector) ByteVector.fromArray(BYTES, data, offset).convertShape(VectorOperators.B2I, INTS, 0);
    }
}
