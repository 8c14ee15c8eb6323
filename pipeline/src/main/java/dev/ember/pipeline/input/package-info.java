/**
 * Input files: resolving a file, directory or glob (plain or gzip) into ordered byte-range chunks,
 * reading the lines of a chunk with their line numbers, and checksumming whole files.
 * All access goes through Hadoop's FileSystem, so local paths, HDFS and object stores work alike.
 */
package dev.ember.pipeline.input;
