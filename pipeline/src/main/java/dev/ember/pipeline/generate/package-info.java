/**
 * {@code ember generate}: Kaggle-shaped synthetic click logs from a hidden label model, written
 * by a distributed Spark job, with the true click probability of every line alongside so the
 * Bayes-optimal AUC is known. Every value is a pure function of (seed, line index), so the
 * output does not depend on the number of files or tasks.
 */
package dev.ember.pipeline.generate;
