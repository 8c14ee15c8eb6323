/**
 * A throughput harness for the pipeline (generate once, then preprocess end to end and with a
 * reused vocabulary), runnable with plain {@code java -cp}; see docs/pipeline.md.
 */
package dev.ember.pipeline.benchmark;
