package dev.ember.engine.format;

import dev.ember.engine.random.CounterRandom;

/** FP16 rows: {@code dim} little-endian binary16 values, stochastic rounding on the mantissa by default. */
final class Fp16RowCodec implements RowCodec {
    private final RowLayout layout;
    private final int dim;
    private final boolean stochastic;

    Fp16RowCodec(RowLayout layout, Rounding rounding) {
        this.layout = layout;
        this.dim = layout.embeddingDim();
        this.stochastic = rounding == Rounding.STOCHASTIC;
    }

    @Override
    public RowLayout layout() {
        return layout;
    }

    @Override
    public void decode(byte[] data, int offset, float[] out, int outOffset) {
        for (int d = 0; d < dim; d++) {
            out[outOffset + d] = Half.toFloat(ByteViews.getShort(data, offset + 2 * d));
        }
    }

    @Override
    public void accumulate(byte[] data, int offset, float[] sum, int sumOffset) {
        for (int d = 0; d < dim; d++) {
            sum[sumOffset + d] += Half.toFloat(ByteViews.getShort(data, offset + 2 * d));
        }
    }

    @Override
    public void encode(float[] values, int valuesOffset, byte[] data, int offset, long rowKey) {
        for (int d = 0; d < dim; d++) {
            float value = values[valuesOffset + d];
            short bits = stochastic ? Half.stochastic(value, CounterRandom.uniform(rowKey, d)) : Half.nearest(value);
            ByteViews.putShort(data, offset + 2 * d, bits);
        }
    }
}
