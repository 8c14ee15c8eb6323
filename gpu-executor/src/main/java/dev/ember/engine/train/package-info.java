/**
 * DLRM training: {@link dev.ember.engine.train.TrainConfig}, the {@link dev.ember.engine.train.Trainer} that
 * drives an {@code EmbeddingCollection} and the dense model step by step, its progress lines, validation
 * curve and report, and resumable checkpoints (sub-package {@code checkpoint}).
 */
package dev.ember.engine.train;
