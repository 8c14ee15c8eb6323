package dev.ember.engine.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningRateScheduleTest {

    @Test
    void constantWithoutWarmupOrDecay() {
        LearningRateSchedule schedule = new LearningRateSchedule(0.1, 0, 0, 0);
        assertEquals(0.1f, schedule.rate(0));
        assertEquals(0.1f, schedule.rate(1_000_000));
    }

    @Test
    void warmupRisesLinearlyAsTheReference() {
        LearningRateSchedule schedule = new LearningRateSchedule(1.0, 4, 0, 0);
        // scheduler count c = step + 1; rate = c / W while c < W, then base (no decay configured)
        assertEquals(0.25f, schedule.rate(0));
        assertEquals(0.5f, schedule.rate(1));
        assertEquals(0.75f, schedule.rate(2));
        assertEquals(1.0f, schedule.rate(3));
        assertEquals(1.0f, schedule.rate(50));
    }

    @Test
    void decayIsQuadraticThenFrozen() {
        LearningRateSchedule schedule = new LearningRateSchedule(1.0, 2, 10, 4);
        assertEquals(0.5f, schedule.rate(0));
        // between warm-up and decay the reference keeps its last warm-up rate
        assertEquals(0.5f, schedule.rate(5));
        assertEquals(1.0f, schedule.rate(9)); // c = 10: ((4 - 0) / 4)^2
        assertEquals(0.5625f, schedule.rate(10)); // c = 11: (3/4)^2
        assertEquals(0.25f, schedule.rate(11));
        assertEquals(0.0625f, schedule.rate(12));
        assertEquals(0.0625f, schedule.rate(13)); // frozen at the last decayed rate
        assertEquals(0.0625f, schedule.rate(1000));
    }

    @Test
    void decayNeverGoesBelowTheFloor() {
        LearningRateSchedule schedule = new LearningRateSchedule(1e-6, 0, 0, 1000);
        assertTrue(schedule.rate(998) >= 1e-7f);
    }

    @Test
    void rejectsDecayBeforeWarmupEnds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(0.1, 100, 50, 10));
        assertTrue(e.getMessage().contains("lrDecayStartStep=50"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(-0.1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(Double.NaN, 0, 0, 0));
    }
}
