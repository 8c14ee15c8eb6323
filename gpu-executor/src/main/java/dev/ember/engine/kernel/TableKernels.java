package dev.ember.engine.kernel;

import static dev.ember.engine.cache.RowCache.SLOT_ORIGIN;

import dev.ember.engine.format.VectorSupport;
import dev.ember.engine.storage.ChunkedRowStorage;
import dev.ember.engine.storage.EmbeddingTable;
import dev.ember.engine.storage.MemoryTouch;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The hot loops of one table: sum pooling of bags ({@link #pool}) and the sparse update, SGD or row-wise Adagrad ({@link #update}).
 * {@link #of} picks a loop specialised for the table's format when 512-bit vectors are on, else the loops over
 * the row codec, which are the reference; both give the same bits. Instances hold no per-call state, so tasks
 * of one table may run them concurrently on disjoint bags and rows.
 *
 * <p>Rules the specialised kernels follow, each learnt from C2 on JDK 17 boxing vectors (every vector becomes an
 * object: 10x slower, and visible as allocation): one vector shape (16 floats; elements past the last multiple of
 * 16 take a scalar loop), because a method mixing 8- and 16-lane float vectors boxed them; no vector passed to
 * or returned from a helper unless the helper is small and self-contained (its shapes constants, no vector
 * argument), because C2 compiles a hot helper on its own first and never inlines one that grew big there
 * ("already compiled into a big method"); arrays between the larger steps (gradient, step, encode); no loop over
 * a row's blocks inside the loop over lookups (docs/engine.md section 1, "No loop per row"). Pooling touches rows
 * first only where a row's decode is long (INT8 and INT4 rows of 64 elements or more, {@link #touchStoredRows});
 * for narrower rows, and FP32, the loops are short enough for the out-of-order window to overlap the misses, and
 * touching measured slower (docs/engine.md section 1). The update touches its rows ({@link #touchUpdatedRows}).
 */
public abstract class TableKernels {
    /** Floats per vector in the specialised kernels (512 bits). */
    static final int LANES = 16;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_512;
    /** A non-empty bag's sum starts here ({@link #bagStart}). */
    private static final FloatVector NEGATIVE_ZEROS = FloatVector.broadcast(FLOATS, -0f);
    private static final FloatVector POSITIVE_ZEROS = FloatVector.zero(FLOATS);
    private static final int LINE_BYTES = 64;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
    private static final int INT_LANES = INTS.length();
    /** 0, 1, ..., 15. */
    private static final IntVector LANE_INDEX = IntVector.fromArray(INTS, new int[] {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, 0);

    final int dim;
    final int stride;
    final byte[][] chunks;
    /** The table's only chunk, or null when it has several. */
    final byte[] onlyChunk;
    final int rowsPerChunkShift;
    final int rowMask;
    /**
     * True when every row spans exactly two 64-byte lines and is longer than one ({@code 64 < stride <= 64 + g},
     * {@code g = gcd(stride, 64)}: INT8 rows of 64 codes with FP32 (72 bytes) or FP16 (68) qparams), so that bytes
     * 0 and 64 of a row touch all of it. Rows start at {@code ROW_ORIGIN + row * stride}, a multiple of {@code g}
     * from a line (the origin puts a chunk's row 0 on one, see {@link ChunkedRowStorage#ROW_ORIGIN}), so a row
     * starts at most {@code 64 - g} bytes into a line, ends within the next, and its byte 64 lies in that next
     * line. Were a chunk not line-aligned, some rows would span three lines and one would go untouched: slower,
     * never wrong. Reading byte 64 rather than the last one lets C2 check both reads' bounds at once (their
     * distance is a constant): 10M x 64 INT8 lookups 1.07x Zipf, 1.07-1.11x uniform (two JVMs); first and last
     * byte against {@link MemoryTouch#bytes}'s three reads had measured 1.45x / 1.15x.
     */
    private final boolean twoLineWideRows;

    TableKernels(EmbeddingTable table) {
        ChunkedRowStorage storage = table.storage();
        this.dim = table.layout().embeddingDim();
        this.stride = storage.stride();
        this.chunks = new byte[storage.numChunks()][];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = storage.chunkAt(c);
        }
        this.onlyChunk = chunks.length == 1 ? chunks[0] : null;
        this.rowsPerChunkShift = storage.rowsPerChunkShift();
        this.rowMask = (1 << Math.min(31, rowsPerChunkShift)) - 1;
        this.twoLineWideRows = stride > LINE_BYTES && stride <= LINE_BYTES + Integer.lowestOneBit(stride | LINE_BYTES);
    }

    /** The kernels for a table: specialised for FP32, INT8 and INT4 with 512-bit vectors, else over its codec. */
    public static TableKernels of(EmbeddingTable table) {
        if (!VectorSupport.wideEnabled()) {
            return new CodecTableKernels(table);
        }
        return switch (table.layout().precision()) {
            case FP32 -> new Fp32TableKernels(table);
            case INT8 -> new Int8TableKernels(table);
            case INT4 -> new Int4TableKernels(table);
            case FP16, INT2 -> new CodecTableKernels(table);
        };
    }

    /**
     * Sum-pools the bags of {@code bags}: each output element is the sum of the bag's row values in lookup order
     * (a bag of one lookup outputs its row's values unchanged, an empty bag +0.0), a row read from its cache slot
     * when {@code cached} (nullable) says so, else decoded from storage. Loops start a sum from -0.0, the identity
     * of float addition ({@code -0.0f + x} is {@code x}, bit for bit), so that one-hot pooling is a copy: see
     * {@link #bagStart}.
     */
    public abstract void pool(BagBlock bags, CachedLookups cached);

    /** Applies SGD or row-wise Adagrad to the rows of {@code updates} (see {@link RowUpdates}). */
    public abstract void update(RowUpdates updates);

    /**
     * Reads every 64-byte line of the rows the task updates, the cache slot of a cached row, else the stored row, in
     * one loop of independent reads, so that their memory latencies overlap before the update loop needs the rows.
     * The update of one row is long enough (decode, step, stochastic encode) that the out-of-order window
     * overlapped only a few rows' misses. Measured in one JVM, rounds alternating the pass on and off
     * ({@code CpuTimeHarness}, update alone): stored rows 1.2-1.9x faster (INT8 1M x 16 uniform 14.2 -> 18.2 M rows/s,
     * FP32 10M x 64 row-wise Adagrad 2.8 -> 5.2); slots 1.3x at the DLRM shape (26 tables, batch 128, INT8 + 5%
     * cache: 36.5 -> 48 M/s; even on one table, whose slots stay in cache). Pooling does not do this: its loops
     * are short, and a touch pass made it 1.2-1.5x slower.
     */
    final void touchUpdatedRows(RowUpdates updates) {
        long sum = 0;
        int[] slotOfUnique = updates.slotOfUnique();
        int[] uniqueRows = updates.uniqueRows();
        for (int u = updates.firstUnique(); u < updates.endUnique(); u++) {
            int slot = slotOfUnique[u];
            sum += slot >= 0 ? MemoryTouch.floats(updates.slots(), SLOT_ORIGIN + slot * dim, dim)
                    : touchStoredRow(uniqueRows[u]);
        }
        MemoryTouch.keep(sum);
    }

    /**
     * Touches the stored rows of lookups {@code [from, to)} that {@code cached} (nullable) does not hold. Without a
     * cache the loop has no slot test: fewer instructions per row, more rows' misses in flight (INT8 10M x 64
     * lookups 1.05x Zipf, 1.06-1.15x uniform, session 9).
     */
    final void touchStoredRows(int[] indices, int from, int to, CachedLookups cached) {
        long sum = 0;
        if (cached == null && twoLineWideRows) {
            for (int i = from; i < to; i++) {
                byte[] chunk = chunk(indices[i]);
                int at = offset(indices[i]);
                sum += chunk[at] + chunk[at + LINE_BYTES];
            }
        } else if (cached == null) {
            for (int i = from; i < to; i++) {
                sum += MemoryTouch.bytes(chunk(indices[i]), offset(indices[i]), stride);
            }
        } else {
            for (int i = from; i < to; i++) {
                if (cached.slotOf(i) < 0) {
                    sum += touchStoredRow(indices[i]);
                }
            }
        }
        MemoryTouch.keep(sum);
    }

    /** Reads the lines of stored row {@code row} (see {@link #twoLineWideRows}). */
    private long touchStoredRow(int row) {
        byte[] chunk = chunk(row);
        int at = offset(row);
        return twoLineWideRows ? chunk[at] + chunk[at + LINE_BYTES] : MemoryTouch.bytes(chunk, at, stride);
    }

    /**
     * The chunk holding {@code row}. A table of one chunk (up to 2 GiB) returns it without reading the chunk array:
     * the field is loop-invariant, so C2 lifts it and the chunk's bounds out of the kernels' loops, where the
     * array read and the chunk's length cost two dependent loads and checks per lookup (a copy of the INT8 dim-16
     * loop in one JVM: 1.2x).
     */
    final byte[] chunk(int row) {
        byte[] only = onlyChunk;
        return only != null ? only : chunks[row >>> rowsPerChunkShift];
    }

    /** The byte offset of {@code row} in its chunk (see {@link ChunkedRowStorage#ROW_ORIGIN}). */
    final int offset(int row) {
        return ChunkedRowStorage.ROW_ORIGIN + (row & rowMask) * stride;
    }

    /**
     * What bag {@code bag}'s sum starts from: -0.0, which leaves the first value's bits as they are (a sum that
     * started from +0.0 would turn a first value of -0.0 into +0.0, and one-hot pooling would need an add per
     * vector to match: without it, FP32 10M x 64 lookups 1.00x Zipf, 1.08x uniform, BuildComparison; bare loops in
     * a probe 1.19x / 1.32x), or +0.0 for an empty bag. Only the sign of a zero differs from sums that start at
     * +0.0 (and a signalling NaN, which a copy does not quieten).
     */
    static float bagStart(int[] offsets, int bag) {
        return offsets[bag] == offsets[bag + 1] ? 0f : -0f;
    }

    /** {@link #bagStart} as a vector of 16 lanes. */
    static FloatVector bagStartVector(int[] offsets, int bag) {
        return offsets[bag] == offsets[bag + 1] ? POSITIVE_ZEROS : NEGATIVE_ZEROS;
    }

    /** {@code out[base + d] += slots[slotOffset + d]} for {@code from <= d < dim} (a cached row's scalar tail). */
    final void addSlot(float[] slots, int slotOffset, int from, float[] out, int base) {
        for (int d = from; d < dim; d++) {
            out[base + d] += slots[slotOffset + d];
        }
    }

    /**
     * True when every bag of the block holds exactly one lookup (then the kernels run one flat loop): offsets
     * {@code firstBag .. endBag} count up by one, compared 16 at a time against {@code offsets[firstBag] - firstBag
     * + bag} (a scalar loop over a task's 128 offsets was about a tenth of an INT8 dim-16 lookup task).
     */
    static boolean isOneHot(BagBlock bags) {
        int[] offsets = bags.offsets();
        int shift = offsets[bags.firstBag()] - bags.firstBag();
        int bag = bags.firstBag();
        for (; bag + INT_LANES <= bags.endBag() + 1; bag += INT_LANES) {
            IntVector expected = IntVector.broadcast(INTS, bag + shift).add(LANE_INDEX);
            if (!IntVector.fromArray(INTS, offsets, bag).eq(expected).allTrue()) {
                return false;
            }
        }
        for (; bag <= bags.endBag(); bag++) {
            if (offsets[bag] != bag + shift) {
                return false;
            }
        }
        return true;
    }
}
