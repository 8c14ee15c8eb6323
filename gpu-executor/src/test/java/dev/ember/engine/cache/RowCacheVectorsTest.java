package dev.ember.engine.cache;

import dev.ember.engine.format.VectorSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Vector API set operations of {@link RowCacheVectors} against plain loops over the same words. */
class RowCacheVectorsTest {

    @BeforeEach
    void needsWideVectors() {
        Assumptions.assumeTrue(VectorSupport.wideEnabled(),
                "skipped: needs 512-bit vectors and --add-modules jdk.incubator.vector (RowCache uses its scalar scan then)");
    }

    /** The lowest way with the smallest step below {@code step}, or -1 (design.md's LRU rule, written plainly). */
    private static int leastRecentlyUsedReference(long[] meta, int stepBase, long step) {
        int best = -1;
        for (int way = 0; way < 32; way++) {
            long used = meta[stepBase + way];
            if (used < step && (best < 0 || used < meta[stepBase + best])) {
                best = way;
            }
        }
        return best;
    }

    @Test
    void leastRecentlyUsedMatchesAPlainScan() {
        Random random = new Random(11);
        long[] meta = new long[3 + 32];
        for (int trial = 0; trial < 20_000; trial++) {
            long step = 1 + random.nextInt(40);
            int spread = 1 + random.nextInt(50);
            for (int way = 0; way < 32; way++) {
                // Few distinct values, so ties are common; some ways pinned in this step or later; some never used.
                meta[3 + way] = switch (random.nextInt(8)) {
                    case 0 -> step;
                    case 1 -> step + random.nextInt(3);
                    case 2 -> Long.MIN_VALUE;
                    default -> step - 1 - random.nextInt(spread);
                };
            }
            if (trial % 10 == 0) {
                Arrays.fill(meta, 3, 35, step);
            }
            assertEquals(leastRecentlyUsedReference(meta, 3, step), RowCacheVectors.leastRecentlyUsed(meta, 3, step),
                    "trial " + trial);
        }
    }

    @Test
    void firstMatchFindsTheLowestEqualByte() {
        Random random = new Random(12);
        long[] meta = new long[2 + 4];
        for (int trial = 0; trial < 20_000; trial++) {
            for (int w = 0; w < 4; w++) {
                meta[2 + w] = random.nextLong() & 0x0303030303030303L;
            }
            int fingerprint = random.nextInt(4);
            int expected = RowCacheVectors.NONE;
            for (int way = 31; way >= 0; way--) {
                if ((int) (meta[2 + way / 8] >>> (8 * (way % 8)) & 0xFF) == fingerprint) {
                    expected = way;
                }
            }
            assertEquals(expected, RowCacheVectors.firstMatch(meta, 2, fingerprint), "trial " + trial);
        }
    }
}
