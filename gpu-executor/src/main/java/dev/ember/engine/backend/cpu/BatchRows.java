package dev.ember.engine.backend.cpu;

import java.util.Arrays;

/**
 * The unique rows of one table in one batch, in order of first appearance, with the inverse map from each
 * lookup to its unique row, each row's occurrences, its cache slot, and (for backward) the lookups of each
 * unique row in increasing order (CSR), so gradients are summed in a fixed order.
 */
final class BatchRows {
    int numLookups;
    int numUnique;
    int[] uniqueOfLookup = new int[0];
    int[] bagOfLookup = new int[0];
    int[] uniqueRows = new int[0];
    int[] occurrences = new int[0];
    int[] slotOfUnique = new int[0];
    /** The cache slot of each lookup ({@link #buildSlotOfLookup}, with a cache only, by the pooling tasks). */
    int[] slotOfLookup = new int[0];
    int[] lookupStart = new int[0];
    int[] lookupsByUnique = new int[0];
    /**
     * Open-addressing map from row to unique index, load factor at most 1/2: an entry is
     * {@code (unique << 32) | row}, or {@link #FREE}. Key and value in one {@code long} make a hit one memory access
     * (they were two arrays, two accesses).
     */
    private long[] rowToUnique = new long[0];
    private static final long FREE = -1L;

    /**
     * Deduplicates the table's lookups; ids outside {@code [0, numRows)} throw, naming table, bag and id. The bag of
     * each lookup is filled first, so the deduplication is one flat loop over the lookups: a loop per bag (one
     * iteration each for one-hot bags) cost loop set-up per lookup (docs/engine.md section 1, "No loop per row").
     */
    void build(int table, int batchSize, int[] offsets, int[] indices, long numRows) {
        numLookups = offsets[batchSize];
        ensureCapacity(Math.max(1, numLookups));
        fillBagOfLookup(batchSize, offsets);
        int mask = rowToUnique.length - 1;
        Arrays.fill(rowToUnique, FREE);
        numUnique = 0;
        for (int i = 0; i < numLookups; i++) {
            int row = indices[i];
            if (row < 0 || row >= numRows) {
                throw new IllegalArgumentException("table " + table + ", bag " + bagOfLookup[i] + ": row id " + row
                        + " is outside [0, " + numRows + ")");
            }
            int h = (row * 0x9E3779B1) >>> 7 & mask;
            long entry = rowToUnique[h];
            while (entry != FREE && (int) entry != row) {
                h = (h + 1) & mask;
                entry = rowToUnique[h];
            }
            int unique;
            if (entry != FREE) {
                unique = (int) (entry >>> 32);
                occurrences[unique]++;
            } else {
                unique = numUnique++;
                rowToUnique[h] = ((long) unique << 32) | row;
                uniqueRows[unique] = row;
                occurrences[unique] = 1;
            }
            uniqueOfLookup[i] = unique;
        }
    }

    /** {@code bagOfLookup[i]} for every lookup: {@code i} itself when every bag holds one lookup (Criteo's case). */
    private void fillBagOfLookup(int batchSize, int[] offsets) {
        boolean oneHot = true;
        for (int bag = 0; bag <= batchSize; bag++) {
            oneHot &= offsets[bag] == bag;
        }
        if (oneHot) {
            for (int i = 0; i < batchSize; i++) {
                bagOfLookup[i] = i;
            }
            return;
        }
        for (int bag = 0; bag < batchSize; bag++) {
            for (int i = offsets[bag]; i < offsets[bag + 1]; i++) {
                bagOfLookup[i] = bag;
            }
        }
    }

    /**
     * Copies each unique row's cache slot to lookups {@code [from, to)}, so pooling reads one array per lookup.
     * Pooling tasks call it for their own lookups (no pass of its own, no extra wait for the threads).
     */
    void buildSlotOfLookup(int from, int to) {
        for (int i = from; i < to; i++) {
            slotOfLookup[i] = slotOfUnique[uniqueOfLookup[i]];
        }
    }

    /** Groups lookups by unique row (counting sort), keeping lookup order within each row. */
    void buildLookupsByUnique() {
        int running = 0;
        for (int u = 0; u < numUnique; u++) {
            lookupStart[u] = running;
            running += occurrences[u];
        }
        lookupStart[numUnique] = running;
        int[] cursor = slotCursor();
        System.arraycopy(lookupStart, 0, cursor, 0, numUnique);
        for (int i = 0; i < numLookups; i++) {
            lookupsByUnique[cursor[uniqueOfLookup[i]]++] = i;
        }
    }

    private int[] cursorScratch = new int[0];
    private int[] setScratch = new int[0];

    /** The cache set of each unique row, as phase 1 ({@code CacheLayer.pinHits}) left it in {@link #setScratch}. */
    int[] setOfUnique() {
        return setScratch;
    }

    /** Room for one int per unique row (cache sets during phase 1). */
    int[] setScratch() {
        if (setScratch.length < numUnique) {
            setScratch = new int[Math.max(numUnique, 16)];
        }
        return setScratch;
    }

    private int[] slotCursor() {
        if (cursorScratch.length < numUnique) {
            cursorScratch = new int[Math.max(numUnique, 16)];
        }
        return cursorScratch;
    }

    private void ensureCapacity(int lookups) {
        if (uniqueOfLookup.length < lookups) {
            int size = Math.max(16, lookups);
            uniqueOfLookup = new int[size];
            bagOfLookup = new int[size];
            uniqueRows = new int[size];
            occurrences = new int[size];
            slotOfUnique = new int[size];
            slotOfLookup = new int[size];
            lookupStart = new int[size + 1];
            lookupsByUnique = new int[size];
            int hashSize = Integer.highestOneBit(Math.max(16, size) * 2 - 1) * 2;
            rowToUnique = new long[hashSize];
        }
    }
}
