package dev.ember.engine.format;

import dev.ember.engine.Choices;

/**
 * How the per-row quantization parameters (scale, bias) of INT8/INT4/INT2 rows are stored.
 * {@link #FP32} (8 bytes per row, FBGEMM's training layout) is the default: any constant row
 * round-trips exactly and the bias keeps full precision when a row drifts away from zero.
 * {@link #FP16} (4 bytes per row) is the compact choice; its bias is rounded down and its scale up,
 * so every element stays inside the representable range, at the price of slightly coarser steps.
 */
public enum QParamsPrecision {
    FP16(2),
    FP32(4);

    /** The default the engine uses when a configuration does not say (see the class comment for why). */
    public static final QParamsPrecision DEFAULT = FP32;

    private final int bytesPerValue;

    QParamsPrecision(int bytesPerValue) {
        this.bytesPerValue = bytesPerValue;
    }

    /** Bytes of one value (scale or bias). */
    public int bytesPerValue() {
        return bytesPerValue;
    }

    /** Bytes of the qparams of one quantized row: scale and bias. */
    public int bytesPerRow() {
        return 2 * bytesPerValue;
    }

    /** Parses "fp16", "FP32", ...; the error lists the allowed values and names the source. */
    public static QParamsPrecision parse(String value, String source) {
        return Choices.parse(QParamsPrecision.class, "qparams precision", value, source);
    }
}
