package dev.ember.engine.format;

import dev.ember.engine.random.CounterRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stochastic rounding is unbiased: mean error over 1e6 draws within 4 standard errors of zero. */
class StochasticRoundingTest {
    private static final int DRAWS = 1_000_000;

    @Test
    void int8AndInt4AndInt2RoundingIsUnbiased() {
        for (Precision precision : new Precision[] {Precision.INT8, Precision.INT4, Precision.INT2}) {
            int dim = 8;
            RowCodec codec = RowCodec.of(new RowLayout(precision, QParamsPrecision.FP32, dim), Rounding.STOCHASTIC);
            float[] row = {-1f, 0.3337f, 0.1f, -0.77f, 0.5001f, 1f, 0.0123f, -0.4f};
            assertUnbiased(codec, row, precision.toString());
        }
    }

    @Test
    void fp16RoundingIsUnbiased() {
        RowCodec codec = RowCodec.of(new RowLayout(Precision.FP16, QParamsPrecision.FP32, 4), Rounding.STOCHASTIC);
        assertUnbiased(codec, new float[] {0.1f, 1.0001f, -3.14159f, 1e-6f}, "FP16");
    }

    private static void assertUnbiased(RowCodec codec, float[] row, String name) {
        int dim = row.length;
        int encodes = DRAWS / dim;
        double[] sum = new double[dim];
        double[] sumOfSquares = new double[dim];
        byte[] data = new byte[codec.layout().stride()];
        float[] decoded = new float[dim];
        for (int i = 0; i < encodes; i++) {
            codec.encode(row, 0, data, 0, CounterRandom.rowKey(2024, CounterRandom.STREAM_UPDATE, i, 0, 17));
            codec.decode(data, 0, decoded, 0);
            for (int d = 0; d < dim; d++) {
                double error = (double) decoded[d] - row[d];
                sum[d] += error;
                sumOfSquares[d] += error * error;
            }
        }
        double total = 0;
        double totalSquares = 0;
        for (int d = 0; d < dim; d++) {
            total += sum[d];
            totalSquares += sumOfSquares[d];
            double mean = sum[d] / encodes;
            double standardError = Math.sqrt(Math.max(sumOfSquares[d] / encodes - mean * mean, 0) / encodes);
            assertTrue(Math.abs(mean) <= 4 * standardError + 1e-7 * Math.abs(row[d]) + 1e-12,
                    name + " element " + d + " (" + row[d] + "): mean error " + mean + ", standard error " + standardError);
        }
        int n = encodes * dim;
        double mean = total / n;
        double standardError = Math.sqrt((totalSquares / n - mean * mean) / n);
        assertTrue(Math.abs(mean) <= 4 * standardError + 1e-9, name + ": mean error over " + n + " draws " + mean
                + ", standard error " + standardError);
        assertTrue(standardError > 0, name + ": stochastic rounding must actually vary");
    }

    @Test
    void nearestRoundingIsBiasedSoTheTestCanFail() {
        RowCodec codec = RowCodec.of(new RowLayout(Precision.INT8, QParamsPrecision.FP32, 3), Rounding.NEAREST);
        float[] row = {0f, 0.3f / 255f, 1f};
        byte[] data = new byte[codec.layout().stride()];
        float[] decoded = new float[3];
        codec.encode(row, 0, data, 0, 1L);
        codec.decode(data, 0, decoded, 0);
        assertTrue(decoded[1] == 0f, "nearest rounds 0.3 of a step down, every time");
    }

    @Test
    void resultsDependOnTheSeedAndOnlyOnTheKey() {
        RowCodec codec = RowCodec.of(new RowLayout(Precision.INT4, QParamsPrecision.FP16, 64), Rounding.STOCHASTIC);
        float[] row = new float[64];
        for (int d = 0; d < 64; d++) {
            row[d] = (float) Math.sin(d);
        }
        byte[] first = new byte[codec.layout().stride()];
        byte[] again = new byte[codec.layout().stride()];
        byte[] otherSeed = new byte[codec.layout().stride()];
        codec.encode(row, 0, first, 0, CounterRandom.rowKey(1, 2, 3, 4, 5));
        codec.encode(row, 0, again, 0, CounterRandom.rowKey(1, 2, 3, 4, 5));
        codec.encode(row, 0, otherSeed, 0, CounterRandom.rowKey(2, 2, 3, 4, 5));
        assertTrue(java.util.Arrays.equals(first, again), "same key, same bits");
        assertTrue(!java.util.Arrays.equals(first, otherSeed), "another seed, other bits");
    }
}
