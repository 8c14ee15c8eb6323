package dev.ember.engine.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InMemoryBatchSourceTest {

    /** Sample i has label i % 2, dense [i, -i], table 0 bag {i}, table 1 bag {i, i+1, ...} of length i % 3. */
    private static ColumnarData numbered(int n) {
        float[] labels = new float[n];
        float[] dense = new float[2 * n];
        int[][] offsets = new int[2][n + 1];
        List<Integer> multi = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            dense[2 * i] = i;
            dense[2 * i + 1] = -i;
            offsets[0][i + 1] = i + 1;
            for (int k = 0; k < i % 3; k++) {
                multi.add(i + k);
            }
            offsets[1][i + 1] = multi.size();
        }
        int[] first = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = i;
        }
        return new ColumnarData(n, 2, labels, dense, offsets,
                new int[][] {first, multi.stream().mapToInt(Integer::intValue).toArray()});
    }

    private static List<Integer> epochOrder(InMemoryBatchSource source, int epoch, int batchSize) {
        List<Integer> order = new ArrayList<>();
        source.startEpoch(epoch);
        for (Batch batch = source.next(batchSize); batch != null; batch = source.next(batchSize)) {
            for (int b = 0; b < batch.size(); b++) {
                int sample = (int) batch.dense()[2 * b];
                order.add(sample);
                assertEquals(-sample, batch.dense()[2 * b + 1]);
                assertEquals(sample % 2, batch.labels()[b]);
                assertEquals(sample, batch.sparse().indices(0)[batch.sparse().offsets(0)[b]]);
                int[] offsets = batch.sparse().offsets(1);
                assertEquals(sample % 3, offsets[b + 1] - offsets[b], "bag length of sample " + sample);
                for (int k = offsets[b]; k < offsets[b + 1]; k++) {
                    assertEquals(sample + k - offsets[b], batch.sparse().indices(1)[k]);
                }
            }
        }
        assertNull(source.next(batchSize));
        return order;
    }

    @Test
    void everySampleOncePerEpochInASeededShuffledOrder() {
        ColumnarData data = numbered(103);
        InMemoryBatchSource source = new InMemoryBatchSource(data, 9, 103);
        List<Integer> first = epochOrder(source, 0, 10);
        assertEquals(103, first.size());
        assertEquals(103, first.stream().distinct().count());
        assertEquals(first, epochOrder(new InMemoryBatchSource(data, 9, 103), 0, 7), "same seed, same order");
        assertNotEquals(first, epochOrder(source, 1, 10), "another epoch, another order");
        assertNotEquals(first, epochOrder(new InMemoryBatchSource(data, 10, 103), 0, 10), "another seed");
    }

    @Test
    void shufflesOnlyWithinBuffers() {
        InMemoryBatchSource source = new InMemoryBatchSource(numbered(40), 1, 10);
        List<Integer> order = epochOrder(source, 0, 16);
        for (int i = 0; i < 40; i++) {
            assertEquals(i / 10, order.get(i) / 10, "sample at position " + i + " left its buffer");
        }
        List<Integer> fileOrder = epochOrder(new InMemoryBatchSource(numbered(12), 1, 1), 0, 5);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), fileOrder);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new InMemoryBatchSource(numbered(4), 1, 0));
        InMemoryBatchSource source = new InMemoryBatchSource(numbered(4), 1, 4);
        assertThrows(IllegalStateException.class, () -> source.next(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColumnarData(2, 1, new float[2], new float[3], new int[0][], new int[0][]));
        assertEquals("Expected labels[2] and dense[2], got labels[2] and dense[3]", e.getMessage());
    }

    @Test
    void sliceKeepsBags() {
        ColumnarData data = numbered(10).slice(4, 3);
        assertArrayEquals(new float[] {0, 1, 0}, data.labels());
        assertArrayEquals(new int[] {0, 1, 3, 3}, data.offsets()[1]);
        assertArrayEquals(new int[] {4, 5, 6}, data.indices()[1]);
    }
}
