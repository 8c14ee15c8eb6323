package dev.ember.engine.cache;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link RowCache}'s 32-way sets, in a class of its own so that {@code RowCache} loads
 * without the {@code jdk.incubator.vector} module: the 32 fingerprint bytes of a set compared in one instruction,
 * and LRU's victim found among the 32 last-use steps without a loop.
 */
final class RowCacheVectors {
    private static final VectorSpecies<Long> FOUR_WORDS = LongVector.SPECIES_256;
    private static final VectorSpecies<Long> EIGHT_WORDS = LongVector.SPECIES_512;
    /** What {@link #firstMatch} returns when no byte matches. */
    static final int NONE = 32;

    private RowCacheVectors() {
    }

    /**
     * The lowest of the 32 bytes of {@code meta[wordBase .. wordBase + 4)} (byte {@code j} of word {@code w} is way
     * {@code 8w + j}, little-endian as {@link RowCache} packs them) equal to {@code fingerprint} (0..255), or
     * {@link #NONE}.
     */
    static int firstMatch(long[] meta, int wordBase, int fingerprint) {
        ByteVector bytes = LongVector.fromArray(FOUR_WORDS, meta, wordBase).reinterpretAsBytes();
        return bytes.eq((byte) fingerprint).firstTrue();
    }

    /**
     * LRU's victim among 32 ways: the lowest way whose step in {@code meta[stepBase .. stepBase + 32)} is the
     * smallest one below {@code step}, or -1 when every way was used in this step (as {@code RowCache}'s scalar
     * scan). Steps of this step or later count as {@code Long.MAX_VALUE}; a real step is always below it.
     */
    static int leastRecentlyUsed(long[] meta, int stepBase, long step) {
        LongVector first = unpinned(meta, stepBase, step);
        LongVector second = unpinned(meta, stepBase + 8, step);
        LongVector third = unpinned(meta, stepBase + 16, step);
        LongVector fourth = unpinned(meta, stepBase + 24, step);
        long least = first.min(second).min(third.min(fourth)).reduceLanes(VectorOperators.MIN);
        if (least == Long.MAX_VALUE) {
            return -1;
        }
        // The lowest matching way, chosen with selects: which eighth holds it is random.
        int way = 24 + fourth.eq(least).firstTrue();
        int inThird = third.eq(least).firstTrue();
        way = inThird < 8 ? 16 + inThird : way;
        int inSecond = second.eq(least).firstTrue();
        way = inSecond < 8 ? 8 + inSecond : way;
        int inFirst = first.eq(least).firstTrue();
        return inFirst < 8 ? inFirst : way;
    }

    private static LongVector unpinned(long[] meta, int from, long step) {
        LongVector steps = LongVector.fromArray(EIGHT_WORDS, meta, from);
        return steps.blend(Long.MAX_VALUE, steps.compare(VectorOperators.GE, step));
    }
}
