package dev.ember.engine.cache;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API half of {@link RowCache}'s 32-way lookup, in a class of its own so that {@code RowCache} loads
 * without the {@code jdk.incubator.vector} module: the 32 fingerprint bytes of a set compared in one instruction.
 */
final class VectorFingerprints {
    private static final VectorSpecies<Long> FOUR_WORDS = LongVector.SPECIES_256;
    /** What {@link #firstMatch} returns when no byte matches. */
    static final int NONE = 32;

    private VectorFingerprints() {
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
}
