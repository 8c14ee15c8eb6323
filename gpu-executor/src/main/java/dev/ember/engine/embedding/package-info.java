/**
 * The embedding tables of a model as one collection: the contract ({@link dev.ember.engine.embedding.EmbeddingCollection}),
 * its configuration, statistics and memory report.
 */
package dev.ember.engine.embedding;
