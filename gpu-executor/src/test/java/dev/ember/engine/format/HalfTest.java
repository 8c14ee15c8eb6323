package dev.ember.engine.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HalfTest {
    /** Every one of the 65,536 half bit patterns decodes to the bits of the field-by-field definition. */
    @Test
    void toFloatMatchesTheDefinitionOnEveryHalf() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            float expected = Half.decode(bits);
            float actual = Half.toFloat((short) bits);
            assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(actual),
                    "half bits 0x" + Integer.toHexString(bits) + ": expected " + expected + ", got " + actual);
        }
    }

    @Test
    void knownValues() {
        assertEquals(1f, Half.toFloat((short) 0x3c00));
        assertEquals(-2f, Half.toFloat((short) 0xc000));
        assertEquals(65504f, Half.toFloat((short) 0x7bff));
        assertEquals(0x1.0p-24f, Half.toFloat((short) 0x0001));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Half.toFloat((short) 0x8000)));
        assertEquals(Float.NEGATIVE_INFINITY, Half.toFloat((short) 0xfc00));
        assertEquals(true, Float.isNaN(Half.toFloat((short) 0x7e00)));
    }

    /** The conversion is also compiled (C2), where the scaling multiply must stay exact on subnormals. */
    @Test
    void compiledConversionMatchesTheDefinition() {
        long mismatches = 0;
        for (int round = 0; round < 200; round++) {
            for (int bits = 0; bits < 1 << 16; bits++) {
                if (Float.floatToRawIntBits(Half.toFloat((short) bits)) != Float.floatToRawIntBits(Half.decode(bits))) {
                    mismatches++;
                }
            }
        }
        assertEquals(0, mismatches);
    }
}
