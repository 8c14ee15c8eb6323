/**
 * The Criteo click-log text format (Kaggle {@code train.txt} and the 1TB {@code day_N} files):
 * column names, the trainer-facing Parquet schema, reject reasons and a byte-level line parser.
 */
package dev.ember.pipeline.criteo;
