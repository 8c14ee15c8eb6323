/** {@code ember train}: options, the driver side of the Spark job, and the task that trains on an executor. */
package dev.ember.jobs.train;
