package dev.ember.engine.parallel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkerPoolTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void everyTaskRunsExactlyOnceInEveryCall(int threads) {
        try (WorkerPool executor = new WorkerPool(threads, "test")) {
            for (int numTasks : new int[] {0, 1, 2, 7, 1000}) {
                for (int call = 0; call < 200; call++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(numTasks);
                    executor.run(numTasks, runs::incrementAndGet);
                    for (int i = 0; i < numTasks; i++) {
                        assertEquals(1, runs.get(i), numTasks + " tasks, call " + call + ": task " + i);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aFailingTaskFailsTheCallWithItsOwnException(int threads) {
        try (WorkerPool executor = new WorkerPool(threads, "test")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () ->
                    executor.run(64, i -> {
                        if (i == 37) {
                            throw new IllegalArgumentException("task 37 failed");
                        }
                    }));
            assertEquals("task 37 failed", error.getMessage());
            // The executor still works after a failed call.
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            executor.run(10, runs::incrementAndGet);
            assertEquals(10, java.util.stream.IntStream.range(0, 10).map(runs::get).sum());
        }
    }
}
