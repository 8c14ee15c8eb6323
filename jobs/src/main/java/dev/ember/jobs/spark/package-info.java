/** Building the SparkSession: embedded local mode for bin/ember and tests, whatever spark-submit says otherwise. */
package dev.ember.jobs.spark;
