/**
 * The FP32 row cache: set-associative, LRU or LFU with FBGEMM's admission rule, write-back on eviction,
 * compact LFU frequency counters, and per-table counters for statistics.
 */
package dev.ember.engine.cache;
