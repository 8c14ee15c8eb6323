/**
 * The engine's one thread pool ({@link dev.ember.engine.parallel.WorkerPool}), used by the dense model and by the
 * CPU embedding backend: numbered, independent tasks, so results do not depend on the thread count.
 */
package dev.ember.engine.parallel;
