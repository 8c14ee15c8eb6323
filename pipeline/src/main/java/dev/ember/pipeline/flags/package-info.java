/**
 * Validated reading of command-line flags ({@code --key value}) into typed option values.
 * Every unknown key and every bad value is rejected with a message naming the flag and the value.
 */
package dev.ember.pipeline.flags;
