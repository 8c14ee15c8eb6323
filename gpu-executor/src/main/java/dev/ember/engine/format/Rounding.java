package dev.ember.engine.format;

import dev.ember.engine.Choices;

/**
 * How FP32 values are rounded when stored in a narrower format. {@link #STOCHASTIC} (the default) rounds
 * {@code floor(v + u)} with {@code u ~ U[0,1)} from the counter-based generator, so the stored value is
 * unbiased; {@link #NEAREST} rounds half to even (FP16) or half up (INTn), for comparison.
 */
public enum Rounding {
    STOCHASTIC,
    NEAREST;

    /** Parses "stochastic", "NEAREST", ...; the error lists the allowed values and names the source. */
    public static Rounding parse(String value, String source) {
        return Choices.parse(Rounding.class, "rounding", value, source);
    }
}
