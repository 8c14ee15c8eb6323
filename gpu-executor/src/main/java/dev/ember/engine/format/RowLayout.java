package dev.ember.engine.format;

import java.util.Objects;

/**
 * The byte layout of one stored row. All multi-byte values are little-endian; rows are packed back to back
 * with no padding between them ({@link #stride()} bytes each):
 * <pre>
 * FP32:  [dim x float32]                                       4*dim bytes
 * FP16:  [dim x binary16]                                      2*dim bytes
 * INTn:  [scale][bias][ceil(dim*n/8) bytes of codes]           qparams + ceil(dim*n/8) bytes
 *        scale and bias are float32 (8 bytes) or binary16 (4 bytes), see {@link QParamsPrecision};
 *        codes are unsigned and packed planar: with L = ceil(dim * n / 8) code bytes, element e lives in
 *        byte (e mod L) at bits n*(e / L) .. n*(e / L) + n - 1. INT8: one code per byte, in order; INT4:
 *        byte i holds element i (low nibble) and element L + i (high nibble); INT2: byte i holds elements
 *        i, L+i, 2L+i, 3L+i from the lowest bits up. Unused (padding) bits are zero and never read.
 *        Value = code * scale + bias.
 * </pre>
 */
public record RowLayout(Precision precision, QParamsPrecision qparamsPrecision, int embeddingDim) {

    public RowLayout {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(qparamsPrecision, "qparamsPrecision");
        if (embeddingDim < 1) {
            throw new IllegalArgumentException("embeddingDim must be >= 1, got " + embeddingDim);
        }
    }

    /** Bytes of the per-row scale and bias (0 for FP32 and FP16 rows). */
    public int qparamBytes() {
        return precision.isQuantized() ? qparamsPrecision.bytesPerRow() : 0;
    }

    /** Bytes of the row's values or codes, including INT4/INT2 padding. */
    public int dataBytes() {
        return (int) (((long) embeddingDim * precision.bits() + 7) / 8);
    }

    /** Bytes per row: {@code qparamBytes() + dataBytes()}. */
    public int stride() {
        return qparamBytes() + dataBytes();
    }

    /** The largest code of a quantized format: {@code 2^bits - 1}. */
    public int maxCode() {
        return (1 << precision.bits()) - 1;
    }
}
