/** Columnar training batches and the sources that produce them. */
package dev.ember.engine.data;
