package dev.ember.engine.random;

/**
 * A counter-based (stateless) generator: every random number is a pure function of its key
 * (seed, stream, step, table, row, element), so results never depend on thread scheduling or on the
 * order in which rows are processed, and a CUDA kernel can draw the same numbers.
 * The mixer is the SplitMix64 finalizer (Steele, Lea, Flood 2014), applied once per key field.
 */
public final class CounterRandom {
    /** Stream of the initial table values. */
    public static final int STREAM_INIT = 1;
    /** Stream of stochastic rounding in training steps (write-back on eviction and uncached updates). */
    public static final int STREAM_UPDATE = 2;
    /** Stream of stochastic rounding when the cache is flushed. */
    public static final int STREAM_FLUSH = 3;
    /** Stream of probabilistic LFU counter increments. */
    public static final int STREAM_COUNTER = 4;

    static final long GOLDEN = 0x9e3779b97f4a7c15L;
    static final long MIX_MULTIPLIER_1 = 0xbf58476d1ce4e5b9L;
    static final long MIX_MULTIPLIER_2 = 0x94d049bb133111ebL;
    static final float TWO_POW_MINUS_16 = 1.0f / (1 << 16);

    private CounterRandom() {
    }

    /** The SplitMix64 finalizer: a bijective 64-bit mixer with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * MIX_MULTIPLIER_1;
        z = (z ^ (z >>> 27)) * MIX_MULTIPLIER_2;
        return z ^ (z >>> 31);
    }

    /** The key of one row in one step; elements of the row are then drawn with {@link #uniform(long, int)}. */
    public static long rowKey(long seed, int stream, long step, int table, long row) {
        return rowKey(tableKey(seed, stream, step, table), row);
    }

    /**
     * The part of {@link #rowKey} that does not depend on the row: hot loops compute it once per (step, table)
     * and then pay one mix per row instead of five; {@code rowKey(tableKey(s, st, p, t), r) == rowKey(s, st, p, t, r)}.
     */
    public static long tableKey(long seed, int stream, long step, int table) {
        long key = mix(seed + GOLDEN);
        key = mix(key ^ (stream * GOLDEN + 0x632be59bd9b4e019L));
        key = mix(key ^ (step + GOLDEN));
        return mix(key ^ ((long) table * GOLDEN + 0x8cb92ba72f3d8dd7L));
    }

    /** The key of one row from its {@link #tableKey}. */
    public static long rowKey(long tableKey, long row) {
        return mix(tableKey ^ (row + GOLDEN));
    }

    /**
     * A uniform float in [0, 1) on a grid of 2^-16, for element {@code element} of the row keyed by
     * {@code rowKey}: 16-bit lane {@code element % 4} of {@link #block(long, int) block(rowKey, element / 4)}.
     * (16 bits bound the rounding bias by 2^-16 of a step, far below the rounding noise.)
     */
    public static float uniform(long rowKey, int element) {
        return lane(block(rowKey, element >>> 2), element & 3);
    }

    /** 64 random bits holding the uniforms of elements {@code 4 * blockIndex .. 4 * blockIndex + 3}. */
    public static long block(long rowKey, int blockIndex) {
        return mix(rowKey + (blockIndex + 1L) * GOLDEN);
    }

    /** Lane {@code lane} (0..3) of a {@link #block} as a uniform float in [0, 1). */
    public static float lane(long block, int lane) {
        return ((block >>> (16 * lane)) & 0xffff) * TWO_POW_MINUS_16;
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public static double uniformDouble(long rowKey, long counter) {
        return (mix(rowKey + (counter + 1L) * GOLDEN) >>> 11) * 0x1.0p-53;
    }
}
