package dev.ember.engine.random;

/**
 * Seeded Zipf(s) sampler over ranks {@code 0 .. n-1} (rank 0 most frequent), by rejection-inversion
 * (Hoermann and Derflinger 1996), O(1) memory and expected time. {@link #scatteredId} maps ranks to ids
 * with a fixed bijection so hot rows are spread over the table, as hashed categorical ids are.
 * Draws are keyed by a counter, so a trace is reproducible whatever the thread count.
 */
public final class ZipfSampler {
    private final long n;
    private final double exponent;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double s;
    private final long seedKey;
    private final long multiplier;

    public ZipfSampler(long n, double exponent, long seed) {
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Zipf n must be in [1, 2^31 - 1], got " + n);
        }
        if (!(exponent > 0.0)) {
            throw new IllegalArgumentException("Zipf exponent must be > 0, got " + exponent);
        }
        this.n = n;
        this.exponent = exponent;
        this.hIntegralX1 = hIntegral(1.5) - 1.0;
        this.hIntegralN = hIntegral(n + 0.5);
        this.s = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
        this.seedKey = CounterRandom.mix(seed ^ 0x5deece66dL);
        this.multiplier = coprimeMultiplier(n);
    }

    /** The rank of draw number {@code counter} (0-based, 0 = hottest). */
    public long rank(long counter) {
        for (long attempt = 0; ; attempt++) {
            double u = hIntegralN + CounterRandom.uniformDouble(seedKey, counter * 64 + attempt)
                    * (hIntegralX1 - hIntegralN);
            double x = hIntegralInverse(u);
            long k = (long) (x + 0.5);
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                return k - 1;
            }
        }
    }

    /** The id of draw number {@code counter}: its rank scattered over {@code 0 .. n-1} by a fixed bijection. */
    public long scatteredId(long counter) {
        return scatter(rank(counter));
    }

    /** The id a rank maps to. */
    public long scatter(long rank) {
        return Math.floorMod(rank * multiplier + 12345L, n);
    }

    private static long coprimeMultiplier(long n) {
        long candidate = (long) (n * 0.6180339887498949) | 1L;
        while (gcd(candidate, n) != 1) {
            candidate += 2;
        }
        return candidate % Math.max(1, n) == 0 ? 1 : candidate;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private double h(double x) {
        return Math.exp(-exponent * Math.log(x));
    }

    private double hIntegral(double x) {
        double logX = Math.log(x);
        return helper2((1.0 - exponent) * logX) * logX;
    }

    private double hIntegralInverse(double x) {
        double t = x * (1.0 - exponent);
        if (t < -1.0) {
            t = -1.0;
        }
        return Math.exp(helper1(t) * x);
    }

    /** log(1 + x) / x, accurate near 0. */
    private static double helper1(double x) {
        return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }

    /** (exp(x) - 1) / x, accurate near 0. */
    private static double helper2(double x) {
        return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
    }
}
