/** Embedding backends behind {@link dev.ember.engine.embedding.EmbeddingCollection}: CPU (reference) and, later, CUDA. */
package dev.ember.engine.backend;
