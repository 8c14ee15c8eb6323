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
    void skewedRowsAndMultiHotBags() {
        PlantedDataSpec spec = new PlantedDataSpec(2, new int[] {1000}, 3, 3.0, 0.0, 0.1, 0.1, 0.0, 4);
        ColumnarData data = new PlantedDataGenerator(spec).generate(2000, 1).data();
        assertEquals(6000, data.indices()[0].length);
        long hot = java.util.Arrays.stream(data.indices()[0]).filter(row -> row < 100).count();
        assertTrue(hot > 0.4 * 6000, "rows below 100 drawn " + hot + " times of 6000");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PlantedDataSpec(2, new int[] {0}, 1, 1.0, 0, 0, 0, 0, 1));
        assertEquals("rowsPerTable entries must be >= 1, got [0]", e.getMessage());
    }
}
