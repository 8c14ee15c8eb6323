package dev.ember.engine.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks {@code 0 .. n-1} on a fixed number of threads. Callers split work into tasks whose
 * results do not depend on which thread runs them or in which order, so the output is bit-identical
 * whatever the thread count. One thread runs everything inline.
 * <p>The calling thread works too: it wakes up to {@code threads - 1} helpers and then claims tasks from a shared
 * counter, as the helpers do once they run. A call whose tasks take less time than waking a thread (a batch of
 * 2048 one-id lookups into one table takes about 15 us) is finished by the caller alone, so a second thread never
 * makes it slower; a parallel stream per call did (2 threads were 1.3-4x slower than 1 on such batches).
 */
final class ParallelExecutor implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    ParallelExecutor(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads - 1) : null;
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
        Call call = new Call(numTasks, task);
        int helpers = Math.min(threads - 1, numTasks - 1);
        for (int h = 0; h < helpers; h++) {
            pool.execute(call::work);
        }
        call.work();
        call.awaitDone();
    }

    /** One {@link #forEach}: a counter of claimed tasks, one of finished tasks, and the first failure. */
    private static final class Call {
        private final int numTasks;
        private final IntConsumer task;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile Throwable failure;

        Call(int numTasks, IntConsumer task) {
            this.numTasks = numTasks;
            this.task = task;
        }

        /** Claims and runs tasks until none is left; a helper that starts late finds none and returns. */
        void work() {
            for (int i = next.getAndIncrement(); i < numTasks; i = next.getAndIncrement()) {
                try {
                    if (failure == null) {
                        task.accept(i);
                    }
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    finished.incrementAndGet();
                }
            }
        }

        /** Waits until every claimed task has finished (helpers still running one), then rethrows a failure. */
        void awaitDone() {
            int spins = 0;
            while (finished.get() < numTasks) {
                if (++spins < 1 << 12) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            Throwable t = failure;
            if (t instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (t instanceof Error error) {
                throw error;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
