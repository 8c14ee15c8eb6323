package dev.ember.engine.format;

/** FP32 rows: {@code dim} little-endian float32 values; storing is exact, rounding does not apply. */
final class Fp32RowCodec implements RowCodec {
    private final RowLayout layout;
    private final int dim;

    private final boolean vectorized;

    Fp32RowCodec(RowLayout layout, boolean vectorized) {
        this.vectorized = vectorized;
        this.layout = layout;
        this.dim = layout.embeddingDim();
    }

    @Override
    public RowLayout layout() {
        return layout;
    }

    @Override
    public void decode(byte[] data, int offset, float[] out, int outOffset) {
        if (vectorized) {
            VectorRowKernels.decodeFp32(data, offset, out, outOffset, dim);
            return;
        }
        for (int d = 0; d < dim; d++) {
            out[outOffset + d] = ByteViews.getFloat(data, offset + 4 * d);
        }
    }

    @Override
    public void accumulate(byte[] data, int offset, float[] sum, int sumOffset) {
        if (vectorized) {
            VectorRowKernels.accumulateFp32(data, offset, sum, sumOffset, dim);
            return;
        }
        for (int d = 0; d < dim; d++) {
            sum[sumOffset + d] += ByteViews.getFloat(data, offset + 4 * d);
        }
    }

    @Override
    public void encode(float[] values, int valuesOffset, byte[] data, int offset, long rowKey) {
        if (vectorized) {
            VectorRowKernels.encodeFp32(values, valuesOffset, data, offset, dim);
            return;
        }
        for (int d = 0; d < dim; d++) {
            ByteViews.putFloat(data, offset + 4 * d, values[valuesOffset + d]);
        }
    }
}
