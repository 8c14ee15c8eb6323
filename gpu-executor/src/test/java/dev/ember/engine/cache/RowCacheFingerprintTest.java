package dev.ember.engine.cache;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one-byte key fingerprints a lookup compares before it reads a tag (RowCache's class comment): keys that share
 * their set and their fingerprint must still be told apart by their tags, empty ways must be found past the last
 * full fingerprint word, and a checkpoint must rebuild the fingerprints.
 */
class RowCacheFingerprintTest {
    private static final int DIM = 2;

    /** Loads row {@code key} as (key, -key); write-backs are recorded. */
    private static final class RecordingBacking implements CacheBacking {
        final List<Long> writtenBack = new ArrayList<>();

        @Override
        public void load(long key, float[] slots, int offset) {
            slots[offset] = key;
            slots[offset + 1] = -key;
        }

        @Override
        public int localTableOf(long key) {
            return 0;
        }

        @Override
        public void writeBack(long key, float[] slots, int offset, long step) {
            writtenBack.add(key);
        }

        @Override
        public long frequency(long key) {
            return 0;
        }
    }

    /** Keys from 0 up that fall in {@code set} and have fingerprint {@code fingerprint}, {@code count} of them. */
    private static List<Long> keysWith(RowCache cache, int set, int fingerprint, int count) {
        List<Long> keys = new ArrayList<>();
        for (long key = 0; keys.size() < count; key++) {
            if (cache.setOf(key) == set && RowCache.fingerprint(key) == fingerprint) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Test
    void keysSharingSetAndFingerprintAreToldApartByTheirTags() {
        // 12 ways: one full fingerprint word and one with 4 ways and 4 padding bytes.
        RowCache cache = new RowCache(24, 12, DIM, CachePolicy.LRU);
        List<Long> twins = keysWith(cache, 1, 77, 6);
        RecordingBacking backing = new RecordingBacking();
        CacheCounters[] counters = {new CacheCounters()};
        for (int i = 0; i < 5; i++) {
            int slot = cache.insert(twins.get(i), 1, backing, counters);
            assertEquals(12 + i, slot, "set 1, ways filled from the lowest empty one");
        }
        for (int i = 0; i < 5; i++) {
            int slot = cache.find(twins.get(i));
            assertEquals(12 + i, slot, "key " + twins.get(i));
            assertEquals(twins.get(i), cache.slots()[RowCache.SLOT_ORIGIN + slot * DIM], 0f);
        }
        assertEquals(-1, cache.find(twins.get(5)), "same set and fingerprint, not cached");
        assertEquals(0, backing.writtenBack.size());
    }

    @Test
    void thirtyTwoWaysFindTwinsInEveryFingerprintWord() {
        // 32 ways (the default): with AVX-512 the first match comes from one vector compare, and a twin behind
        // another (ways 9, 20, 31) from the scan that gathers the four words' matches into one mask; without it,
        // every key from that scan.
        RowCache cache = new RowCache(64, 32, DIM, CachePolicy.LRU);
        List<Long> twins = keysWith(cache, 1, 77, 5);
        List<Long> others = new ArrayList<>();
        for (long key = 0; others.size() < 28; key++) {
            if (cache.setOf(key) == 1 && RowCache.fingerprint(key) != 77) {
                others.add(key);
            }
        }
        int[] twinWays = {3, 9, 20, 31};
        List<Long> byWay = new ArrayList<>(others);
        for (int i = 0; i < twinWays.length; i++) {
            byWay.add(twinWays[i], twins.get(i));
        }
        RecordingBacking backing = new RecordingBacking();
        CacheCounters[] counters = {new CacheCounters()};
        for (int way = 0; way < 32; way++) {
            assertEquals(32 + way, cache.insert(byWay.get(way), 1, backing, counters), "way " + way);
        }
        for (int way = 0; way < 32; way++) {
            assertEquals(32 + way, cache.find(byWay.get(way)), "key " + byWay.get(way) + " in way " + way);
            assertEquals(32 + way, cache.pin(byWay.get(way), 2), "pinned key " + byWay.get(way));
        }
        assertEquals(-1, cache.find(twins.get(4)), "same set and fingerprint as four cached keys, not cached");
        assertEquals(-1, cache.find(byWay.get(0) + 1_000_003L * 64), "another key");
    }

    @Test
    void setRemainderEqualsTheJdksUnsignedRemainder() {
        java.util.Random random = new java.util.Random(5);
        long[] hashes = {0, 1, 2, -1, -2, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL, -0x8000_0000L};
        int[] divisors = {1, 2, 3, 7, 64, 1563, 65_536, 1_000_003, 1 << 30, Integer.MAX_VALUE};
        for (int divisor : divisors) {
            long reciprocal = RowCache.reciprocal(divisor);
            for (int i = 0; i < 100_000 + hashes.length; i++) {
                long hash = i < hashes.length ? hashes[i] : random.nextLong();
                assertEquals(Long.remainderUnsigned(hash, divisor), RowCache.remainder(hash, divisor, reciprocal),
                        hash + " mod " + divisor);
            }
            for (long hash = -1; hash > -1 - 4L * divisor && hash < 0; hash -= Math.max(1, divisor / 97)) {
                assertEquals(Long.remainderUnsigned(hash, divisor), RowCache.remainder(hash, divisor, reciprocal),
                        hash + " mod " + divisor);
            }
        }
    }

    @Test
    void emptyWaysPastTheFirstWordAreFoundAndPaddingIsNeverAWay() {
        RowCache cache = new RowCache(12, 12, DIM, CachePolicy.LRU);
        RecordingBacking backing = new RecordingBacking();
        CacheCounters[] counters = {new CacheCounters()};
        for (long key = 0; key < 12; key++) {
            assertEquals((int) key, cache.insert(key, 1, backing, counters), "fully associative: way = insertion order");
        }
        // Every way is pinned in step 1: a 13th key gets no slot (the 4 padding bytes are not empty ways).
        assertEquals(-1, cache.insert(12, 1, backing, counters));
        assertEquals(1, counters[0].conflictMisses);
        // In step 2 the LRU way (all used in step 1: the lowest) is evicted.
        assertEquals(0, cache.insert(12, 2, backing, counters));
        assertEquals(List.of(0L), backing.writtenBack);
        assertEquals(-1, cache.find(0));
        assertEquals(0, cache.find(12));
    }

    @Test
    void aCheckpointRebuildsTheFingerprints() throws IOException {
        RowCache cache = new RowCache(40, 8, DIM, CachePolicy.LRU);
        RecordingBacking backing = new RecordingBacking();
        CacheCounters[] counters = {new CacheCounters()};
        for (long key = 100; key < 130; key += 3) {
            cache.insert(key, 1, backing, counters);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        cache.write(new DataOutputStream(bytes));
        RowCache restored = new RowCache(40, 8, DIM, CachePolicy.LRU);
        restored.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (long key = 100; key < 130; key++) {
            assertEquals(cache.find(key), restored.find(key), "key " + key);
        }
        assertTrue(restored.find(103) >= 0);
        restored.flush(9, backing);
        assertEquals(-1, restored.find(103), "flush empties the ways and their fingerprints");
        assertEquals(restored.setOf(103) * restored.ways(), restored.insert(103, 10, backing, counters),
                "after a flush the lowest way of the set is empty again");
    }
}
