/** Results files: every command writes its figures as JSON and prints the file's path last. */
package dev.ember.jobs.output;
