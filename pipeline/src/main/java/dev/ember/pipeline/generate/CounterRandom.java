package dev.ember.pipeline.generate;

/**
 * Counter-based random numbers: pure functions of their keys (SplitMix64 finalizer), so a value
 * drawn for (seed, column, rank) is the same in every task and every run.
 */
final class CounterRandom {
  private CounterRandom() {}

  static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long hash(long seed, long a, long b, long c) {
    return mix(mix(mix(mix(seed) ^ a) ^ b) ^ c);
  }

  /** Uniform in [0, 1) from 53 bits of the hash. */
  static double uniform(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }

  /** Standard normal from one hash (Box-Muller on its two 32-bit halves). */
  static double gaussian(long seed, long a, long b, long c) {
    long bits = hash(seed, a, b, c);
    double u1 = ((bits >>> 32) + 1.0) * 0x1.0p-32;
    double u2 = (bits & 0xffffffffL) * 0x1.0p-32;
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
