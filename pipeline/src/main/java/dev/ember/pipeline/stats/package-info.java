/**
 * Statistics users size embedding caches and vocabularies with: per-table frequency histograms,
 * rows covering a share of accesses, hit rates of an ideal cache; and the JSON metadata writer.
 */
package dev.ember.pipeline.stats;
