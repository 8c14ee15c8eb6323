package dev.ember.engine.kernel;

import dev.ember.engine.cache.RowCache;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.RowCodec;
import dev.ember.engine.format.RowLayout;
import dev.ember.engine.format.Rounding;
import dev.ember.engine.format.VectorSupport;
import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.storage.ChunkedRowStorage;
import dev.ember.engine.storage.EmbeddingTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The specialised kernels against the loops over the scalar codec (the reference): pooling of one-hot and
 * multi-hot bags (empty bags included), with and without cached lookups, and the SGD update of cached and stored
 * rows, must give the same bits for every dimension, including the scalar tails past the last 16-lane block.
 */
class TableKernelsTest {
    private static final int[] DIMS = {1, 7, 8, 15, 16, 17, 24, 31, 32, 33, 48, 64, 100};
    private static final int ROWS = 37;
    private static final int TABLES = 3;
    /** Every precision x qparams x rounding, as the codec tests enumerate them. */
    private static final String FORMATS = "dev.ember.engine.format.RowCodecTest#allLayouts";

    @ParameterizedTest
    @MethodSource(FORMATS)
    void poolingGivesTheCodecLoopsBits(Precision precision, QParamsPrecision qparams, Rounding rounding) {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "tests run with --add-modules jdk.incubator.vector");
        assumeTrue(VectorSupport.enabled(), "vector kernels are off on this CPU (vectors under 256 bits): nothing to compare");
        for (int dim : DIMS) {
            checkPooling(new Tables(precision, qparams, rounding, dim), dim, new SplittableRandom(dim));
            // One chunk: the kernels read it without the chunk array (a path of its own).
            checkPooling(new Tables(precision, qparams, rounding, dim, true), dim, new SplittableRandom(dim));
        }
    }

    @ParameterizedTest
    @MethodSource(FORMATS)
    void sgdUpdateGivesTheCodecLoopsBits(Precision precision, QParamsPrecision qparams, Rounding rounding) {
        for (int dim : DIMS) {
            checkUpdate(new Tables(precision, qparams, rounding, dim), dim, new SplittableRandom(100 + dim), false);
        }
    }

    @ParameterizedTest
    @MethodSource(FORMATS)
    void rowwiseAdagradUpdateGivesTheCodecLoopsBits(Precision precision, QParamsPrecision qparams, Rounding rounding) {
        for (int dim : DIMS) {
            checkUpdate(new Tables(precision, qparams, rounding, dim), dim, new SplittableRandom(200 + dim), true);
        }
    }

    /**
     * The checks above run mostly interpreted, where the Vector API computes in Java; the compiled kernels use C2's
     * intrinsics. Repeating them until C2 has compiled the kernels checks those too (the same bits either way).
     */
    @Test
    void compiledKernelsKeepTheBits() {
        for (Precision precision : new Precision[] {Precision.FP32, Precision.INT8, Precision.INT4}) {
            for (int dim : new int[] {16, 24, 64}) {
                Tables tables = new Tables(precision, QParamsPrecision.FP32, Rounding.STOCHASTIC, dim);
                SplittableRandom random = new SplittableRandom(dim);
                for (int round = 0; round < 800; round++) {
                    checkPooling(tables, dim, random);
                    checkUpdate(tables, dim, random, round % 2 == 1);
                }
            }
        }
    }

    /**
     * A bag's sum is its values added in lookup order: a bag of one value outputs that value's bits (-0.0 stays
     * -0.0, from an FP32 row or a cache slot; an INTn row of -0.0 decodes to +0.0), as does a bag of two, and an
     * empty bag outputs +0.0; the same in one-hot blocks, multi-hot blocks, the vector blocks and the scalar
     * tails, kernels and reference.
     */
    @Test
    void sumsKeepTheSignOfZeroAndEmptyBagsArePositiveZero() {
        int negativeZeros = Float.floatToRawIntBits(-0f);
        for (Precision precision : new Precision[] {Precision.FP32, Precision.INT8, Precision.INT4}) {
            for (int dim : new int[] {16, 17, 64}) {
                Tables tables = new Tables(precision, QParamsPrecision.FP32, Rounding.NEAREST, dim);
                float[] slots = new float[RowCache.SLOT_ORIGIN + dim];
                Arrays.fill(slots, -0f);
                // Bags: {row 5}, {slot 0}, {} and {row 5, row 5}; the first two alone make a one-hot block.
                int[] offsets = {0, 1, 2, 2, 4};
                int[] indices = {5, 0, 5, 5};
                int[] slotOfLookup = {-1, 0, -1, -1};
                CachedLookups cached = new CachedLookups(slots, slotOfLookup, 0, indices.length);
                boolean storedZeroIsNegative = precision == Precision.FP32;
                for (TableKernels kernels : new TableKernels[] {tables.kernels, tables.reference}) {
                    String name = tables + " " + kernels.getClass().getSimpleName();
                    for (int endBag : new int[] {2, 4}) {
                        BagBlock bags = new BagBlock(offsets, indices, 0, endBag, indices.length, null, dim,
                                TABLES * dim);
                        float[] out = pool(kernels, bags, cached, 4, dim);
                        for (int bag = 0; bag < endBag; bag++) {
                            int expected = bag == 1 || (bag != 2 && storedZeroIsNegative) ? negativeZeros : 0;
                            for (int d = 0; d < dim; d++) {
                                int at = bag * TABLES * dim + dim + d;
                                assertEquals(expected, Float.floatToRawIntBits(out[at]),
                                        name + ", bags 0.." + endBag + ", bag " + bag + ", element " + d);
                            }
                        }
                    }
                }
            }
        }
    }

    /** One-hot and multi-hot bags, with and without cached lookups. */
    private static void checkPooling(Tables tables, int dim, SplittableRandom random) {
        for (boolean oneHot : new boolean[] {true, false}) {
            int batchSize = 40;
            int[] offsets = offsets(batchSize, oneHot, random);
            int[] indices = random.ints(offsets[batchSize], 0, ROWS).toArray();
            float[] slots = slotValues(RowCache.SLOT_ORIGIN, 5, dim, random);
            int[] slotOfLookup = random.ints(offsets[batchSize], -4, 5).map(s -> Math.max(-1, s)).toArray();
            for (boolean cachedLookups : new boolean[] {false, true}) {
                // A block in the middle of the batch, as table 1 of 3, with touches reaching past the block.
                BagBlock bags = new BagBlock(offsets, indices, 7, 31, offsets[batchSize], null, dim, TABLES * dim);
                CachedLookups cached = cachedLookups ? new CachedLookups(slots, slotOfLookup, 0, offsets[batchSize]) : null;
                float[] expected = pool(tables.reference, bags, cached, batchSize, dim);
                float[] actual = pool(tables.kernels, bags, cached, batchSize, dim);
                assertArrayEquals(expected, actual, tables + (oneHot ? " one-hot" : " multi-hot")
                        + (cachedLookups ? " cached" : ""));
            }
        }
    }

    /**
     * Unique rows with one or several lookups each, some cached; the stored rows and slots (and the row-wise
     * Adagrad accumulators) must agree after.
     */
    private static void checkUpdate(Tables tables, int dim, SplittableRandom random, boolean adagrad) {
        int numLookups = 60;
        int batchSize = numLookups;
        // Unique rows 0..19, each with its lookups in increasing order (CSR), some rows cached.
        int numUnique = 20;
        int[] uniqueRows = random.ints(0, ROWS).distinct().limit(numUnique).toArray();
        int[] uniqueOfLookup = new int[numLookups];
        for (int k = 0; k < numLookups; k++) {
            uniqueOfLookup[k] = k < numUnique ? k : random.nextInt(numUnique);
        }
        int[] lookupStart = new int[numUnique + 1];
        int[] lookupsByUnique = new int[numLookups];
        for (int k = 0; k < numLookups; k++) {
            lookupStart[uniqueOfLookup[k] + 1]++;
        }
        for (int u = 0; u < numUnique; u++) {
            lookupStart[u + 1] += lookupStart[u];
        }
        int[] cursor = Arrays.copyOf(lookupStart, numUnique);
        for (int k = 0; k < numLookups; k++) {
            lookupsByUnique[cursor[uniqueOfLookup[k]]++] = k;
        }
        int[] bagOfLookup = new int[numLookups];
        Arrays.setAll(bagOfLookup, k -> k);
        int[] slotOfUnique = new int[numUnique];
        Arrays.setAll(slotOfUnique, u -> u % 3 == 0 ? u / 3 : -1);
        float[] gradients = slotValues(0, batchSize * TABLES, dim, random);
        float[] expectedSlots = slotValues(RowCache.SLOT_ORIGIN, numUnique, dim, random);
        float[] actualSlots = expectedSlots.clone();
        long tableKey = CounterRandom.tableKey(5, CounterRandom.STREAM_UPDATE, 3, 1);
        // Row-wise Adagrad: accumulators with some state already, indexed by row.
        float[] expectedState = adagrad ? slotValues(0, ROWS, 1, random) : null;
        float[] actualState = adagrad ? expectedState.clone() : null;
        if (adagrad) {
            for (int r = 0; r < ROWS; r++) {
                expectedState[r] = Math.abs(expectedState[r]);
                actualState[r] = expectedState[r];
            }
        }
        tables.reference.update(new RowUpdates(uniqueRows, slotOfUnique, lookupStart, lookupsByUnique,
                bagOfLookup, 2, numUnique, expectedSlots, gradients, dim, TABLES * dim, 0.25f, expectedState, tableKey));
        tables.kernels.update(new RowUpdates(uniqueRows, slotOfUnique, lookupStart, lookupsByUnique,
                bagOfLookup, 2, numUnique, actualSlots, gradients, dim, TABLES * dim, 0.25f, actualState, tableKey));
        assertArrayEquals(expectedSlots, actualSlots, tables + " slots");
        if (adagrad) {
            assertArrayEquals(expectedState, actualState, tables + " Adagrad accumulators");
            assertNotEquals(0f, actualState[uniqueRows[numUnique - 1]], tables + " Adagrad state of an updated row");
        }
        assertArrayEquals(tables.referenceTable.storage().chunkAt(0), tables.table.storage().chunkAt(0),
                tables + " stored rows");
        for (int c = 1; c < tables.table.storage().numChunks(); c++) {
            assertArrayEquals(tables.referenceTable.storage().chunkAt(c), tables.table.storage().chunkAt(c),
                    tables + " stored rows, chunk " + c);
        }
    }

    /** Pools into an output of NaNs, so an element the kernel forgets to write shows. */
    private static float[] pool(TableKernels kernels, BagBlock bags, CachedLookups cached, int batchSize, int dim) {
        float[] out = new float[batchSize * TABLES * dim];
        Arrays.fill(out, Float.NaN);
        kernels.pool(new BagBlock(bags.offsets(), bags.indices(), bags.firstBag(), bags.endBag(), bags.touchEnd(),
                out, bags.outBase(), bags.outStride()), cached);
        return out;
    }

    /** One id per bag, or 0 to 4 ids per bag (empty bags included). */
    private static int[] offsets(int batchSize, boolean oneHot, SplittableRandom random) {
        int[] offsets = new int[batchSize + 1];
        for (int bag = 0; bag < batchSize; bag++) {
            offsets[bag + 1] = offsets[bag] + (oneHot ? 1 : random.nextInt(5));
        }
        return offsets;
    }

    /**
     * {@code origin} floats, then {@code rows * dim} random values in [-1, 1), some -0.0 (a sum must keep or drop its
     * sign as the scalar loop does): slots when origin is the cache's.
     */
    private static float[] slotValues(int origin, int rows, int dim, SplittableRandom random) {
        float[] values = new float[origin + rows * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 11 == 0 ? -0f : (float) (2 * random.nextDouble() - 1);
        }
        return values;
    }

    /** A table read by the kernels under test and a copy of its bytes read by the codec loops. */
    private static final class Tables {
        final EmbeddingTable table;
        final EmbeddingTable referenceTable;
        final TableKernels kernels;
        final TableKernels reference;
        private final String name;

        Tables(Precision precision, QParamsPrecision qparams, Rounding rounding, int dim) {
            this(precision, qparams, rounding, dim, false);
        }

        /** Chunks of 8 rows, so that lookups cross chunks, unless {@code oneChunk}. */
        Tables(Precision precision, QParamsPrecision qparams, Rounding rounding, int dim, boolean oneChunk) {
            RowLayout layout = new RowLayout(precision, qparams, dim);
            RowCodec scalar = RowCodec.of(layout, rounding, false);
            long chunkBytes = oneChunk ? ChunkedRowStorage.DEFAULT_MAX_CHUNK_BYTES : 8L * layout.stride();
            table = new EmbeddingTable(0, ROWS, RowCodec.of(layout, rounding), chunkBytes);
            referenceTable = new EmbeddingTable(0, ROWS, scalar, chunkBytes);
            SplittableRandom random = new SplittableRandom(dim * 31L + precision.ordinal());
            float[] row = new float[dim];
            for (int r = 0; r < ROWS; r++) {
                for (int d = 0; d < dim; d++) {
                    // Row 3 is constant, row 5 all -0.0 (decodes to -0.0 in FP32 and FP16).
                    row[d] = r == 3 ? 0.75f : r == 5 ? -0f : (float) (random.nextDouble() - 0.3) * (r + 1);
                }
                referenceTable.encodeRow(r, row, 0, CounterRandom.rowKey(9, 1, 0, 0, r));
            }
            for (int c = 0; c < table.storage().numChunks(); c++) {
                byte[] source = referenceTable.storage().chunkAt(c);
                System.arraycopy(source, 0, table.storage().chunkAt(c), 0, source.length);
            }
            kernels = TableKernels.of(table);
            reference = new CodecTableKernels(referenceTable);
            if (VectorSupport.wideEnabled() && (precision == Precision.FP32 || precision == Precision.INT8
                    || precision == Precision.INT4)) {
                assertNotEquals(CodecTableKernels.class, kernels.getClass(), precision + " has a specialised kernel");
            }
            if (oneChunk) {
                assertEquals(1, table.storage().numChunks(), "one chunk");
            }
            name = precision + "/" + qparams + "/" + rounding + " dim " + dim + (oneChunk ? ", one chunk" : "");
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
