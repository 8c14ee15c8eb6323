package dev.ember.engine.format;

import dev.ember.engine.Choices;

/** How an embedding row is stored (design.md section 2). */
public enum Precision {
    FP32(32),
    FP16(16),
    INT8(8),
    INT4(4),
    INT2(2);

    private final int bits;

    Precision(int bits) {
        this.bits = bits;
    }

    /** Bits per stored element (the qparams of INTn rows come on top). */
    public int bits() {
        return bits;
    }

    /** True for the row-wise quantized integer formats, which carry per-row scale and bias. */
    public boolean isQuantized() {
        return this == INT8 || this == INT4 || this == INT2;
    }

    /** Parses "int8", "INT8", ...; the error lists the allowed values and names the source. */
    public static Precision parse(String value, String source) {
        return Choices.parse(Precision.class, "precision", value, source);
    }
}
