/**
 * The dense half of DLRM (design.md section 5): bottom and top MLPs through BLAS sgemm, the pairwise dot
 * interaction, sigmoid with binary cross-entropy, and the data-parallel step that splits a batch into fixed
 * lanes so that results do not depend on the number of threads.
 */
package dev.ember.engine.model;
