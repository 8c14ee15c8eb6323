package dev.ember.engine.data;

import dev.ember.engine.metrics.ExactAuc;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlantedDataGeneratorTest {

    @Test
    void deterministicAndSplitSeedsDiffer() {
        PlantedDataGenerator generator = new PlantedDataGenerator(PlantedDataSpec.criteoLike(4, 50, 7));
        PlantedDataset a = generator.generate(300, 1);
        PlantedDataset b = new PlantedDataGenerator(PlantedDataSpec.criteoLike(4, 50, 7)).generate(300, 1);
        assertArrayEquals(a.data().labels(), b.data().labels());
        assertArrayEquals(a.trueLogits(), b.trueLogits());
        assertArrayEquals(a.data().indices()[3], b.data().indices()[3]);
        assertFalse(java.util.Arrays.equals(a.trueLogits(), generator.generate(300, 2).trueLogits()));
    }

    @Test
    void labelsFollowTheTrueLogitsAndBayesAucIsTheirAuc() {
        PlantedDataGenerator generator = new PlantedDataGenerator(PlantedDataSpec.criteoLike(3, 20, 1));
        PlantedDataset data = generator.generate(20_000, 5);
        double predicted = 0;
        double observed = 0;
        for (int i = 0; i < 20_000; i++) {
            predicted += 1 / (1 + Math.exp(-data.trueLogits()[i]));
            observed += data.data().labels()[i];
        }
        assertEquals(predicted / 20_000, observed / 20_000, 0.01, "calibrated labels");
        assertEquals(ExactAuc.compute(data.trueLogits(), data.data().labels(), 20_000), data.bayesOptimalAuc());
        assertTrue(data.bayesOptimalAuc() > 0.7 && data.bayesOptimalAuc() < 0.95, "AUC " + data.bayesOptimalAuc());
    }

    @Test
    void zipfRowsAndMultiHotBags() {
        PlantedDataSpec spec = new PlantedDataSpec(2, new int[] {10_000}, 3, 1.05, 0.0, 0.1, 0.1, 0.0, 4);
        ColumnarData data = new PlantedDataGenerator(spec).generate(10_000, 1).data();
        assertEquals(30_000, data.indices()[0].length);
        int[] counts = new int[10_000];
        for (int row : data.indices()[0]) {
            counts[row]++;
        }
        int[] sorted = java.util.Arrays.stream(counts).sorted().toArray();
        long top5Percent = 0;
        for (int i = sorted.length - 500; i < sorted.length; i++) {
            top5Percent += sorted[i];
        }
        assertTrue(top5Percent > 0.5 * 30_000, "the hottest 5% of rows drew " + top5Percent + " of 30000");
        PlantedDataSpec uniform = new PlantedDataSpec(2, new int[] {10_000}, 1, 0.0, 0.0, 0.1, 0.1, 0.0, 4);
        int[] uniformCounts = new int[10_000];
        for (int row : new PlantedDataGenerator(uniform).generate(30_000, 1).data().indices()[0]) {
            uniformCounts[row]++;
        }
        assertTrue(java.util.Arrays.stream(uniformCounts).max().getAsInt() < 20, "uniform draws");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlantedDataSpec(2, new int[] {0}, 1, 1.0, 0, 0, 0, 0, 1));
        assertEquals("rowsPerTable entries must be >= 1, got [0]", e.getMessage());
    }
}
