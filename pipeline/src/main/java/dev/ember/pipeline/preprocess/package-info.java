/**
 * {@code ember preprocess}: raw Criteo TSV (plain or gzip) to Parquet splits for the trainer,
 * with vocabularies, quarantined rejects and a metadata.json. Two passes over the input: a
 * counting pass (values, line statistics) and one write pass per split; see docs/pipeline.md.
 */
package dev.ember.pipeline.preprocess;
