package dev.ember.engine.format;

import dev.ember.engine.random.CounterRandom;

/**
 * INT8/INT4/INT2 rows: row-wise asymmetric quantization (design.md section 2). Layout in {@link RowLayout}:
 * scale and bias first, then the codes in planar packing (element {@code e} in byte {@code e mod L} at bit
 * {@code bits * (e / L)}, {@code L = ceil(dim * bits / 8)}), which lets the vector kernels unpack contiguous
 * runs. Encoding: {@code scale = (max - min) / (2^n - 1)}, {@code bias = min}; {@code code = floor((x - bias) / scale + u)} clamped to {@code [0, 2^n - 1]}, with
 * {@code u} the counter-based uniform (stochastic) or 0.5 (nearest). A constant row stores scale 0 and
 * decodes exactly (with FP16 qparams: exactly when the constant is a binary16 value).
 */
final class IntRowCodec implements RowCodec {
    private final RowLayout layout;
    private final int dim;
    private final int bits;
    private final int maxCode;
    private final int qparamBytes;
    private final boolean halfQParams;
    private final boolean stochastic;
    private final boolean vectorized;
    /** Encoding's vector paths (16 float lanes): with 512-bit vectors only, see {@link VectorSupport#wideEnabled}. */
    private final boolean wideVectors;
    private final int groupLength;

    IntRowCodec(RowLayout layout, Rounding rounding, boolean vectorized) {
        this.vectorized = vectorized && (layout.precision() == Precision.INT8 || layout.precision() == Precision.INT4);
        this.wideVectors = this.vectorized && VectorSupport.wideEnabled();
        this.groupLength = layout.dataBytes();
        this.layout = layout;
        this.dim = layout.embeddingDim();
        this.bits = layout.precision().bits();
        this.maxCode = layout.maxCode();
        this.qparamBytes = layout.qparamBytes();
        this.halfQParams = layout.qparamsPrecision() == QParamsPrecision.FP16;
        this.stochastic = rounding == Rounding.STOCHASTIC;
    }

    @Override
    public RowLayout layout() {
        return layout;
    }

    /** The stored scale of the row at {@code offset}. */
    float scale(byte[] data, int offset) {
        return halfQParams ? Half.toFloat(ByteViews.getShort(data, offset)) : ByteViews.getFloat(data, offset);
    }

    /** The stored bias of the row at {@code offset}. */
    float bias(byte[] data, int offset) {
        return halfQParams ? Half.toFloat(ByteViews.getShort(data, offset + 2)) : ByteViews.getFloat(data, offset + 4);
    }

    @Override
    public void decode(byte[] data, int offset, float[] out, int outOffset) {
        float scale = scale(data, offset);
        float bias = bias(data, offset);
        int codes = offset + qparamBytes;
        if (wideVectors) {
            if (bits == 8) {
                VectorRowKernels.decodeInt8Wide(data, codes, scale, bias, out, outOffset, dim);
            } else {
                VectorRowKernels.decodeInt4Wide(data, codes, scale, bias, out, outOffset, dim);
            }
            return;
        }
        if (vectorized) {
            if (bits == 8) {
                VectorRowKernels.decodeInt8(data, codes, scale, bias, out, outOffset, dim);
            } else {
                VectorRowKernels.decodeInt4(data, codes, scale, bias, out, outOffset, dim);
            }
            return;
        }
        int shift = 0;
        int index = 0;
        for (int d = 0; d < dim; d++) {
            out[outOffset + d] = ((data[codes + index] >>> shift) & maxCode) * scale + bias;
            if (++index == groupLength) {
                index = 0;
                shift += bits;
            }
        }
    }

    @Override
    public void accumulate(byte[] data, int offset, float[] sum, int sumOffset) {
        float scale = scale(data, offset);
        float bias = bias(data, offset);
        int codes = offset + qparamBytes;
        if (vectorized) {
            if (bits == 8) {
                VectorRowKernels.accumulateInt8(data, codes, scale, bias, sum, sumOffset, dim);
            } else {
                VectorRowKernels.accumulateInt4(data, codes, scale, bias, sum, sumOffset, dim);
            }
        } else if (bits == 8) {
            for (int d = 0; d < dim; d++) {
                sum[sumOffset + d] += (data[codes + d] & 0xff) * scale + bias;
            }
        } else {
            int shift = 0;
            int index = 0;
            for (int d = 0; d < dim; d++) {
                sum[sumOffset + d] += ((data[codes + index] >>> shift) & maxCode) * scale + bias;
                if (++index == groupLength) {
                    index = 0;
                    shift += bits;
                }
            }
        }
    }

