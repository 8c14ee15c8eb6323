package dev.ember.engine.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent tasks {@code 0 .. n-1} on a fixed number of threads. Callers split work into tasks whose
 * results do not depend on which thread runs them or in which order, so the output is bit-identical
 * whatever the thread count. One thread runs everything inline.
 */
final class ParallelExecutor implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    ParallelExecutor(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    int threads() {
        return threads;
    }

    void forEach(int numTasks, IntConsumer task) {
        if (pool == null || numTasks <= 1) {
            for (int i = 0; i < numTasks; i++) {
                task.accept(i);
            }
            return;
        }
        try {
            pool.submit(() -> IntStream.range(0, numTasks).parallel().forEach(task)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + numTasks + " embedding tasks", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
