package dev.ember.engine.cache;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrequencyCountersTest {

    @Test
    void exactCountsAndSaturatingCountsAgreeUntilSaturation() {
        FrequencyCounters exact = FrequencyCounters.create(FrequencyCounterKind.EXACT64, 4, 1, 0);
        FrequencyCounters saturating = FrequencyCounters.create(FrequencyCounterKind.SATURATING16, 4, 1, 0);
        for (int step = 0; step < 100; step++) {
            exact.add(1, 700, step);
            saturating.add(1, 700, step);
            exact.add(2, 3, step);
            saturating.add(2, 3, step);
        }
        assertEquals(70_000, exact.count(1));
        assertEquals(65_535, saturating.count(1), "16-bit counts saturate");
        assertEquals(300, saturating.count(2));
        assertEquals(0, saturating.count(3));
        assertEquals(8 * 4, exact.allocatedBytes());
        assertEquals(2 * 4, saturating.allocatedBytes());
    }

    @Test
    void logCountersEstimateCountsWithinTheirResolutionAndAreDeterministic() {
        FrequencyCounters log = FrequencyCounters.create(FrequencyCounterKind.LOG8, 3, 5, 2);
        FrequencyCounters again = FrequencyCounters.create(FrequencyCounterKind.LOG8, 3, 5, 2);
        for (int step = 0; step < 1000; step++) {
            log.add(0, 100, step);
            again.add(0, 100, step);
            log.add(1, 1, step);
            again.add(1, 1, step);
        }
        for (int row = 0; row < 3; row++) {
            assertEquals(log.count(row), again.count(row), "same seed, same counters");
        }
        assertTrue(log.count(0) > log.count(1), "order of counts is kept: " + log.count(0) + " vs " + log.count(1));
        double estimate = (Math.pow(LogFrequencyCounters.BASE, log.count(0)) - 1) / (LogFrequencyCounters.BASE - 1);
        assertTrue(estimate > 100_000 / 2.0 && estimate < 100_000 * 2.0, "estimate of 100000 lookups: " + estimate);
        assertEquals(3, log.allocatedBytes());
    }
}
