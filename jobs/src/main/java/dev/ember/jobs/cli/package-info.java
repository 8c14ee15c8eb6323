/** The {@code ember} command line: flag parsing and the commands it dispatches to. */
package dev.ember.jobs.cli;
