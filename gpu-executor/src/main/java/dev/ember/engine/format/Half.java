package dev.ember.engine.format;

/**
 * IEEE 754 binary16 conversions (Java 17 has no {@code Float.floatToFloat16}). Values beyond the largest
 * finite half (65504) saturate to it instead of becoming infinite, so stochastic rounding stays bounded;
 * NaN stays NaN.
 */
public final class Half {
    /** Largest finite half value. */
    public static final float MAX_VALUE = 65504f;
    private static final short MAX_FINITE_BITS = 0x7bff;

    private Half() {
    }

    /**
     * The float value of half bits {@code h}. Finite halves, subnormals included, are the bits moved into a float's
     * fields (a float of exponent {@code e - 112}) scaled by 2^112, which is exact; the sign is put back after.
     * This replaced a 256 KiB table, whose reads missed L1 on every row of a lookup.
     */
    public static float toFloat(short h) {
        int bits = h & 0xffff;
        if ((bits & 0x7c00) == 0x7c00) {
            return decode(bits);
        }
        float magnitude = Float.intBitsToFloat((bits & 0x7fff) << 13) * 0x1.0p112f;
        return Float.intBitsToFloat(Float.floatToRawIntBits(magnitude) | ((bits & 0x8000) << 16));
    }

    /** The float value of half bits, field by field: the definition, and the path of infinities and NaN. */
    static float decode(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1.0p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** Half bits of {@code f} rounded toward zero (saturating at 65504). */
    public static short towardZero(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7fffffff;
        if (magnitude > 0x7f800000) {
            return (short) (sign | 0x7e00);
        }
        if (magnitude >= 0x47800000) {
            return (short) (sign | MAX_FINITE_BITS);
        }
        if (magnitude >= 0x38800000) {
            int exponent = (magnitude >>> 23) - 127 + 15;
            return (short) (sign | (exponent << 10) | ((magnitude >>> 13) & 0x3ff));
        }
        int subnormal = (int) (Float.intBitsToFloat(magnitude) * 0x1.0p24f);
        return (short) (sign | subnormal);
    }

    /** Half bits of {@code f}, rounded to nearest, ties to even (saturating at 65504). */
    public static short nearest(float f) {
        short low = towardZero(f);
        if (isSaturatedOrNan(low)) {
            return low;
        }
        float lowMagnitude = Math.abs(toFloat(low));
        float highMagnitude = Math.abs(toFloat((short) (low + 1)));
        float magnitude = Math.abs(f);
        float toLow = magnitude - lowMagnitude;
        float toHigh = highMagnitude - magnitude;
        if (toHigh < toLow || (toHigh == toLow && (low & 1) != 0)) {
            return (short) (low + 1);
        }
        return low;
    }

    /** Half bits of {@code f}, rounded up or down in magnitude with probability proportional to distance. */
    public static short stochastic(float f, float uniform) {
        short low = towardZero(f);
        if (isSaturatedOrNan(low)) {
            return low;
        }
        float lowMagnitude = Math.abs(toFloat(low));
        float highMagnitude = Math.abs(toFloat((short) (low + 1)));
        float fraction = (Math.abs(f) - lowMagnitude) / (highMagnitude - lowMagnitude);
        return uniform < fraction ? (short) (low + 1) : low;
    }

    /** Half bits of the largest half not above {@code f}. */
    public static short floor(float f) {
        short low = towardZero(f);
        if (f < 0 && toFloat(low) != f && !isSaturatedOrNan(low)) {
            return (short) (low + 1);
        }
        return low;
    }

    /** Half bits of the smallest half not below {@code f}. */
    public static short ceil(float f) {
        short low = towardZero(f);
        if (f > 0 && toFloat(low) != f && !isSaturatedOrNan(low)) {
            return (short) (low + 1);
        }
        return low;
    }

    private static boolean isSaturatedOrNan(short h) {
        return (h & 0x7fff) >= MAX_FINITE_BITS;
    }
}
