/**
 * The CPU backend of the embedding engine: the reference implementation every other backend is tested
 * against. Deterministic multithreading: the same bits whatever the thread count.
 */
package dev.ember.engine.backend.cpu;
