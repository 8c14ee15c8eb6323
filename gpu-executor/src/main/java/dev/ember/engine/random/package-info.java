/**
 * Counter-based random numbers keyed by (seed, stream, step, table, row, element) for stochastic rounding
 * and initialization, and seeded synthetic id generators (Zipf) for tests and benchmarks.
 */
package dev.ember.engine.random;
