/**
 * Categorical value to table row id mapping: per-column vocabularies built from counts (ids by
 * descending frequency, reserved ids for missing and rare values), saved and reloaded as Parquet,
 * and DLRM-style hashing. Mappers are serializable and broadcast to Spark tasks.
 */
package dev.ember.pipeline.vocabulary;
