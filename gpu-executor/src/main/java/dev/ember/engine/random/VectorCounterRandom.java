package dev.ember.engine.random;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CounterRandom#uniform}, several elements at once with the Vector API: the blocks of consecutive
 * elements are mixed in the lanes of one long vector (the same SplitMix64 finalizer), and their 16-bit lanes are
 * spread to float lanes (little-endian: short lane {@code 4j + l} is bits {@code 16l ..} of block {@code j}, as in
 * {@link CounterRandom#lane}), so lane {@code e} equals {@code CounterRandom.uniform(rowKey, firstElement + e)}
 * bit for bit. Used only by the vector kernels (load it only when {@code jdk.incubator.vector} is present).
 */
public final class VectorCounterRandom {
    private static final VectorSpecies<Long> FOUR_BLOCKS = LongVector.SPECIES_256;
    private static final VectorSpecies<Integer> SIXTEEN_INTS = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> SIXTEEN_FLOATS = FloatVector.SPECIES_512;
    /** Lane {@code j} of a block vector is block {@code first + j}: key offsets {@code j * GOLDEN}. */
    private static final LongVector FOUR_BLOCK_STEPS = LongVector.fromArray(FOUR_BLOCKS,
            new long[] {0, CounterRandom.GOLDEN, 2 * CounterRandom.GOLDEN, 3 * CounterRandom.GOLDEN}, 0);

    private VectorCounterRandom() {
    }

    /** Uniforms of elements {@code firstElement .. firstElement + 15}; {@code firstElement} is a multiple of 4. */
    public static FloatVector uniforms16(long rowKey, int firstElement) {
        LongVector z = LongVector.broadcast(FOUR_BLOCKS, firstKey(rowKey, firstElement)).add(FOUR_BLOCK_STEPS);
        // CounterRandom.mix in every lane (inline: a vector passed to a helper C2 does not inline is boxed).
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(CounterRandom.MIX_MULTIPLIER_1);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(CounterRandom.MIX_MULTIPLIER_2);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
        IntVector lanes = (IntVector) z.reinterpretShape(ShortVector.SPECIES_256, 0)
                .convertShape(VectorOperators.S2I, SIXTEEN_INTS, 0);
        return ((FloatVector) lanes.and(0xffff).convertShape(VectorOperators.I2F, SIXTEEN_FLOATS, 0))
                .mul(CounterRandom.TWO_POW_MINUS_16);
    }

    /** The key of {@link CounterRandom#block} for the block holding {@code firstElement}. */
    private static long firstKey(long rowKey, int firstElement) {
        return rowKey + ((firstElement >>> 2) + 1L) * CounterRandom.GOLDEN;
    }
}
