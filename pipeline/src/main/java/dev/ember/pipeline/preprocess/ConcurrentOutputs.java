package dev.ember.pipeline.preprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.SparkSession;

/**
 * Writes independent outputs (splits, vocabulary, rejects, checksums) as concurrent Spark jobs,
 * one driver thread each. Spark schedules their tasks first come first served, so the work is the
 * same as one job after the other, but one job's driver-side planning, code generation and commit
 * overlap another job's tasks, and the small jobs fill the cores the last tasks of a big one
 * leave idle. {@link #awaitAll} waits for every job and rethrows the first failure.
 */
final class ConcurrentOutputs implements AutoCloseable {
  private final SparkSession spark;
  private final ExecutorService threads;
  private final List<Future<?>> pending = new ArrayList<>();

  ConcurrentOutputs(SparkSession spark, int maxJobs) {
    this.spark = spark;
    this.threads = Executors.newFixedThreadPool(maxJobs, runnable -> {
      Thread thread = new Thread(runnable, "ember-output");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts one output job on its own driver thread. */
  void submit(Runnable job) {
    pending.add(threads.submit(() -> {
      SparkSession.setActiveSession(spark);
      job.run();
    }));
  }

  /** Waits for every submitted job; throws the first failure (in submission order). */
  void awaitAll() {
    RuntimeException failure = null;
    for (Future<?> future : pending) {
      try {
        future.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException runtime ? runtime
              : new IllegalStateException("Output job failed: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the output jobs", e);
      }
    }
    pending.clear();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
