package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.FrequencyCounters;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.RowCodec;
import dev.ember.engine.format.RowLayout;
import dev.ember.engine.format.Rounding;
import dev.ember.engine.storage.EmbeddingTable;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TableBackingTest {

    /** Tiny tables between large ones: buckets of the key-to-table index then span several tables. */
    @Test
    void localTableOfAndLocateFindTheTableAndRowOfEveryKey() {
        long[] rows = {3, 1, 70_000, 2, 2, 5, 40_000, 1, 9, 100_000, 4};
        EmbeddingTable[] tables = new EmbeddingTable[rows.length];
        long[] offsets = new long[rows.length];
        RowCodec codec = RowCodec.of(new RowLayout(Precision.INT8, QParamsPrecision.FP16, 4), Rounding.STOCHASTIC);
        long total = 0;
        for (int t = 0; t < rows.length; t++) {
            tables[t] = new EmbeddingTable(t, rows[t], codec, 1 << 20);
            offsets[t] = total;
            total += rows[t];
        }
        TableBacking backing = new TableBacking(tables, offsets, new FrequencyCounters[rows.length], 1);
        long[] everyKey = new long[(int) total];
        int table = 0;
        for (int key = 0; key < total; key++) {
            while (key >= offsets[table] + rows[table]) {
                table++;
            }
            everyKey[key] = table;
        }
        for (int key = 0; key < total; key++) {
            assertEquals(everyKey[key], backing.localTableOf(key), "key " + key);
        }
        SplittableRandom random = new SplittableRandom(7);
        byte[][] chunk = new byte[1][];
        int[] offset = new int[1];
        for (int i = 0; i < 1000; i++) {
            long key = random.nextLong(total);
            int local = (int) everyKey[(int) key];
            long row = key - offsets[local];
            backing.locate(key, chunk, offset, 0);
            assertSame(tables[local].storage().chunk(row), chunk[0], "chunk of key " + key);
            assertEquals(tables[local].storage().offset(row), offset[0], "offset of key " + key);
        }
        assertEquals(TableBacking.indexBytes(rows), backing.indexBytes());
    }

    @Test
    void aSingleTableNeedsNoIndex() {
        RowCodec codec = RowCodec.of(new RowLayout(Precision.FP32, QParamsPrecision.FP32, 4), Rounding.NEAREST);
        TableBacking backing = new TableBacking(new EmbeddingTable[] {new EmbeddingTable(0, 10, codec, 1 << 20)},
                new long[] {0}, new FrequencyCounters[1], 1);
        assertEquals(0, backing.indexBytes());
        assertEquals(0, backing.localTableOf(9));
    }
}
