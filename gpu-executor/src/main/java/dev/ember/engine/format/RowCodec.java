package dev.ember.engine.format;

/**
 * Converts one row between FP32 and its stored bytes ({@link RowLayout}). Rows live in byte arrays at an
 * offset so that storage can be chunked flat buffers. Encoding takes the row's random key
 * ({@link dev.ember.engine.random.CounterRandom#rowKey}); element {@code d} draws
 * {@code CounterRandom.uniform(rowKey, d)}, so the result does not depend on who encodes the row when.
 */
public interface RowCodec {

    RowLayout layout();

    /** Writes the row's FP32 values to {@code out[outOffset .. outOffset + dim)}. */
    void decode(byte[] data, int offset, float[] out, int outOffset);

    /** Adds the row's FP32 values to {@code sum[sumOffset .. sumOffset + dim)} (sum pooling). */
    void accumulate(byte[] data, int offset, float[] sum, int sumOffset);

    /** Stores {@code values[valuesOffset .. + dim)} with this codec's rounding, keyed by {@code rowKey}. */
    void encode(float[] values, int valuesOffset, byte[] data, int offset, long rowKey);

    /** The codec of a layout with the given rounding; vectorized when {@link VectorSupport#enabled()}. */
    static RowCodec of(RowLayout layout, Rounding rounding) {
        return of(layout, rounding, VectorSupport.enabled());
    }

    /** The codec with the vector kernels forced off ({@code vectorized = false}: the scalar reference) or allowed. */
    static RowCodec of(RowLayout layout, Rounding rounding, boolean vectorized) {
        boolean useVectors = vectorized && VectorSupport.enabled();
        return switch (layout.precision()) {
            case FP32 -> new Fp32RowCodec(layout, useVectors);
            case FP16 -> new Fp16RowCodec(layout, rounding);
            case INT8, INT4, INT2 -> new IntRowCodec(layout, rounding, useVectors);
        };
    }
}
