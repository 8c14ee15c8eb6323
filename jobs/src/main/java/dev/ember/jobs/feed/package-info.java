/** The training data feed: columnar batches read from the pipeline's Parquet splits, shuffled within a buffer. */
package dev.ember.jobs.feed;