    @Override
    public void encode(float[] values, int valuesOffset, byte[] data, int offset, long rowKey) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        if (wideVectors) {
            min = VectorRowKernels.minimum(values, valuesOffset, dim);
            max = VectorRowKernels.maximum(values, valuesOffset, dim);
        } else {
            for (int d = 0; d < dim; d++) {
                float value = values[valuesOffset + d];
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min != min || max != max) {
            // A row with a NaN stores NaN qparams. Which NaN a min/max fold returns (the row's payload or the
            // canonical one) depends on the JIT tier and the CPU's instructions, so store the canonical one:
            // the bytes of a NaN row are then the same wherever it was encoded.
            min = Float.NaN;
            max = Float.NaN;
        }
        float bias;
        float scale;
        if (halfQParams) {
            // Nearest FP16 bias and scale; the codes clamp to [0, maxCode], so the row's ends may move by half an
            // FP16 ulp. Rounding the bias down and the scale up instead (never clamping) ratchets: every update
            // that nudged a row's max up or its min down widened the range by a whole FP16 ulp, far more than
            // the update, and never narrowed it again; INT8 rows with nearest rounding overflowed to NaN after
            // ~6000 steps and INT4 rows lost their precision (RequantizationStabilityTest).
            short biasBits = Half.nearest(min);
            bias = Half.toFloat(biasBits);
            short scaleBits = Half.nearest(Math.max(0f, (max - bias) / maxCode));
            scale = Half.toFloat(scaleBits);
            ByteViews.putShort(data, offset, scaleBits);
            ByteViews.putShort(data, offset + 2, biasBits);
        } else {
            bias = min;
            scale = (max - min) / maxCode;
            ByteViews.putFloat(data, offset, scale);
            ByteViews.putFloat(data, offset + 4, bias);
        }
        float inverseScale = scale == 0f ? 0f : 1f / scale;
        int codes = offset + qparamBytes;
        if (bits == 8 && wideVectors) {
            VectorRowKernels.encodeInt8Codes(values, valuesOffset, data, codes, bias, inverseScale, rowKey, stochastic, dim);
            return;
        }
        if (bits == 4 && wideVectors && dim % 8 == 0) {
            VectorRowKernels.encodeInt4Codes(values, valuesOffset, data, codes, bias, inverseScale, rowKey, stochastic, dim);
            return;
        }
        if (bits == 8 && vectorized) {
            encodeInt8CodesUnpacked(values, valuesOffset, data, codes, bias, inverseScale, rowKey);
            return;
        }
        java.util.Arrays.fill(data, codes, codes + groupLength, (byte) 0);
        long randomBits = 0;
        int bitShift = 0;
        int index = 0;
        for (int d = 0; d < dim; d++) {
            float shift = 0.5f;
            if (stochastic) {
                if ((d & 3) == 0) {
                    randomBits = CounterRandom.block(rowKey, d >>> 2);
                }
                shift = CounterRandom.lane(randomBits, d & 3);
            }
            // (int) truncates toward zero; it equals floor wherever the clamp below does not apply.
            int code = (int) ((values[valuesOffset + d] - bias) * inverseScale + shift);
            code = Math.max(0, Math.min(maxCode, code));
            data[codes + index] |= (byte) (code << bitShift);
            if (++index == groupLength) {
                index = 0;
                bitShift += bits;
            }
        }
    }

    /**
     * The INT8 code loop with 256-bit vectors only (no 16-lane encoder): the same arithmetic per element as the
     * generic loop below, which stays the scalar reference, but one code per byte needs no packing, and drawing a
     * random block per four elements without a branch per element roughly halves the cost of requantizing a row.
     */
    private void encodeInt8CodesUnpacked(float[] values, int valuesOffset, byte[] data, int codes, float bias,
                                         float inverseScale, long rowKey) {
        int d = 0;
        if (stochastic) {
            for (; d + 4 <= dim; d += 4) {
                long randomBits = CounterRandom.block(rowKey, d >>> 2);
                for (int lane = 0; lane < 4; lane++) {
                    data[codes + d + lane] = (byte) code(values[valuesOffset + d + lane], bias, inverseScale,
                            CounterRandom.lane(randomBits, lane));
                }
            }
        }
        for (; d < dim; d++) {
            float shift = stochastic ? CounterRandom.uniform(rowKey, d) : 0.5f;
            data[codes + d] = (byte) code(values[valuesOffset + d], bias, inverseScale, shift);
        }
    }

    /** {@code floor((value - bias) / scale + shift)} clamped to the code range ((int) is floor where no clamp applies). */
    private int code(float value, float bias, float inverseScale, float shift) {
        int code = (int) ((value - bias) * inverseScale + shift);
        return Math.max(0, Math.min(maxCode, code));
    }
}
