/**
 * Ember's engine: mixed-precision embedding tables with an FP32 row cache, the DLRM model, its
 * optimizers and trainer. Nothing in this module imports Spark; only {@code backend.cuda} imports JCuda.
 * The semantics are those of docs/design.md.
 */
package dev.ember.engine;
