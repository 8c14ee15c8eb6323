/** Flat, chunked primitive storage of embedding rows (no object per row), able to exceed 2 GiB per table. */
package dev.ember.engine.storage;
