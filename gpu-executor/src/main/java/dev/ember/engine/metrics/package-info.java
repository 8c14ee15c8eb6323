/**
 * Evaluation of a binary classifier on a split: exact AUC (sort-based, ties averaged), log loss, accuracy at
 * 0.5, mean predicted versus observed click-through rate, accumulated batch by batch.
 */
package dev.ember.engine.metrics;
