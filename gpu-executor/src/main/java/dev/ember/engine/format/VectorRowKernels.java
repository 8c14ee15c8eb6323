package dev.ember.engine.format;

import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.random.VectorCounterRandom;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteOrder;

/**
 * Vector API versions of the hot row loops (sum pooling and decode of FP32, INT8 and INT4 rows; the row range and
 * the codes of INT8 and INT4 encoding). Each computes, per element, exactly what the scalar loop computes
 * ({@code code * scale + bias}, then one add; {@code (int) ((x - bias) * inverseScale + u)} clamped), so results
 * are bit-identical; tails shorter than a vector run the scalar loop. Only touched when {@link VectorSupport} says so.
 */
final class VectorRowKernels {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
    private static final int LANES = FLOATS.length();
    private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_512;
    private static final VectorSpecies<Integer> WIDE_INTS = IntVector.SPECIES_512;
    private static final VectorSpecies<Byte> WIDE_BYTES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Long> TWO_LONGS = LongVector.SPECIES_128;
    private static final float TWO_POW_23 = 0x1p23f;
    private static final int TWO_POW_23_BITS = Float.floatToRawIntBits(TWO_POW_23);

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

    /**
     * {@link #decodeInt8} 16 elements a step, for 512-bit machines. There a cache's miss path decodes every
     * loaded row; with the 8-lane loop it was the one 256-bit float loop of a training step, and the JDK's vector
     * methods then saw both shapes in their type profiles: C2 boxed 512-bit loops elsewhere (the dot interaction's
     * backward allocated ~1.5 GB/s in INT8 runs, none in FP32 runs). One shape per machine avoids that.
     */
    static void decodeInt8Wide(byte[] data, int codes, float scale, float bias, float[] out, int outOffset, int dim) {
        if (dim == WIDE.length()) {
            // One vector and no loop (a loop per row, even of one iteration, costs set-up; docs/engine.md section 1).
            IntVector ints = (IntVector) ByteVector.fromArray(WIDE_BYTES, data, codes)
                    .convertShape(VectorOperators.B2I, WIDE_INTS, 0);
            ((FloatVector) ints.and(0xff).convertShape(VectorOperators.I2F, WIDE, 0)).mul(scale).add(bias)
                    .intoArray(out, outOffset);
            return;
        }
        int d = 0;
        for (; d + WIDE.length() <= dim; d += WIDE.length()) {
            IntVector ints = (IntVector) ByteVector.fromArray(WIDE_BYTES, data, codes + d)
                    .convertShape(VectorOperators.B2I, WIDE_INTS, 0);
            ((FloatVector) ints.and(0xff).convertShape(VectorOperators.I2F, WIDE, 0)).mul(scale).add(bias)
                    .intoArray(out, outOffset + d);
        }
        for (; d < dim; d++) {
            out[outOffset + d] = (data[codes + d] & 0xff) * scale + bias;
        }
    }

