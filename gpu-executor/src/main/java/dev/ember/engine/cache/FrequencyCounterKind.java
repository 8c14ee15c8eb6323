package dev.ember.engine.cache;

import dev.ember.engine.Choices;

/**
 * How LFU counts are kept, and what each costs per table row. FBGEMM keeps an exact int64 per row
 * ({@link #EXACT64}), which would eat most of INT8's saving at small dimensions (8 B against a 16-24 B row).
 * The default, {@link #SATURATING16}, is exact up to 65535 lookups per row and then saturates; measured
 * hit rates against exact counts are in docs/engine.md.
 */
public enum FrequencyCounterKind {
    /** Exact 64-bit counts, 8 bytes per row (FBGEMM's layout; the reference). */
    EXACT64(8),
    /** 16-bit counts saturating at 65535, 2 bytes per row. */
    SATURATING16(2),
    /** 8-bit Morris logarithmic counters (probabilistic increments keyed by the counter-based generator), 1 byte per row. */
    LOG8(1);

    /** The kind used when nothing else is asked for. */
    public static final FrequencyCounterKind DEFAULT = SATURATING16;

    private final int bytesPerRow;

    FrequencyCounterKind(int bytesPerRow) {
        this.bytesPerRow = bytesPerRow;
    }

    public int bytesPerRow() {
        return bytesPerRow;
    }

    /** Parses "saturating16", "LOG8", ...; the error lists the allowed values and names the source. */
    public static FrequencyCounterKind parse(String value, String source) {
        return Choices.parse(FrequencyCounterKind.class, "LFU counter kind", value, source);
    }
}
