package dev.ember.engine.cache;

import dev.ember.engine.format.VectorSupport;
import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.storage.MemoryTouch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Set-associative FP32 row cache (design.md section 3) in flat arrays: {@code slots[SLOT_ORIGIN + slot * dim + d]},
 * and per set one block of metadata in {@code meta} ({@link #setBase}): the set's fingerprints, its tags (the cached
 * key, or -1), then its steps of last use. A lookup does not scan the tags: each way has a one-byte fingerprint of
 * its key (0 for an empty way), eight to a {@code long}; a lookup compares the set's fingerprints eight at a time
 * (all 32 of a default set in one vector compare with AVX-512, {@link RowCacheVectors})
 * and reads only the tags whose fingerprint matches (a 32-way set: 32 bytes on one line instead of 256 bytes of
 * tags on 4-5 lines and 32 compares). The three parts of a set are adjacent so that they share one memory page (one
 * address translation, not two: on this VM a translation miss costs about as much as the read). The checkpoint
 * format still writes (tag, last use) per slot; fingerprints are derived from the tags.
 * A key maps to set {@code mix(key) mod numSets}; the set's ways are slots {@code set * ways .. set * ways + ways - 1}.
 * <p>Populate is two-phase like FBGEMM's: all hits of a step are pinned first ({@link #pin}), then the misses
 * are inserted in order ({@link #insert}). Victim rule, shared with the reference implementation in the tests:
 * the lowest empty way if any; else,
 * among ways not used in the current step, LRU takes the smallest (lastUsed, way) and LFU the smallest
 * (frequency, lastUsed, way). LFU admits a missed row only if its frequency is at least the victim's.
 */
public final class RowCache {
    public static final long EMPTY = -1L;
    /**
     * With AVX-512, 32-way sets use {@link RowCacheVectors}: the fingerprints compared in one vector instruction
     * (INT8 + 5% cache training step 1.08-1.13x on one table, 1.26x at DLRM's shape: 26 tables, batch 128) and
     * LRU's victim found without a loop (1.09x on a stream that misses, 1.24x at DLRM's shape).
     */
    private static final boolean VECTOR_SETS = VectorSupport.wideEnabled();
    /**
     * Slot {@code s} is {@code slots()[SLOT_ORIGIN + s * dim ..]}: 12 floats of padding put every slot of dim 16
     * on one 64-byte line, because a {@code float[]}'s data start 16 bytes into the object and an array of over
     * half a G1 region (a cache of 8k dim-16 slots or more with default regions) starts on a region boundary.
     * Unpadded, every such slot spans two lines; pooling then updating random slots measured 1.32-1.39x faster
     * padded (50k and 1.3M slots, one JVM, rounds alternating). Elsewhere the padding costs 48 bytes, no speed.
     */
    public static final int SLOT_ORIGIN = 12;
    /**
     * Longs before the first set's block: when the array starts on a G1 region boundary (a large cache, as for
     * {@link #SLOT_ORIGIN}), its data 16 bytes in, this puts every 32-way set's fingerprints on one 64-byte line.
     */
    static final int META_ORIGIN = 6;
    private final int dim;
    private final int numSets;
    /** {@link #reciprocal} of {@link #numSets}. */
    private final long setReciprocal;
    private final int ways;
    private final CachePolicy policy;
    /**
     * Per set, from {@link #setBase}: {@link #fingerprintWords} longs of fingerprints, {@code ways} tags (the cached
     * key or {@link #EMPTY}), then {@code ways} steps of last use. Byte {@code j} (bits {@code 8j .. 8j + 7}) of
     * fingerprint word {@code w} is way {@code 8w + j}'s: {@link #fingerprint} of its tag, in 1..255, or 0 when the
     * way is empty (the invariant: 0 exactly when the tag is {@link #EMPTY}); bytes past the last way are 0.
     */
    private final long[] meta;
    private final int fingerprintWords;
    /** Longs of one set's block: {@code fingerprintWords + 2 * ways}. */
    private final int setLongs;
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
        this.fingerprintWords = fingerprintWords(ways);
        this.setLongs = fingerprintWords + 2 * ways;
        if (numSlots * dim > Integer.MAX_VALUE - 16 - SLOT_ORIGIN
                || META_ORIGIN + sets * setLongs > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("cache of " + numSlots + " slots x dim " + dim
                    + " exceeds 2^31 floats or metadata words; lower the cache load factor or rows");
        }
        this.numSets = (int) sets;
        this.setReciprocal = reciprocal(this.numSets);
        this.numSlots = (int) numSlots;
        this.meta = new long[META_ORIGIN + this.numSets * setLongs];
        this.slots = new float[SLOT_ORIGIN + (int) (numSlots * dim)];
        for (int slot = 0; slot < numSlots; slot++) {
            meta[tagIndex(slot)] = EMPTY;
            meta[lastUsedIndex(slot)] = Long.MIN_VALUE;
        }
    }

    /** Where the block of {@code set} starts in {@link #meta}: its fingerprint words. */
    private int setBase(int set) {
        return META_ORIGIN + set * setLongs;
    }

    /** Where the tags of {@code set} start in {@link #meta}; its last-use steps follow at {@code + ways}. */
    private int tagBase(int set) {
        return setBase(set) + fingerprintWords;
    }

    /** Where the tag of {@code slot} is in {@link #meta}. */
    private int tagIndex(int slot) {
        return tagBase(slot / ways) + slot % ways;
    }

    /** Where the last-use step of {@code slot} is in {@link #meta}. */
    private int lastUsedIndex(int slot) {
        return tagIndex(slot) + ways;
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

    /** FP32 slot storage; slot {@code s} is {@code slots()[SLOT_ORIGIN + s * dim ..)}, {@code dim} floats. */
    public float[] slots() {
        return slots;
    }

    public long tag(int slot) {
        return meta[tagIndex(slot)];
    }

    public int setOf(long key) {
        return remainder(CounterRandom.mix(key), numSets, setReciprocal);
    }

    /** {@code floor((2^64 - 1) / divisor)} as an unsigned long, for {@link #remainder}. */
    static long reciprocal(int divisor) {
        return Long.divideUnsigned(-1L, divisor);
    }

    /**
     * {@code Long.remainderUnsigned(hash, divisor)} (the same value) with a multiply instead of a 64-bit division,
     * the pin's one division (the set of every unique row, every step; measured 0.98-1.03x, at the noise). Barrett
     * reduction: with {@code reciprocal = floor((2^64 - 1) / divisor)}, the high half of {@code hash * reciprocal}
     * is the quotient or one less, so the remainder needs at most one subtraction. {@code 0 < divisor < 2^31}.
     */
    static int remainder(long hash, int divisor, long reciprocal) {
        // Unsigned high half from the signed one: add back what the signs of the operands subtracted.
        long quotient = Math.multiplyHigh(hash, reciprocal) + ((hash >> 63) & reciprocal) + ((reciprocal >> 63) & hash);
        long rest = hash - quotient * divisor;
        return (int) (rest >= divisor ? rest - divisor : rest);
    }

    private static int fingerprintWords(int ways) {
        return (ways + 7) / 8;
    }

    /** A key's fingerprint, in 1..255 (0 marks an empty way), from the high half of the hash {@link #setOf} reduces. */
    static int fingerprint(long key) {
        return 1 + (int) (((CounterRandom.mix(key) >>> 32) * 255) >>> 32);
    }

    private static final long BYTE_ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    /** The high bit of every byte of {@code word} that equals {@code pattern}'s byte, and no other bit (exact). */
    private static long equalBytes(long word, long pattern) {
        long x = word ^ pattern;
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
    }

    /** Bit {@code j} set when byte {@code j} of {@code word} equals {@code pattern}'s byte (8 bits, 0..255). */
    private static long matchBits(long word, long pattern) {
        // equalBytes leaves bit 8j + 7; the multiply gathers bits 0, 8, .., 56 into the top byte, in order.
        return ((equalBytes(word, pattern) >>> 7) * 0x0102040810204080L) >>> 56;
    }

    /** Sets the fingerprint of {@code way} of {@code set} to {@code value} (0..255). */
    private void setFingerprint(int set, int way, int value) {
        int word = setBase(set) + (way >>> 3);
        int shift = 8 * (way & 7);
        meta[word] = (meta[word] & ~(0xFFL << shift)) | ((long) value << shift);
    }

    /** The slot holding {@code key}, or -1; changes nothing. */
    public int find(long key) {
        return findInSet(setOf(key), key);
    }

    /**
     * {@link #find} given the key's set ({@link #setOf}): batch callers compute sets first and {@link #touchSet}
     * them all, so the scans of different sets overlap their cache misses.
     */
    public int findInSet(int set, long key) {
        int way = findWay(set, key);
        return way < 0 ? -1 : set * ways + way;
    }

    /** The way of {@code set} holding {@code key}, or -1. */
    private int findWay(int set, long key) {
        int fingerprint = fingerprint(key);
        long pattern = fingerprint * BYTE_ONES;
        int wordBase = setBase(set);
        int tagBase = wordBase + fingerprintWords;
        if (fingerprintWords == 4 && VECTOR_SETS) {
            // The first matching way is the key's but for a false match (about 31 / 255 of hits at 32 ways), which
            // falls through to the scan of every match below.
            int first = RowCacheVectors.firstMatch(meta, wordBase, fingerprint);
            if (first == RowCacheVectors.NONE) {
                return -1;
            }
            if (meta[tagBase + first] == key) {
                return first;
            }
        }
        if (fingerprintWords == 4) {
            // 32 ways, the default: the four words' matches as one bit per way, then only the matching tags, with
            // no loop over the words (its exit mispredicted on every lookup: the matching word is random).
            long matches = matchBits(meta[wordBase], pattern) | matchBits(meta[wordBase + 1], pattern) << 8
                    | matchBits(meta[wordBase + 2], pattern) << 16 | matchBits(meta[wordBase + 3], pattern) << 24;
            for (; matches != 0; matches &= matches - 1) {
                int way = Long.numberOfTrailingZeros(matches);
                if (meta[tagBase + way] == key) {
                    return way;
                }
            }
            return -1;
        }
        for (int w = 0; w < fingerprintWords; w++) {
            // A key's fingerprint is never 0, so the padding bytes after the last way never match.
            for (long match = equalBytes(meta[wordBase + w], pattern); match != 0; match &= match - 1) {
                int way = 8 * w + (Long.numberOfTrailingZeros(match) >>> 3);
                if (meta[tagBase + way] == key) {
                    return way;
                }
            }
        }
        return -1;
    }

    /** The lowest empty way of {@code set}, or -1. */
    private int firstEmptyWay(int set) {
        int wordBase = setBase(set);
        if (fingerprintWords == 4 && VECTOR_SETS) {
            int way = RowCacheVectors.firstMatch(meta, wordBase, 0);
            return way < ways ? way : -1;
        }
        for (int w = 0; w < fingerprintWords; w++) {
            long empty = equalBytes(meta[wordBase + w], 0L);
            if (empty != 0) {
                int way = 8 * w + (Long.numberOfTrailingZeros(empty) >>> 3);
                return way < ways ? way : -1;
            }
        }
        return -1;
    }

    /**
     * Populate, phase 1 (for every unique row of the step, before any insertion): a hit pins its slot for the
     * step and returns it; a miss returns -1 and changes nothing. So no row of a batch is evicted by it.
     */
    public int pin(long key, long step) {
        return pinInSet(setOf(key), key, step);
    }

    /** {@link #pin} given the key's set. */
    public int pinInSet(int set, long key, long step) {
        int way = findWay(set, key);
        if (way < 0) {
            return -1;
        }
        meta[tagBase(set) + ways + way] = step;
        return set * ways + way;
    }

    /**
     * Reads the set's fingerprints and returns a value to keep the reads alive: Java has no prefetch
     * instruction, so batch callers touch the sets of all their keys in one loop of independent reads, whose
     * memory latencies the CPU overlaps, before the scans ({@link #findInSet}), which then hit the cache. (Touching
     * a fixed distance ahead inside the scan loop overlapped far fewer: the scans filled the reorder window.)
     */
    public long touchSet(int set) {
        return MemoryTouch.longs(meta, setBase(set), fingerprintWords);
    }

    /**
     * Populate, phase 2 (for every missed row, in order): picks a victim in the row's set, writes it back,
     * loads the row and pins it. Returns the slot, or -1 when the row gets no slot this step (all ways
     * pinned, or refused by LFU admission). Counts conflict misses on the missed row's table and evictions on
     * the victim's table, indexed by {@link CacheBacking#localTableOf}. Rows of different sets are independent,
     * so different sets may be populated concurrently. Equal to {@link #claimInSet} then {@link #fill}.
     */
    public int insert(long key, long step, CacheBacking backing, CacheCounters[] countersByLocalTable) {
        long[] evicted = new long[1];
        int slot = claimInSet(setOf(key), key, step, backing, countersByLocalTable, evicted, 0);
        if (slot >= 0) {
            fill(slot, key, evicted[0], step, backing);
        }
        return slot;
    }

    /**
     * The bookkeeping half of {@link #insert}: chooses the slot, retags and pins it, and counts, but moves no
     * data; {@code evictedOut[index]} receives the key to write back from the slot, or {@link #EMPTY}. A batch
     * claims all its misses in order first (their sets from {@link #setOf}), then {@link #fill}s them: fills are
     * independent of each other (a claimed slot is pinned, so no later claim of the step takes it, and an evicted
     * row is not in the batch), so the fills' memory accesses can be started ahead ({@link #touchSlot}) and overlap.
     */
    public int claimInSet(int set, long key, long step, CacheBacking backing, CacheCounters[] countersByLocalTable,
                          long[] evictedOut, int index) {
        int tagBase = tagBase(set);
        int victim = firstEmptyWay(set);
        evictedOut[index] = EMPTY;
        if (victim < 0) {
            victim = chooseVictim(tagBase, step, backing);
            if (victim < 0 || (policy == CachePolicy.LFU
                    && backing.frequency(key) < backing.frequency(meta[tagBase + victim]))) {
                countersByLocalTable[backing.localTableOf(key)].conflictMisses++;
                return -1;
            }
            long evictedKey = meta[tagBase + victim];
            countersByLocalTable[backing.localTableOf(evictedKey)].evictions++;
            evictedOut[index] = evictedKey;
        }
        meta[tagBase + victim] = key;
        meta[tagBase + ways + victim] = step;
        setFingerprint(set, victim, fingerprint(key));
        return set * ways + victim;
    }

    /** The data half of {@link #insert}: writes {@code evictedKey} (unless {@link #EMPTY}) back, loads {@code key}. */
    public void fill(int slot, long key, long evictedKey, long step, CacheBacking backing) {
        if (evictedKey != EMPTY) {
            backing.writeBack(evictedKey, slots, SLOT_ORIGIN + slot * dim, step);
        }
        backing.load(key, slots, SLOT_ORIGIN + slot * dim);
    }

    /**
     * Reads the set's fingerprints, tags and last-use steps one value per line (as {@link #touchSet}), before
     * {@link #claimInSet}.
     */
    public long touchSetState(int set) {
        return MemoryTouch.longs(meta, setBase(set), setLongs);
    }

    /** Reads a slot (see {@link MemoryTouch}) before {@link #fill}. */
    public long touchSlot(int slot) {
        return MemoryTouch.floats(slots, SLOT_ORIGIN + slot * dim, dim);
    }

    /** The way to evict from the set whose metadata starts at {@code tagBase}, or -1 (all pinned). */
    private int chooseVictim(int tagBase, long step, CacheBacking backing) {
        if (policy == CachePolicy.LRU) {
            return ways == 32 && VECTOR_SETS ? RowCacheVectors.leastRecentlyUsed(meta, tagBase + ways, step)
                    : leastRecentlyUsed(tagBase + ways, step);
        }
        int best = -1;
        long bestFrequency = Long.MAX_VALUE;
        long bestLastUsed = Long.MAX_VALUE;
        boolean lfu = policy == CachePolicy.LFU;
        for (int way = 0; way < ways; way++) {
            long used = meta[tagBase + ways + way];
            if (used >= step) {
                continue;
            }
            long frequency = lfu ? backing.frequency(meta[tagBase + way]) : 0L;
            if (frequency < bestFrequency || (frequency == bestFrequency && used < bestLastUsed)) {
                best = way;
                bestFrequency = frequency;
                bestLastUsed = used;
            }
        }
        return best;
    }

    /**
     * LRU's victim: the way with the smallest last-use step below {@code step} (the lowest such way on a tie), or -1
     * when every way was used in this step. Written without branches on the steps (selects instead), because which
     * way wins is random and the branches of a compare-and-skip scan mispredicted several times per set.
     */
    private int leastRecentlyUsed(int stepBase, long step) {
        long best = Long.MAX_VALUE;
        int bestWay = -1;
        for (int way = 0; way < ways; way++) {
            long used = meta[stepBase + way];
            long candidate = used < step ? used : Long.MAX_VALUE;
            boolean better = candidate < best;
            best = better ? candidate : best;
            bestWay = better ? way : bestWay;
        }
        return bestWay;
    }

    /** Writes every cached row back (keyed by {@code flushStep}) and empties the cache. */
    public void flush(long flushStep, CacheBacking backing) {
        for (int slot = 0; slot < numSlots; slot++) {
            int tag = tagIndex(slot);
            if (meta[tag] != EMPTY) {
                backing.writeBack(meta[tag], slots, SLOT_ORIGIN + slot * dim, flushStep);
                meta[tag] = EMPTY;
                meta[tag + ways] = Long.MIN_VALUE;
            }
        }
        for (int set = 0; set < numSets; set++) {
            Arrays.fill(meta, setBase(set), setBase(set) + fingerprintWords, 0L);
        }
    }

    /** Bytes of the FP32 slots, with the {@link #SLOT_ORIGIN} padding (48 bytes per cache). */
    public long slotBytes() {
        return 4L * slots.length;
    }

    /** {@link #slotBytes} of a cache of {@code numSlots} slots of {@code dim} floats. */
    public static long slotBytes(long numSlots, int dim) {
        return 4L * (SLOT_ORIGIN + numSlots * dim);
    }

    /** Bytes of tags, last-use steps and fingerprints. */
    public long metadataBytes() {
        return 8L * meta.length;
    }

    /**
     * {@link #metadataBytes} of a cache of {@code numSlots} slots in sets of {@code ways}: 16 bytes a slot (tag, last
     * use), per set its fingerprints (one byte a way, rounded up to 8), and the {@link #META_ORIGIN} padding
     * ({@code numSlots} is a multiple of ways).
     */
    public static long metadataBytes(long numSlots, int ways) {
        return 16L * numSlots + 8L * (numSlots / ways) * fingerprintWords(ways) + 8L * META_ORIGIN;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(numSlots);
        for (int slot = 0; slot < numSlots; slot++) {
            out.writeLong(meta[tagIndex(slot)]);
            out.writeLong(meta[lastUsedIndex(slot)]);
        }
        for (int i = SLOT_ORIGIN; i < slots.length; i++) {
            out.writeFloat(slots[i]);
        }
    }

    public void read(DataInput in) throws IOException {
        int stored = in.readInt();
        if (stored != numSlots) {
            throw new IOException("checkpoint cache has " + stored + " slots, this cache has " + numSlots);
        }
        for (int slot = 0; slot < numSlots; slot++) {
            long tag = in.readLong();
            meta[tagIndex(slot)] = tag;
            meta[lastUsedIndex(slot)] = in.readLong();
            setFingerprint(slot / ways, slot % ways, tag == EMPTY ? 0 : fingerprint(tag));
        }
        for (int i = SLOT_ORIGIN; i < slots.length; i++) {
            slots[i] = in.readFloat();
        }
    }
}