    /** {@link #decodeInt4} 16 code bytes a step, for 512-bit machines (see {@link #decodeInt8Wide}). */
    static void decodeInt4Wide(byte[] data, int codes, float scale, float bias, float[] out, int outOffset, int dim) {
        int half = (dim + 1) >>> 1;
        int highCount = dim - half;
        int i = 0;
        for (; i + WIDE.length() <= highCount; i += WIDE.length()) {
            IntVector packed = (IntVector) ByteVector.fromArray(WIDE_BYTES, data, codes + i)
                    .convertShape(VectorOperators.B2I, WIDE_INTS, 0);
            ((FloatVector) packed.and(0xf).convertShape(VectorOperators.I2F, WIDE, 0)).mul(scale).add(bias)
                    .intoArray(out, outOffset + i);
            ((FloatVector) packed.lanewise(VectorOperators.LSHR, 4).and(0xf).convertShape(VectorOperators.I2F, WIDE, 0))
                    .mul(scale).add(bias).intoArray(out, outOffset + half + i);
        }
        for (; i < half; i++) {
            int packed = data[codes + i];
            out[outOffset + i] = (packed & 0xf) * scale + bias;
            if (i < highCount) {
                out[outOffset + half + i] = ((packed >>> 4) & 0xf) * scale + bias;
            }
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

    /**
     * The smallest of {@code values[offset .. offset + dim)} as a {@link Math#min} fold gives it: min is associative
     * and commutative (NaN wins, -0 is below +0), so folding lane-wise first gives the same float, except that a
     * vector min may return another NaN than the one in the row: a NaN result is recomputed by the scalar fold, so
     * even the stored qparams bits of a NaN row stay the scalar ones.
     */
    static float minimum(float[] values, int offset, int dim) {
        if (dim == WIDE.length()) {
            return FloatVector.fromArray(WIDE, values, offset).reduceLanes(VectorOperators.MIN);
        }
        FloatVector lanes = FloatVector.broadcast(WIDE, Float.POSITIVE_INFINITY);
        int d = 0;
        for (; d + WIDE.length() <= dim; d += WIDE.length()) {
            lanes = lanes.min(FloatVector.fromArray(WIDE, values, offset + d));
        }
        float min = lanes.reduceLanes(VectorOperators.MIN);
        for (; d < dim; d++) {
            min = Math.min(min, values[offset + d]);
        }
        return min;
    }

    /** The largest of {@code values[offset .. offset + dim)}, as {@link #minimum}. */
    static float maximum(float[] values, int offset, int dim) {
        if (dim == WIDE.length()) {
            return FloatVector.fromArray(WIDE, values, offset).reduceLanes(VectorOperators.MAX);
        }
        FloatVector lanes = FloatVector.broadcast(WIDE, Float.NEGATIVE_INFINITY);
        int d = 0;
        for (; d + WIDE.length() <= dim; d += WIDE.length()) {
            lanes = lanes.max(FloatVector.fromArray(WIDE, values, offset + d));
        }
        float max = lanes.reduceLanes(VectorOperators.MAX);
        for (; d < dim; d++) {
            max = Math.max(max, values[offset + d]);
        }
        return max;
    }

    /**
     * INT8 codes of {@code values[valuesOffset ..]} into {@code data[codes ..]}, 16 per step: {@code u} is the
     * counter-based uniform of each element (stochastic) or 0.5 (nearest).
     */
    static void encodeInt8Codes(float[] values, int valuesOffset, byte[] data, int codes, float bias,
                                float inverseScale, long rowKey, boolean stochastic, int dim) {
        if (dim == WIDE.length()) {
            IntVector code = codes16(values, valuesOffset, 0, bias, inverseScale, rowKey, stochastic, 255);
            ((ByteVector) code.convertShape(VectorOperators.I2B, WIDE_BYTES, 0)).intoArray(data, codes);
            return;
        }
        int d = 0;
        for (; d + WIDE.length() <= dim; d += WIDE.length()) {
            IntVector code = codes16(values, valuesOffset, d, bias, inverseScale, rowKey, stochastic, 255);
            ((ByteVector) code.convertShape(VectorOperators.I2B, WIDE_BYTES, 0)).intoArray(data, codes + d);
        }
        for (; d < dim; d++) {
            data[codes + d] = (byte) scalarCode(values[valuesOffset + d], bias, inverseScale, rowKey, stochastic, d, 255);
        }
    }

    /**
     * INT4 codes in the planar layout, for {@code dim} a multiple of 8 ({@code half = dim / 2} a multiple of 4, so
     * both nibble runs start on a random block): code byte {@code i} is element {@code i} plus element
     * {@code half + i} shifted left by 4. Dim 16 packs its 16 codes through two longs (bytes 0..7 | bytes 8..15
     * shifted by 4: a code is at most 15, so no nibble spills into the next byte); larger dims do 16 bytes a step.
     */
    static void encodeInt4Codes(float[] values, int valuesOffset, byte[] data, int codes, float bias,
                                float inverseScale, long rowKey, boolean stochastic, int dim) {
        int half = dim >>> 1;
        if (half == 8) {
            IntVector code = codes16(values, valuesOffset, 0, bias, inverseScale, rowKey, stochastic, 15);
            LongVector bytes = (LongVector) code.convertShape(VectorOperators.I2B, WIDE_BYTES, 0)
                    .reinterpretShape(TWO_LONGS, 0);
            ByteViews.putLong(data, codes, bytes.lane(0) | bytes.lane(1) << 4);
            return;
        }
        int vectorEnd = half - half % WIDE.length();
        // Low nibbles first, then the high ones or-ed in: one use of codes16 per loop keeps C2's unit small.
        for (int i = 0; i < vectorEnd; i += WIDE.length()) {
            IntVector low = codes16(values, valuesOffset, i, bias, inverseScale, rowKey, stochastic, 15);
            ((ByteVector) low.convertShape(VectorOperators.I2B, WIDE_BYTES, 0)).intoArray(data, codes + i);
        }
        for (int i = 0; i < vectorEnd; i += WIDE.length()) {
            IntVector high = codes16(values, valuesOffset, half + i, bias, inverseScale, rowKey, stochastic, 15);
            // The or on 16 ints, not 16 bytes: a 128-bit byte or boxed in some processes (C2, JDK 17), and ints are
            // the shape every other kernel uses.
            IntVector low = (IntVector) ByteVector.fromArray(WIDE_BYTES, data, codes + i)
                    .convertShape(VectorOperators.B2I, WIDE_INTS, 0);
            ((ByteVector) low.or(high.lanewise(VectorOperators.LSHL, 4)).convertShape(VectorOperators.I2B, WIDE_BYTES, 0))
                    .intoArray(data, codes + i);
        }
        int i = vectorEnd;
        for (; i < half; i++) {
            int low = scalarCode(values[valuesOffset + i], bias, inverseScale, rowKey, stochastic, i, 15);
            int high = scalarCode(values[valuesOffset + half + i], bias, inverseScale, rowKey, stochastic, half + i, 15);
            data[codes + i] = (byte) (low | high << 4);
        }
    }

    /**
     * The codes of elements {@code e .. e + 15} ({@code e} a multiple of 4): {@code (int) ((x - bias) * inverseScale
     * + u)} clamped to {@code [0, maxCode]}, as the scalar code computes it (NaN to 0, saturating), without a
     * float-to-int vector conversion: JDK 17's C2 has none (the fallback boxes every vector, 10x slower). NaN and
     * negatives become 0 and large values {@code maxCode}; on {@code [0, maxCode]} the conversion is floor,
     * computed exactly with the 2^23 trick (adding 2^23 rounds to an integer, whose bits are then
     * {@code 0x4b000000 + value}). It takes no vector argument (see {@code dev.ember.engine.kernel.TableKernels}
     * on C2 and helpers), and uses 16-lane shapes only: narrower ones (a 2-lane long multiply) boxed inside larger
     * compilation units on this JDK.
     */
    private static IntVector codes16(float[] values, int valuesOffset, int e, float bias, float inverseScale,
                                     long rowKey, boolean stochastic, int maxCode) {
        FloatVector shift = stochastic ? VectorCounterRandom.uniforms16(rowKey, e) : FloatVector.broadcast(WIDE, 0.5f);
        FloatVector scaled = FloatVector.fromArray(WIDE, values, valuesOffset + e).sub(bias).mul(inverseScale).add(shift);
        FloatVector clamped = scaled.blend(0f, scaled.compare(VectorOperators.NE, scaled)).max(0f).min((float) maxCode);
        FloatVector rounded = clamped.add(TWO_POW_23).sub(TWO_POW_23);
        FloatVector floor = rounded.blend(rounded.sub(1f), rounded.compare(VectorOperators.GT, clamped));
        return ((IntVector) floor.add(TWO_POW_23).reinterpretShape(WIDE_INTS, 0)).sub(TWO_POW_23_BITS);
    }

    private static int scalarCode(float value, float bias, float inverseScale, long rowKey, boolean stochastic,
                                  int element, int maxCode) {
        float shift = stochastic ? CounterRandom.uniform(rowKey, element) : 0.5f;
        return Math.max(0, Math.min(maxCode, (int) ((value - bias) * inverseScale + shift)));
    }

    private static FloatVector toFloats(IntVector ints) {
        return (FloatVector) ints.convertShape(VectorOperators.I2F, FLOATS, 0);
    }

    /** Eight bytes widened to eight ints (sign-extended; callers mask). */
    private static IntVector unsignedBytes(byte[] data, int offset) {
        return (IntVector) ByteVector.fromArray(BYTES, data, offset).convertShape(VectorOperators.B2I, INTS, 0);
    }
}
