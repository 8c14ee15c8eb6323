package dev.ember.engine.parallel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed number of threads (the caller plus {@code threads - 1} daemon helpers) that run numbered tasks
 * {@code 0 .. n-1}. Which thread runs which task varies; callers make each task's result independent of that,
 * so the output is bit-identical whatever the thread count. One thread runs everything inline.
 * <p>The caller works too: it wakes up to {@code threads - 1} helpers and then claims tasks from a shared
 * counter, as the helpers do once they run, and it waits only for tasks that were claimed, never for a helper
 * that has not started. A call whose tasks take less time than waking a thread (a batch of 2048 one-id lookups
 * into one table takes about 15 us) is finished by the caller alone; waiting for every helper, or a parallel
 * stream per call, made 2 threads 1.3-4x slower than 1 on such calls.
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ExecutorService helpers;

    /** A pool of {@code threads} (>= 1); helper threads are named {@code name-1}, {@code name-2}, ... */
    public WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        AtomicInteger counter = new AtomicInteger();
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task.accept(i)} for every {@code i} in {@code [0, tasks)} and waits for all of them. A task's
     * failure is rethrown (a checked one wrapped in {@link IllegalStateException}); tasks not yet started then
     * do not run.
     */
    public void run(int tasks, IntConsumer task) {
        if (helpers == null || tasks <= 1) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        Call call = new Call(tasks, task);
        int helperCount = Math.min(threads - 1, tasks - 1);
        for (int h = 0; h < helperCount; h++) {
            helpers.execute(call::work);
        }
        call.work();
        call.awaitDone();
    }

    /** One {@link #run}: a counter of claimed tasks, one of finished tasks, and the first failure. */
    private static final class Call {
        private final int tasks;
        private final IntConsumer task;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private volatile Throwable failure;

        Call(int tasks, IntConsumer task) {
            this.tasks = tasks;
            this.task = task;
        }

        /** Claims and runs tasks until none is left; a helper that starts late finds none and returns. */
        void work() {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
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
            while (finished.get() < tasks) {
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
                throw new IllegalStateException("a worker task failed", t);
            }
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
