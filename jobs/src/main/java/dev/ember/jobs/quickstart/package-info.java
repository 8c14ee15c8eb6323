/** {@code ember quickstart}: the end-to-end path on generated data, FP32 beside INT8 + 5% cache. */
package dev.ember.jobs.quickstart;
