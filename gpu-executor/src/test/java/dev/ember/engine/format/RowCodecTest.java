package dev.ember.engine.format;

import dev.ember.engine.random.CounterRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RowCodecTest {
    private static final int[] DIMS = {1, 2, 3, 5, 7, 16, 33, 64};

    static Stream<Arguments> allLayouts() {
        List<Arguments> result = new ArrayList<>();
        for (Precision precision : Precision.values()) {
            for (QParamsPrecision qparams : QParamsPrecision.values()) {
                for (Rounding rounding : Rounding.values()) {
                    result.add(Arguments.of(precision, qparams, rounding));
                }
            }
        }
        return result.stream();
    }

    private static float[] randomRow(int dim, long seed, float offset, float spread) {
        float[] row = new float[dim];
        long key = CounterRandom.rowKey(seed, 7, 0, 0, dim);
        for (int d = 0; d < dim; d++) {
            row[d] = offset + spread * (2f * CounterRandom.uniform(key, d) - 1f);
        }
        return row;
    }

    @ParameterizedTest
    @MethodSource("allLayouts")
    void roundTripErrorStaysWithinTheFormatsBound(Precision precision, QParamsPrecision qparams, Rounding rounding) {
        for (int dim : DIMS) {
            RowCodec codec = RowCodec.of(new RowLayout(precision, qparams, dim), rounding);
            for (int trial = 0; trial < 50; trial++) {
                float[] row = randomRow(dim, trial, trial % 3 == 0 ? 0.5f : 0f, 0.05f * (trial + 1));
                byte[] data = new byte[codec.layout().stride() + 3];
                codec.encode(row, 0, data, 3, CounterRandom.rowKey(1, 2, trial, 0, dim));
                float[] decoded = new float[dim];
                codec.decode(data, 3, decoded, 0);
                float bound = bound(precision, qparams, rounding, row);
                for (int d = 0; d < dim; d++) {
                    assertTrue(Math.abs(decoded[d] - row[d]) <= bound, precision + "/" + qparams + "/" + rounding
                            + " dim " + dim + " element " + d + ": " + row[d] + " -> " + decoded[d] + ", bound " + bound);
                }
            }
        }
    }

    /** Nearest: half a step; stochastic: one step; plus float rounding slack and FP16 qparams' clamping. */
    private static float bound(Precision precision, QParamsPrecision qparams, Rounding rounding, float[] row) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        float largest = 0f;
        for (float value : row) {
            min = Math.min(min, value);
            max = Math.max(max, value);
            largest = Math.max(largest, Math.abs(value));
        }
        float steps = rounding == Rounding.NEAREST ? 0.5f : 1f;
        return switch (precision) {
            case FP32 -> 0f;
            case FP16 -> largest * steps * 0x1.0p-10f + 1e-7f;
            default -> {
                float range = max - min;
                if (qparams == QParamsPrecision.FP16) {
                    range = (range + Math.abs(min) * 0x1.0p-10f) * (1f + 0x1.0p-9f);
                }
                float step = range / ((1 << precision.bits()) - 1);
                if (qparams == QParamsPrecision.FP16) {
                    step = Math.max(step, 0x1.0p-24f) * (1f + 0x1.0p-9f);
                }
                // FP16 qparams are rounded to nearest and the codes clamp, so the row's ends may move by half an
                // FP16 ulp of the bias and of the top (IntRowCodec explains why they are not floor/ceil).
                float clamp = qparams == QParamsPrecision.FP16 ? (Math.abs(min) + Math.abs(max)) * 0x1.0p-11f : 0f;
                yield steps * step * 1.0001f + 4 * Math.ulp(largest) + clamp;
            }
        };
    }

    @ParameterizedTest
    @MethodSource("allLayouts")
    void constantRowRoundTripsExactly(Precision precision, QParamsPrecision qparams, Rounding rounding) {
        float[] constants = qparams == QParamsPrecision.FP32 || !precision.isQuantized()
                ? new float[] {0f, 1f, -0.123456789f, 3.3e-5f, 1234.5678f}
                : new float[] {0f, 1f, -0.125f, 0.0009765625f, 1234.0f};
        for (float constant : constants) {
            if (precision == Precision.FP16 && Half.toFloat(Half.nearest(constant)) != constant) {
                continue;
            }
            for (int dim : DIMS) {
                RowCodec codec = RowCodec.of(new RowLayout(precision, qparams, dim), rounding);
                float[] row = new float[dim];
                Arrays.fill(row, constant);
                byte[] data = new byte[codec.layout().stride()];
                codec.encode(row, 0, data, 0, 99L);
                float[] decoded = new float[dim];
                codec.decode(data, 0, decoded, 0);
                assertArrayEquals(row, decoded, precision + "/" + qparams + " constant " + constant + " dim " + dim);
            }
        }
    }

    @Test
    void int4AndInt2PaddingIsZeroAndNeverLeaksIntoResults() {
        for (Precision precision : new Precision[] {Precision.INT4, Precision.INT2}) {
            for (int dim : new int[] {1, 3, 5, 6, 7, 9, 15, 17, 33}) {
                for (boolean vectorized : new boolean[] {false, true}) {
                    RowLayout layout = new RowLayout(precision, QParamsPrecision.FP32, dim);
                    RowCodec codec = RowCodec.of(layout, Rounding.NEAREST, vectorized);
                    float[] row = randomRow(dim, dim, 0f, 1f);
                    byte[] data = new byte[layout.stride()];
                    codec.encode(row, 0, data, 0, 5L);
                    byte[] padding = paddingMask(layout);
                    for (int i = 0; i < padding.length; i++) {
                        assertEquals(0, data[layout.qparamBytes() + i] & padding[i], precision + " dim " + dim
                                + ": padding bits of code byte " + i + " must be zero");
                    }
                    float[] clean = new float[dim];
                    codec.decode(data, 0, clean, 0);
                    for (int i = 0; i < padding.length; i++) {
                        data[layout.qparamBytes() + i] |= padding[i];
                    }
                    float[] decoded = new float[dim];
                    codec.decode(data, 0, decoded, 0);
                    assertArrayEquals(clean, decoded, precision + " dim " + dim + ": garbage padding changed the decode");
                    float[] sum = new float[dim + 4];
                    Arrays.fill(sum, 42f);
                    codec.accumulate(data, 0, sum, 2);
                    assertEquals(42f, sum[0]);
                    assertEquals(42f, sum[1]);
                    for (int d = 0; d < dim; d++) {
                        assertEquals(42f + clean[d], sum[2 + d], precision + " dim " + dim + " element " + d);
                    }
                    assertEquals(42f, sum[dim + 2], "accumulate wrote past the row");
                    assertEquals(42f, sum[dim + 3], "accumulate wrote past the row");
                }
            }
        }
    }

    /** Bits of each code byte that hold no element, from the documented planar layout. */
    private static byte[] paddingMask(RowLayout layout) {
        int bits = layout.precision().bits();
        int length = layout.dataBytes();
        byte[] mask = new byte[length];
        for (int i = 0; i < length; i++) {
            for (int slot = 0; slot < 8 / bits; slot++) {
                if (slot * length + i >= layout.embeddingDim()) {
                    mask[i] |= (byte) (((1 << bits) - 1) << (slot * bits));
                }
            }
        }
        return mask;
    }

    @ParameterizedTest
    @MethodSource("allLayouts")
    void vectorKernelsGiveTheScalarBits(Precision precision, QParamsPrecision qparams, Rounding rounding) {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "tests run with --add-modules jdk.incubator.vector");
        assumeTrue(VectorSupport.enabled(), "vector kernels are off on this CPU (vectors under 256 bits): nothing to compare");
        for (int dim : new int[] {1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 64, 100}) {
            RowLayout layout = new RowLayout(precision, qparams, dim);
            RowCodec scalar = RowCodec.of(layout, rounding, false);
            RowCodec vector = RowCodec.of(layout, rounding, true);
            byte[] data = new byte[layout.stride() * 3];
            float[] expected = new float[dim + 3];
            float[] actual = new float[dim + 3];
            Arrays.fill(expected, 0.25f);
            Arrays.fill(actual, 0.25f);
            for (int r = 0; r < 3; r++) {
                float[] row = randomRow(dim, 100 + r, r * 0.1f, 1f);
                scalar.encode(row, 0, data, r * layout.stride(), 77L + r);
                scalar.accumulate(data, r * layout.stride(), expected, 1);
                vector.accumulate(data, r * layout.stride(), actual, 1);
            }
            assertArrayEquals(expected, actual, precision + "/" + qparams + " dim " + dim);
            for (int r = 0; r < 3; r++) {
                float[] scalarDecoded = new float[dim + 2];
                float[] vectorDecoded = new float[dim + 2];
                scalar.decode(data, r * layout.stride(), scalarDecoded, 1);
                vector.decode(data, r * layout.stride(), vectorDecoded, 1);
                assertArrayEquals(scalarDecoded, vectorDecoded, precision + "/" + qparams + " dim " + dim + " decode");
                byte[] scalarBytes = new byte[layout.stride() + 2];
                byte[] vectorBytes = new byte[layout.stride() + 2];
                float[] row = randomRow(dim, 200 + r, -0.5f, 2f);
                scalar.encode(row, 0, scalarBytes, 1, 99L + r);
                vector.encode(row, 0, vectorBytes, 1, 99L + r);
                assertArrayEquals(scalarBytes, vectorBytes, precision + "/" + qparams + " dim " + dim + " encode");
            }
        }
    }

    /**
     * The vector encoders replace Java's float-to-int conversion (NaN to 0, saturating) by a clamp and the 2^23
     * rounding trick, and fold min/max lane-wise: rows that hit those edges (NaN, infinities, -0.0 against 0.0,
     * a range so small that 1 / scale overflows, a range that overflows) must still give the scalar bytes.
     */
    @ParameterizedTest
    @MethodSource("allLayouts")
    void vectorEncodingGivesTheScalarBitsOnExtremeRows(Precision precision, QParamsPrecision qparams, Rounding rounding) {
        for (int dim : new int[] {8, 16, 24, 32, 48, 64}) {
            RowLayout layout = new RowLayout(precision, qparams, dim);
            RowCodec scalar = RowCodec.of(layout, rounding, false);
            RowCodec vector = RowCodec.of(layout, rounding, true);
            List<float[]> rows = new ArrayList<>();
            rows.add(filled(dim, d -> d % 2 == 0 ? -0f : 0f));
            rows.add(filled(dim, d -> d == 3 ? Float.NaN : d));
            // A NaN with payload bits: the codes must still be 0, whatever the bits left over by the rounding trick.
            rows.add(filled(dim, d -> d == 0 ? Float.intBitsToFloat(0x7fc000ff) : d));
            rows.add(filled(dim, d -> d == 1 ? Float.POSITIVE_INFINITY : -d));
            rows.add(filled(dim, d -> d == 2 ? Float.NEGATIVE_INFINITY : d));
            rows.add(filled(dim, d -> 1f + d * 1e-40f));
            rows.add(filled(dim, d -> d * 1e-44f));
            rows.add(filled(dim, d -> d % 2 == 0 ? -3e38f : 3e38f));
            rows.add(filled(dim, d -> 0.3f));
            for (int r = 0; r < rows.size(); r++) {
                byte[] scalarBytes = new byte[layout.stride()];
                byte[] vectorBytes = new byte[layout.stride()];
                scalar.encode(rows.get(r), 0, scalarBytes, 0, 1234L + r);
                vector.encode(rows.get(r), 0, vectorBytes, 0, 1234L + r);
                assertArrayEquals(scalarBytes, vectorBytes, precision + "/" + qparams + "/" + rounding + " dim " + dim
                        + " extreme row " + r + ": " + Arrays.toString(rows.get(r)));
            }
        }
    }

    private static float[] filled(int dim, java.util.function.IntFunction<Float> value) {
        float[] row = new float[dim];
        for (int d = 0; d < dim; d++) {
            row[d] = value.apply(d);
        }
        return row;
    }

    @Test
    void layoutBytesMatchDesignExamples() {
        assertEquals(64, new RowLayout(Precision.FP32, QParamsPrecision.FP16, 16).stride());
        assertEquals(20, new RowLayout(Precision.INT8, QParamsPrecision.FP16, 16).stride());
        assertEquals(12, new RowLayout(Precision.INT4, QParamsPrecision.FP16, 16).stride());
        assertEquals(24, new RowLayout(Precision.INT8, QParamsPrecision.FP32, 16).stride());
        assertEquals(8 + 2, new RowLayout(Precision.INT2, QParamsPrecision.FP32, 5).stride());
        assertEquals(14, new RowLayout(Precision.FP16, QParamsPrecision.FP32, 7).stride());
    }

    @Test
    void halfConversionsAgreeWithTheDefinition() {
        assertEquals(1f, Half.toFloat(Half.nearest(1f)));
        assertEquals(65504f, Half.toFloat(Half.nearest(1e9f)));
        assertEquals(0x1.0p-24f, Half.toFloat(Half.nearest(0x1.0p-24f)));
        assertEquals(0f, Half.toFloat(Half.nearest(0x1.0p-26f)));
        assertEquals(1f + 0x1.0p-10f, Half.toFloat(Half.nearest(1f + 0x1.8p-11f)));
        assertEquals(1f, Half.toFloat(Half.nearest(1f + 0x1.0p-11f)), "ties go to even");
        assertTrue(Float.isNaN(Half.toFloat(Half.nearest(Float.NaN))));
        for (int bits = 0; bits < 0x7c00; bits++) {
            float value = Half.toFloat((short) bits);
            assertEquals(bits, Half.nearest(value) & 0xffff, "half " + bits + " must round-trip");
            assertEquals(bits | 0x8000, Half.nearest(-value) & 0xffff, "negative half " + bits + " must round-trip");
        }
        float x = 0.1f;
        assertTrue(Half.toFloat(Half.floor(x)) <= x && Half.toFloat(Half.ceil(x)) >= x);
        assertTrue(Half.toFloat(Half.floor(-x)) <= -x && Half.toFloat(Half.ceil(-x)) >= -x);
    }
}
