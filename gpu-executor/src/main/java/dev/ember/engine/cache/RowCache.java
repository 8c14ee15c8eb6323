package dev.ember.engine.cache;

import dev.ember.engine.random.CounterRandom;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Set-associative FP32 row cache (design.md section 3) in flat arrays: {@code metadata[2 * slot]} (the cached key,
 * or -1) and {@code metadata[2 * slot + 1]} (step of last use), interleaved so that a set's metadata is
 * contiguous, and {@code slots[slot * dim + d]}. A key maps to set {@code mix(key) mod numSets}; the set's
 * ways are slots {@code set * ways .. set * ways + ways - 1}.
 * <p>Populate is two-phase like FBGEMM's: all hits of a step are pinned first ({@link #pin}), then the misses
 * are inserted in order ({@link #insert}). Victim rule, shared with the reference implementation in the tests:
 * the lowest empty way if any; else,
 * among ways not used in the current step, LRU takes the smallest (lastUsed, way) and LFU the smallest
 * (frequency, lastUsed, way). LFU admits a missed row only if its frequency is at least the victim's.
 */
public final class RowCache {
    public static final long EMPTY = -1L;

    private final int dim;
    private final int numSets;
    private final int ways;
    private final CachePolicy policy;
    /** Per slot, interleaved so one set's metadata is contiguous: {@code [2s] = tag, [2s + 1] = last-use step}. */
    private final long[] metadata;
    private final int numSlots;
    private final float[] slots;

    /** A cache of at least {@code capacity} slots (rounded up to whole sets). */
    public RowCache(long capacity, int requestedWays, int dim, CachePolicy policy) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be >= 1 slot, got " + capacity);
        }
        this.dim = dim;
        this.policy = policy;
        this.ways = (int) Math.min(requestedWays, capacity);
        long sets = (capacity + ways - 1) / ways;
        long numSlots = sets * ways;
        if (numSlots * dim > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("cache of " + numSlots + " slots x dim " + dim
                    + " exceeds 2^31 floats; lower the cache load factor or rows");
        }
        this.numSets = (int) sets;
        this.numSlots = (int) numSlots;
        this.metadata = new long[2 * this.numSlots];
        this.slots = new float[(int) (numSlots * dim)];
        for (int slot = 0; slot < numSlots; slot++) {
            metadata[2 * slot] = EMPTY;
            metadata[2 * slot + 1] = Long.MIN_VALUE;
        }
    }

    public int numSlots() {
        return numSlots;
    }

    public int ways() {
        return ways;
    }

    public int numSets() {
        return numSets;
    }

    public CachePolicy policy() {
        return policy;
    }

    /** FP32 slot storage; slot {@code s} is {@code slots()[s * dim .. s * dim + dim)}. */
    public float[] slots() {
        return slots;
    }

    public long tag(int slot) {
        return metadata[2 * slot];
    }

    public int setOf(long key) {
        return (int) Long.remainderUnsigned(CounterRandom.mix(key), numSets);
    }

    /** The slot holding {@code key}, or -1; changes nothing. */
    public int find(long key) {
        int base = setOf(key) * ways;
        for (int way = 0; way < ways; way++) {
            if (metadata[2 * (base + way)] == key) {
                return base + way;
            }
        }
        return -1;
    }

    /**
     * Populate, phase 1 (for every unique row of the step, before any insertion): a hit pins its slot for the
     * step and returns it; a miss returns -1 and changes nothing. So no row of a batch is evicted by it.
     */
    public int pin(long key, long step) {
        int slot = find(key);
        if (slot >= 0) {
            metadata[2 * slot + 1] = step;
        }
        return slot;
    }

    /**
     * Populate, phase 2 (for every missed row, in order): picks a victim in the row's set, writes it back,
     * loads the row and pins it. Returns the slot, or -1 when the row gets no slot this step (all ways
     * pinned, or refused by LFU admission). Counts conflict misses on the missed row's table and evictions on
     * the victim's table, indexed by {@link CacheBacking#localTableOf}. Rows of different sets are independent,
     * so different sets may be populated concurrently.
     */
    public int insert(long key, long step, CacheBacking backing, CacheCounters[] countersByLocalTable) {
        int base = setOf(key) * ways;
        int victim = -1;
        for (int way = 0; way < ways; way++) {
            if (metadata[2 * (base + way)] == EMPTY) {
                victim = base + way;
                break;
            }
        }
        if (victim < 0) {
            victim = chooseVictim(base, step, backing);
            if (victim < 0 || (policy == CachePolicy.LFU
                    && backing.frequency(key) < backing.frequency(metadata[2 * victim]))) {
                countersByLocalTable[backing.localTableOf(key)].conflictMisses++;
                return -1;
            }
            countersByLocalTable[backing.localTableOf(metadata[2 * victim])].evictions++;
            backing.writeBack(metadata[2 * victim], slots, victim * dim, step);
        }
        backing.load(key, slots, victim * dim);
        metadata[2 * victim] = key;
        metadata[2 * victim + 1] = step;
        return victim;
    }

    private int chooseVictim(int base, long step, CacheBacking backing) {
        int best = -1;
        long bestFrequency = Long.MAX_VALUE;
        long bestLastUsed = Long.MAX_VALUE;
        boolean lfu = policy == CachePolicy.LFU;
        for (int way = 0; way < ways; way++) {
            int slot = base + way;
            long used = metadata[2 * slot + 1];
            if (used >= step) {
                continue;
            }
            long frequency = lfu ? backing.frequency(metadata[2 * slot]) : 0L;
            if (frequency < bestFrequency || (frequency == bestFrequency && used < bestLastUsed)) {
                best = slot;
                bestFrequency = frequency;
                bestLastUsed = used;
            }
        }
        return best;
    }

    /** Writes every cached row back (keyed by {@code flushStep}) and empties the cache. */
    public void flush(long flushStep, CacheBacking backing) {
        for (int slot = 0; slot < numSlots; slot++) {
            if (metadata[2 * slot] != EMPTY) {
                backing.writeBack(metadata[2 * slot], slots, slot * dim, flushStep);
                metadata[2 * slot] = EMPTY;
                metadata[2 * slot + 1] = Long.MIN_VALUE;
            }
        }
    }

    /** Bytes of the FP32 slots. */
    public long slotBytes() {
        return 4L * slots.length;
    }

    /** Bytes of tags and last-use steps. */
    public long metadataBytes() {
        return 8L * metadata.length;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(numSlots);
        for (int slot = 0; slot < numSlots; slot++) {
            out.writeLong(metadata[2 * slot]);
            out.writeLong(metadata[2 * slot + 1]);
        }
        for (float value : slots) {
            out.writeFloat(value);
        }
    }

    public void read(DataInput in) throws IOException {
        int stored = in.readInt();
        if (stored != numSlots) {
            throw new IOException("checkpoint cache has " + stored + " slots, this cache has " + numSlots);
        }
        for (int slot = 0; slot < numSlots; slot++) {
            metadata[2 * slot] = in.readLong();
            metadata[2 * slot + 1] = in.readLong();
        }
        for (int i = 0; i < slots.length; i++) {
            slots[i] = in.readFloat();
        }
    }
}
